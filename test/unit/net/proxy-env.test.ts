// Proxy choice from config and environment (src/net/proxy-env.ts), as curl and npm read it.
import { bypassesProxy, parseProxyUrl, proxyAuthorization, proxyFor, proxyLabel } from '../../../src/net/proxy-env';
import { classifyNetCode } from '../../../src/net/errors';

const u = (s: string): URL => new URL(s);

describe('bypassesProxy (NO_PROXY)', () => {
  it.each<[string, string[], boolean]>([
    ['https://api.example.com/x', ['example.com'], true],
    ['https://example.com/x', ['.example.com'], true],
    ['https://a.b.example.com/x', ['*.example.com'], true],
    ['https://notexample.com/x', ['example.com'], false],
    ['https://example.com:8443/x', ['example.com:443'], false],
    ['https://example.com/x', ['example.com:443'], true],
    ['https://10.1.2.3/x', ['10.1.2.3'], true],
    ['https://10.1.2.30/x', ['10.1.2.3'], false],
    ['https://[::1]:9/x', ['::1'], true],
    ['https://anything/x', ['*'], true],
    ['https://host/x', [], false],
  ])('%s with %j → %s', (url, list, expected) => {
    expect(bypassesProxy(u(url), list)).toBe(expected);
  });
});

describe('proxyFor', () => {
  const target = u('https://policy.example.com/a.json');

  it('prefers network.proxy, then https_proxy over HTTPS_PROXY; http URLs use HTTP_PROXY', () => {
    expect(proxyFor(target, { proxy: 'http://cfg:3128', env: { HTTPS_PROXY: 'http://env:1' } })).toMatchObject({
      kind: 'proxy',
      from: 'network.proxy',
    });
    expect(proxyFor(target, { env: { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:1' } })).toMatchObject({
      kind: 'proxy',
      from: 'https_proxy',
      url: u('http://lower:1'),
    });
    expect(proxyFor(u('http://127.0.0.1:8/x'), { env: { HTTP_PROXY: 'proxy:8080', HTTPS_PROXY: 'http://no:1' } })).toMatchObject({
      kind: 'proxy',
      url: u('http://proxy:8080'),
    });
    expect(proxyFor(target, { env: {} })).toEqual({ kind: 'direct' });
  });

  it('"direct" and noProxy override the environment; network.noProxy replaces NO_PROXY', () => {
    expect(proxyFor(target, { proxy: 'direct', env: { HTTPS_PROXY: 'http://env:1' } })).toEqual({ kind: 'direct' });
    expect(proxyFor(target, { env: { HTTPS_PROXY: 'http://env:1', NO_PROXY: 'example.com' } })).toEqual({ kind: 'direct' });
    expect(proxyFor(target, { noProxy: ['other.org'], env: { HTTPS_PROXY: 'http://env:1', NO_PROXY: 'example.com' } })).toMatchObject({
      kind: 'proxy',
    });
  });

  it('flags an unusable proxy setting instead of silently going direct', () => {
    expect(proxyFor(target, { env: { HTTPS_PROXY: 'socks5://x:1' } })).toEqual({ kind: 'invalid', from: 'HTTPS_PROXY' });
    expect(parseProxyUrl('::::')).toBeUndefined();
  });

  it('labels a proxy without its credentials and builds the Basic header from them', () => {
    const p = u('http://al%40ice:p%3Ass@proxy:3128');

    expect(proxyLabel(p)).toBe('http://proxy:3128');
    expect(proxyAuthorization(p)).toBe(`Basic ${Buffer.from('al@ice:p:ss').toString('base64')}`);
    expect(proxyAuthorization(u('http://proxy:3128'))).toBeUndefined();
  });
});

describe('classifyNetCode', () => {
  it.each<[string, boolean, string]>([
    ['SELF_SIGNED_CERT_IN_CHAIN', true, 'TLS_INTERCEPTED'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', true, 'TLS_INTERCEPTED'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', false, 'TLS_UNTRUSTED'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', false, 'TLS_UNTRUSTED'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', true, 'TLS_HOSTNAME'],
    ['CERT_HAS_EXPIRED', false, 'TLS_EXPIRED'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', false, 'TLS_ERROR'],
    ['ETIMEDOUT', false, 'TIMEOUT'],
    ['ECONNREFUSED', false, 'UNREACHABLE'],
  ])('%s (via proxy %s) → %s', (code, via, expected) => {
    expect(classifyNetCode(code, via)).toBe(expected);
  });
});
