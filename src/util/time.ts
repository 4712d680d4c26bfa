// One strict RFC 3339 date-time parser for every time we read from outside (allowlist
// `expires`, lint, and anything else that compares times). Date.parse is not used: it
// returns NaN for a leap second (`23:59:60Z`), and `now > NaN` is false, so a policy
// expiring on a leap second would never expire. It is also lenient about shapes RFC 3339
// forbids (`2026-02-30`, a missing offset read as local time).
//
// A leap second counts as the first instant of the next second (POSIX time has no :60):
// `2016-12-31T23:59:60Z` is 2017-01-01T00:00:00Z. RFC 3339 §5.7 allows :60 only where a
// leap second can occur, at 23:59 UTC; elsewhere it is refused, like ajv-formats does.

// The shapes the schemas' `date-time` format (ajv-formats) accepts, so that what passes
// validation always parses here: `T`, `t` or a space; `Z`, `z`, `+HH:MM`, `+HHMM`, `+HH`.
const RE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2})(?::?(\d{2}))?)$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS[month - 1];
}

/**
 * Milliseconds since the epoch for an RFC 3339 date-time with a time zone, or undefined
 * when `text` is not one. Fractions beyond milliseconds are truncated.
 */
export function parseRfc3339(text: string): number | undefined {
  if (typeof text !== 'string' || text.length > 64) return undefined;
  const m = RE.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  let offsetMin = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11] ?? 0);
    if (oh > 23 || om > 59) return undefined;
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, 0, 0);
  // The UTC wall time, without the seconds, decides whether :60 is allowed.
  const utcMinutes = wall.getTime() / 60_000 - offsetMin;
  if (second === 60) {
    const minuteOfDay = ((utcMinutes % 1440) + 1440) % 1440;
    if (minuteOfDay !== 23 * 60 + 59) return undefined;
  }
  // Second 60 becomes second 0 of the next minute through plain arithmetic.
  return utcMinutes * 60_000 + second * 1000 + ms;
}

/** Like parseRfc3339, for values already validated by the schema; throws when not a date-time. */
export function rfc3339Ms(text: string, what = 'time'): number {
  const ms = parseRfc3339(text);
  if (ms === undefined) throw new RangeError(`${what} ${JSON.stringify(text.slice(0, 64))} is not an RFC 3339 date-time with a time zone`);
  return ms;
}
