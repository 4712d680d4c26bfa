import { effectOf, postureOf, subjectKey } from '../../../src/collector/store/findings';
import { createRateLimiter } from '../../../src/collector/ratelimit';
import { tokenSet } from '../../../src/collector/auth';
import { deviceFilter, eventFilter, findingFilter, summaryParams } from '../../../src/collector/params';
import { encodeCursor } from '../../../src/collector/store/cursor';
import { parseListen, loadTokens } from '../../../src/collector/config';
import { parseDbUrl, describeDb } from '../../../src/collector/store';
import { Metrics } from '../../../src/collector/metrics';
import { csv, csvField, parseDuration, parseWhen, table } from '../../../src/collector/admin/format';
import { redactor } from '../../../src/log/redact';

const q = (s: string) => new URLSearchParams(s);
const server = { name: 'gh', scope: 'user' as const };

describe('#effectOf (open drift rules)', () => {
  it.each([
    ['server.unapproved', 'none', 'open'],
    ['server.unapproved', 'failed', 'open'],
    ['server.pin_mismatch', 'none', 'open'],
    ['credential.exposed', 'none', 'open'],
    ['settings.drift', 'none', 'open'],
    ['server.unapproved', 'removed', 'close'],
    ['server.unapproved', 'quarantined', 'close'],
    ['credential.exposed', 'migrated', 'close'],
    ['server.removed', 'removed', 'close'],
    ['credential.migrated', 'migrated', 'close'],
    ['settings.fixed', 'fixed', 'close'],
    ['server.unapproved', 'renamed', 'none'],
    ['agent.heartbeat', 'none', 'none'],
    ['policy.rejected', 'none', 'none'],
  ] as const)('%s with action %s: %s', (kind, action, type) => {
    expect(effectOf({ kind, action, server, file: '/f' }).type).toBe(type);
  });

  it('closes every finding of an entry when it is removed, one credential when migrated', () => {
    expect(effectOf({ kind: 'server.removed', action: 'removed', server, file: '/f' })).toEqual({
      type: 'close',
      scope: { type: 'entry', subject: { file: '/f', scope: 'user', serverName: 'gh', credential: '' } },
    });
    expect(
      effectOf({ kind: 'credential.migrated', action: 'migrated', server, file: '/f', credential: { name: 'TOKEN', location: 'env' } }),
    ).toEqual({
      type: 'close',
      scope: { type: 'exact', kind: 'credential.exposed', subject: { file: '/f', scope: 'user', serverName: 'gh', credential: 'TOKEN' } },
    });
  });

  it('gives one subject one key', () => {
    const s = { file: '/f', scope: 'user', serverName: 'gh', credential: '' };
    expect(subjectKey(s)).toBe(subjectKey({ ...s }));
    expect(subjectKey(s)).not.toBe(subjectKey({ ...s, scope: 'local' }));
  });

  it('reads a heartbeat posture loosely, dropping findings of kinds that never open', () => {
    expect(postureOf({ detail: { compliant: 'yes' } })).toEqual({ compliant: null });
    expect(
      postureOf({ detail: { compliant: false, findings: [{ kind: 'server.unapproved', server }, { kind: 'agent.started' }, 7] } }),
    ).toEqual({
      compliant: false,
      findings: [{ kind: 'server.unapproved', file: '', scope: 'user', serverName: 'gh', credential: '' }],
    });
  });
});

describe('query parameters', () => {
  it('parses every event filter', () => {
    const f = eventFilter(
      q(
        'device=a,b&device=c&kind=server.unapproved&severity=high&since=2024-05-01T00:00:00Z&until=2024-05-02T00:00:00%2B02:00&limit=5&order=asc',
      ),
    );
    expect(f).toEqual({
      devices: ['a', 'b', 'c'],
      kinds: ['server.unapproved'],
      minSeverity: 3,
      sinceMs: Date.parse('2024-05-01T00:00:00Z'),
      untilMs: Date.parse('2024-05-01T22:00:00Z'),
      order: 'asc',
      limit: 5,
      after: undefined,
    });
    expect(eventFilter(q('cursor=' + encodeCursor([5, 'x']))).after).toEqual([5, 'x']);
  });

  it.each([
    'device=a%20b',
    'kind=server.nope',
    'severity=urgent',
    'since=yesterday',
    'since=2024-05-01',
    'limit=0',
    'limit=1001',
    'limit=1e3',
    'order=up',
    'cursor=!!',
    `cursor=${encodeCursor(['x', 5])}`,
    'bogus=1',
    `device=${'a,'.repeat(60)}`,
  ])('refuses %s with a 400', (s) => {
    expect(() => eventFilter(q(s))).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('parses device, finding and summary filters', () => {
    expect(deviceFilter(q('status=noncompliant&kind=server.unapproved&staleAfter=60'), 100_000)).toMatchObject({
      status: 'noncompliant',
      driftKinds: ['server.unapproved'],
      staleBeforeMs: 40_000,
      limit: 100,
    });
    expect(() => deviceFilter(q('status=maybe'), 0)).toThrow(expect.objectContaining({ code: 'INVALID_FILTER' }));
    expect(findingFilter(q('device=d1&kind=credential.exposed'))).toMatchObject({ devices: ['d1'], kinds: ['credential.exposed'] });
    expect(summaryParams(q(''))).toEqual({ staleAfterMs: 86_400_000 });
    expect(() => summaryParams(q('staleAfter=-1'))).toThrow(expect.objectContaining({ code: 'INVALID_FILTER' }));
  });
});

describe('#createRateLimiter', () => {
  it('allows a burst, then refills at the sustained rate, per key', () => {
    const l = createRateLimiter({ perSecond: 2, burst: 3 });
    expect([l.take('a', 0), l.take('a', 0), l.take('a', 0)]).toEqual([0, 0, 0]);
    expect(l.take('a', 0)).toBe(500);
    expect(l.take('b', 0)).toBe(0);
    expect(l.take('a', 500)).toBe(0);
  });

  it('forgets the least recently used keys beyond its cap', () => {
    const l = createRateLimiter({ perSecond: 1, burst: 1, maxKeys: 2 });
    l.take('a', 0);
    l.take('b', 0);
    l.take('c', 0);
    expect(l.take('a', 0)).toBe(0);
  });

  it('can be switched off', () => {
    const l = createRateLimiter({ perSecond: 0, burst: 1 });
    for (let i = 0; i < 100; i++) expect(l.take('a', 0)).toBe(0);
  });
});

describe('#tokenSet', () => {
  it('matches any configured bearer token and nothing else', () => {
    const t = tokenSet(['token-one-0123456789', 'token-two-0123456789']);
    expect(t.matches('Bearer token-one-0123456789')).toBe(true);
    expect(t.matches('Bearer token-two-0123456789')).toBe(true);
    expect(t.matches('Bearer token-one-012345678')).toBe(false);
    expect(t.matches('bearer token-one-0123456789')).toBe(false);
    expect(t.matches('token-one-0123456789')).toBe(false);
    expect(t.matches(undefined)).toBe(false);
    expect(t.matches('Bearer ')).toBe(false);
    expect(redactor.redactString('x token-two-0123456789 y')).not.toContain('token-two');
  });
});

describe('collector settings', () => {
  it.each([
    ['127.0.0.1:8443', { host: '127.0.0.1', port: 8443 }],
    ['[::1]:0', { host: '::1', port: 0 }],
    ['collector.example.com:443', { host: 'collector.example.com', port: 443 }],
  ])('parses --listen %s', (raw, want) => {
    expect(parseListen(raw)).toEqual(want);
  });

  it.each(['8443', '127.0.0.1', '127.0.0.1:99999', '[nothex]:1', ':80'])('refuses --listen %s', (raw) => {
    expect(() => parseListen(raw)).toThrow(expect.objectContaining({ code: 'LISTEN_INVALID' }));
  });

  it('takes tokens from the environment exactly, refusing short ones and surrounding whitespace', () => {
    expect(loadTokens('admin', 'X', { X: 'admin-0123456789abcdef' })).toEqual(['admin-0123456789abcdef']);
    for (const v of [' admin-0123456789abcdef', 'admin-0123456789abcdef\n', '\tadmin-0123456789abcdef']) {
      expect(() => loadTokens('admin', 'X', { X: v })).toThrow(
        expect.objectContaining({ code: 'TOKEN_WEAK', message: expect.stringContaining('whitespace') }),
      );
    }
    expect(() => loadTokens('admin', 'X', {})).toThrow(expect.objectContaining({ code: 'TOKEN_MISSING' }));
    expect(() => loadTokens('admin', 'X', { X: 'short' })).toThrow(expect.objectContaining({ code: 'TOKEN_WEAK' }));
  });

  it('parses --db and masks a password', () => {
    expect(parseDbUrl('sqlite:/var/lib/c.db')).toEqual({ kind: 'sqlite', file: '/var/lib/c.db' });
    expect(parseDbUrl('sqlite:rel.db')).toEqual({ kind: 'sqlite', file: 'rel.db' });
    const pg = parseDbUrl('postgres://warden:hunter2-secret@db:5432/warden');
    expect(describeDb(pg)).toBe('postgres://warden:***@db:5432/warden');
    expect(redactor.redactString('hunter2-secret')).not.toContain('hunter2');
    expect(() => parseDbUrl('mysql://x')).toThrow(expect.objectContaining({ code: 'DB_URL_INVALID' }));
    expect(() => parseDbUrl('sqlite:')).toThrow(expect.objectContaining({ code: 'DB_URL_INVALID' }));
  });
});

describe('Metrics', () => {
  it('renders Prometheus text with escaped labels and a histogram', () => {
    const m = new Metrics();
    m.observe('events_post', 'POST', 200, 0.003);
    m.observe('events_post', 'POST', 200, 0.2);
    m.events.accepted = 5;
    const text = m.render(undefined);
    expect(text).toContain('mcp_warden_collector_http_requests_total{route="events_post",method="POST",code="200"} 2');
    expect(text).toContain('mcp_warden_collector_http_request_duration_seconds_bucket{route="events_post",le="0.005"} 1');
    expect(text).toContain('mcp_warden_collector_http_request_duration_seconds_bucket{route="events_post",le="+Inf"} 2');
    expect(text).toContain('mcp_warden_collector_events_received_total{result="accepted"} 5');
    expect(text).toContain('mcp_warden_collector_database_up 0');
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe('admin formatting', () => {
  it('parses durations and times', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('2w')).toBe(1_209_600_000);
    expect(parseDuration('1y')).toBeUndefined();
    expect(parseWhen('1h', '--since', Date.parse('2024-05-01T10:00:00Z'))).toBe('2024-05-01T09:00:00.000Z');
    expect(parseWhen('2024-05-01T10:00:00+02:00', '--since', 0)).toBe('2024-05-01T10:00:00+02:00');
    expect(() => parseWhen('last week', '--since', 0)).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });

  it('quotes CSV and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csv(['a', 'b'], [['1', '2']])).toBe('a,b\r\n1,2');
  });

  it('lays out a table and cuts long cells', () => {
    expect(
      table(
        ['A', 'BB'],
        [
          ['xxx', 'y'],
          ['z', 'w'.repeat(80)],
        ],
        10,
      ).split('\n'),
    ).toEqual(['A    BB', 'xxx  y', `z    ${'w'.repeat(9)}…`]);
  });
});
