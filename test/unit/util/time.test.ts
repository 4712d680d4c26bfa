// The one RFC 3339 parser: leap seconds are real instants (issue 14 item 6: a
// `23:59:60Z` expiry never expired because Date.parse returned NaN), impossible dates are
// refused, and whatever the schemas' `date-time` format accepts parses.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parseRfc3339 } from '../../../src/util/time';

describe('parseRfc3339', () => {
  it('reads a leap second as the first instant of the next second', () => {
    expect(parseRfc3339('2016-12-31T23:59:60Z')).toBe(Date.parse('2017-01-01T00:00:00Z'));
    expect(parseRfc3339('2016-12-31T23:59:60.5Z')).toBe(Date.parse('2017-01-01T00:00:00.500Z'));
    // 15:59:60 at -08:00 is 23:59:60 UTC.
    expect(parseRfc3339('2016-12-31T15:59:60-08:00')).toBe(Date.parse('2017-01-01T00:00:00Z'));
    expect(Date.parse('2016-12-31T23:59:60Z')).toBeNaN(); // why this module exists
  });

  it('refuses :60 where no leap second can be', () => {
    expect(parseRfc3339('2016-12-31T12:00:60Z')).toBeUndefined();
    expect(parseRfc3339('2016-12-31T23:58:60Z')).toBeUndefined();
    expect(parseRfc3339('2016-12-31T23:59:61Z')).toBeUndefined();
  });

  it('agrees with Date.parse on ordinary times, offsets and fractions', () => {
    for (const t of [
      '2026-12-31T00:00:00Z',
      '2026-06-01T12:34:56.789+02:00',
      '2026-06-01t12:34:56z',
      '2000-02-29T23:59:59-11:30',
      '1970-01-01T00:00:00Z',
    ]) {
      expect(parseRfc3339(t)).toBe(Date.parse(t.toUpperCase()));
    }
    expect(parseRfc3339('0050-01-01T00:00:00Z')).toBe(Date.parse('0050-01-01T00:00:00Z'));
  });

  it('refuses what is not an RFC 3339 date-time with a zone', () => {
    for (const t of [
      '2026-02-30T00:00:00Z',
      '2025-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T00:00:00',
      'tomorrow',
      '',
      '2026-01-01',
      '2026-01-01T00:00:00+24:00',
      `2026-01-01T00:00:00.${'1'.repeat(80)}Z`,
    ]) {
      expect(parseRfc3339(t)).toBeUndefined();
    }
  });

  it('parses every value the date-time format accepts (seeded fuzz, 20,000 inputs)', () => {
    const ajv = new Ajv();
    addFormats(ajv, ['date-time']);
    const valid = ajv.compile({ type: 'string', format: 'date-time' });
    let seed = 14;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const zone = ['Z', 'z', `+${pad(rnd(25))}:${pad(rnd(61))}`, `-${pad(rnd(24))}${pad(rnd(60))}`, `+${pad(rnd(24))}`][rnd(5)];
      const t = `${pad(1 + rnd(9999), 4)}-${pad(rnd(14))}-${pad(rnd(33))}${'Tt '[rnd(3)]}${pad(rnd(25))}:${pad(rnd(61))}:${pad(rnd(62))}${rnd(3) === 0 ? '.' + rnd(1000) : ''}${zone}`;
      if (!valid(t)) continue;
      accepted++;
      const ms = parseRfc3339(t);
      expect([t, ms === undefined || Number.isNaN(ms)]).toEqual([t, false]);
    }
    expect(accepted).toBeGreaterThan(1000);
  });
});
