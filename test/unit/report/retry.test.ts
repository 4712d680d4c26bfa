import { backoffMs, classifyStatus, DEFAULT_RETRY, parseRetryAfter } from '../../../src/report/retry';
import { apiUrl, collectorUrl, isLoopbackHost } from '../../../src/report/endpoint';

describe('#classifyStatus', () => {
  it.each([
    [200, 'success'],
    [202, 'success'],
    [408, 'retryable'],
    [429, 'retryable'],
    [500, 'retryable'],
    [503, 'retryable'],
    [413, 'too_large'],
    [400, 'bad_batch'],
    [422, 'bad_batch'],
    [401, 'permanent'],
    [403, 'permanent'],
    [404, 'permanent'],
    [302, 'permanent'],
  ])('%i is %s', (status, cls) => {
    expect(classifyStatus(status)).toBe(cls);
  });
});

describe('#backoffMs', () => {
  it('grows exponentially up to the cap', () => {
    const p = { ...DEFAULT_RETRY, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6, 7].map((r) => backoffMs(r, p, 0.5))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('stays within the jitter band', () => {
    expect(backoffMs(2, DEFAULT_RETRY, 0)).toBe(1600);
    expect(backoffMs(2, DEFAULT_RETRY, 0.999999)).toBe(2400);
  });
});

describe('#parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T10:00:00Z');

  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now, DEFAULT_RETRY)).toBe(3000);
    expect(parseRetryAfter('Wed, 01 May 2024 10:00:10 GMT', now, DEFAULT_RETRY)).toBe(10000);
  });

  it('caps absurd values and ignores garbage', () => {
    expect(parseRetryAfter('99999999', now, DEFAULT_RETRY)).toBe(DEFAULT_RETRY.maxRetryAfterMs);
    expect(parseRetryAfter('soon', now, DEFAULT_RETRY)).toBeUndefined();
    expect(parseRetryAfter(undefined, now, DEFAULT_RETRY)).toBeUndefined();
    expect(parseRetryAfter('Wed, 01 May 2024 09:00:00 GMT', now, DEFAULT_RETRY)).toBe(0);
  });
});

describe('#collectorUrl', () => {
  it.each(['127.0.0.1', '127.8.9.10', 'localhost', '[::1]'])('accepts http:// to loopback %s', (host) => {
    expect(collectorUrl(`http://${host}:8080`, 'x').protocol).toBe('http:');
  });

  it.each(['10.0.0.5', 'collector.example.com', '[fe80::1]', '0.0.0.0', '128.0.0.1', 'localhost.evil.com'])(
    'refuses http:// to %s',
    (host) => {
      expect(() => collectorUrl(`http://${host}:8080`, 'x')).toThrow(expect.objectContaining({ code: 'ENDPOINT_INSECURE' }));
    },
  );

  it('refuses other schemes and credentials in the URL', () => {
    expect(() => collectorUrl('ftp://h', 'x')).toThrow(expect.objectContaining({ code: 'ENDPOINT_INVALID' }));
    expect(() => collectorUrl('https://u:p@h', 'x')).toThrow(expect.objectContaining({ code: 'ENDPOINT_INVALID' }));
    expect(() => collectorUrl('not a url', 'x')).toThrow(expect.objectContaining({ code: 'ENDPOINT_INVALID' }));
  });

  it('keeps a reverse-proxy prefix when building API URLs', () => {
    expect(apiUrl(new URL('https://h/warden/'), 'events').href).toBe('https://h/warden/v1/events');
    expect(apiUrl(new URL('https://h'), 'events').href).toBe('https://h/v1/events');
    expect(apiUrl(new URL('https://h/v1/events'), 'devices').href).toBe('https://h/v1/devices');
  });

  it('knows loopback from the rest', () => {
    expect(isLoopbackHost('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackHost('::2')).toBe(false);
  });
});
