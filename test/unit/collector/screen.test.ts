// Per-event screening of a batch (src/collector/screen.ts) and exact token text
// (src/util/token-text.ts): pure.
import { MAX_EVENT_DEPTH, screenEvents, tooDeep } from '../../../src/collector/screen';
import { bearerToken, credentialDigest, isDeviceCredential, mintDeviceCredential, tokenSet } from '../../../src/collector/auth';
import { parseTokenText, tokenProblem } from '../../../src/util/token-text';
import { redactor } from '../../../src/log/redact';
import { makeEvent } from '../../integration/collector/events';

describe('#tooDeep', () => {
  const nest = (n: number): unknown => {
    let v: unknown = 1;
    for (let i = 0; i < n; i++) v = { a: v };
    return v;
  };

  it('accepts nesting up to the cap and names the path past it', () => {
    expect(tooDeep(nest(MAX_EVENT_DEPTH), MAX_EVENT_DEPTH)).toBeUndefined();
    expect(tooDeep(nest(MAX_EVENT_DEPTH + 1), MAX_EVENT_DEPTH)).toBe(`$${'.a'.repeat(MAX_EVENT_DEPTH)}`);
  });

  it('walks 100,000 levels without recursion', () => {
    expect(tooDeep(nest(100_000), MAX_EVENT_DEPTH)).toMatch(/^\$(\.a){32}$/);
    expect(tooDeep([[[[1]]]], 3)).toBe('$[0][0][0]');
  });
});

describe('#screenEvents', () => {
  it('rejects each bad event alone, with a code, in batch order', () => {
    const good = makeEvent({}, 'dev-a');
    const other = makeEvent({}, 'dev-b');
    const bad = { ...makeEvent({}, 'dev-a'), kind: 'nope' };
    const deep = { ...makeEvent({}, 'dev-a'), detail: { x: JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`) as unknown } };

    const r = screenEvents([good, other, bad, deep, null], 'dev-a');

    expect(r.good).toEqual([good]);
    expect(r.rejected.map((x) => [x.index, x.code])).toEqual([
      [1, 'DEVICE_MISMATCH'],
      [2, 'EVENT_INVALID'],
      [3, 'EVENT_TOO_DEEP'],
      [4, 'EVENT_INVALID'],
    ]);
    expect(r.rejected[2]?.reason).toMatch(/^\$\.detail\.x(\.a)+: nested deeper/);
  });

  it('reads a leap second as the next second, as the agent reads `expires`', () => {
    const leap = makeEvent({ time: '2016-12-31T23:59:60Z' }, 'dev-a');
    const offset = makeEvent({ time: '2016-12-31T18:59:60-05:00' }, 'dev-a');
    const r = screenEvents([leap, offset], 'dev-a');
    expect(r.rejected).toEqual([]);
    expect(r.good.map((e) => e.time)).toEqual(['2017-01-01T00:00:00.000Z', '2017-01-01T00:00:00.000Z']);
    // An ordinary time is stored as sent.
    const plain = makeEvent({ time: '2016-12-31T23:59:59+01:00' }, 'dev-a');
    expect(screenEvents([plain], 'dev-a').good[0]?.time).toBe('2016-12-31T23:59:59+01:00');
  });

  it.each(['2016-12-31T12:59:60Z', '2026-02-30T00:00:00Z', '2026-12-03T10:00:00', 'now'])('rejects the time %s', (time) => {
    const r = screenEvents([makeEvent({ time }, 'dev-a')], 'dev-a');
    expect(r.good).toEqual([]);
    expect(['EVENT_INVALID', 'TIME_INVALID']).toContain(r.rejected[0]?.code);
  });

  it('binds nothing for a shared-token caller the operator let through', () => {
    expect(screenEvents([makeEvent({}, 'dev-x')], undefined).good).toHaveLength(1);
  });
});

describe('tokens', () => {
  it('takes a bearer header exactly', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    for (const h of ['Bearer  abc', 'bearer abc', 'Bearer abc ', 'Bearer\tabc', 'Bearer a c', undefined])
      expect(bearerToken(h)).toBeUndefined();
  });

  it('compares shared tokens exactly', () => {
    const t = tokenSet(['enroll-0123456789abcdef']);
    expect(t.has('enroll-0123456789abcdef')).toBe(true);
    expect(t.has(' enroll-0123456789abcdef')).toBe(false);
    expect(t.has('enroll-0123456789abcdef\n')).toBe(false);
  });

  it('mints 256-bit device credentials, kept as SHA-256, masked in logs by shape', () => {
    const a = mintDeviceCredential();
    expect(isDeviceCredential(a)).toBe(true);
    expect(a).not.toBe(mintDeviceCredential());
    expect(Buffer.from(a.slice(5), 'base64url')).toHaveLength(32);
    expect(credentialDigest(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(redactor.redactString(`sent ${a}.`)).toBe('sent [REDACTED].');
  });

  it('reads token files: one trailing newline stripped, comments skipped, whitespace refused', () => {
    expect(parseTokenText('tok-1\n')).toEqual({ tokens: ['tok-1'] });
    expect(parseTokenText('tok-1\r\n')).toEqual({ tokens: ['tok-1'] });
    expect(parseTokenText('# rotation\ntok-1\ntok-2')).toEqual({ tokens: ['tok-1', 'tok-2'] });
    expect(parseTokenText('tok-1 \n')).toEqual({ problem: expect.stringContaining('surrounding whitespace'), line: 1 });
    expect(parseTokenText('tok-1\r\ntok-2\r\n')).toEqual({ problem: expect.stringContaining('CRLF'), line: 1 });
    expect(parseTokenText(' tok-1')).toMatchObject({ line: 1 });
    expect(tokenProblem('a b')).toBe('contains whitespace');
  });
});
