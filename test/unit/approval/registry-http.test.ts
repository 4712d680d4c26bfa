// npm's network settings as `allowlist add` reads them for the signing-keys request:
// `npm config get` output, proxy choice (config, then environment, NO_PROXY), CA sources.
import { ApprovalError } from '../../../src/approval/errors';
import { netConfig, NPM_NET_KEYS, parseConfigGet, proxyFor, type NetConfig } from '../../../src/approval/registry-http';

const PEM = (n: string): string => `-----BEGIN CERTIFICATE-----\nMII${n}\n-----END CERTIFICATE-----`;

describe('parseConfigGet', () => {
  it('reads K=V lines; null and undefined are unset; a PEM ca runs over several lines', () => {
    const text = [
      'https-proxy=null',
      'proxy=http://p.example:3128/',
      'noproxy=',
      'cafile=/etc/ssl/ca.pem',
      `ca=${PEM('A')}`,
      'strict-ssl=false',
      '',
    ].join('\n');
    expect(parseConfigGet(text, NPM_NET_KEYS)).toEqual({
      'https-proxy': '',
      proxy: 'http://p.example:3128/',
      noproxy: '',
      cafile: '/etc/ssl/ca.pem',
      ca: PEM('A'),
      'strict-ssl': 'false',
    });
  });

  it('ignores lines of keys it did not ask for', () => {
    expect(parseConfigGet('registry=https://r/\nproxy=undefined\n', ['proxy'])).toEqual({ proxy: '' });
  });
});

describe('netConfig', () => {
  const none = (): string => {
    throw new Error('not read');
  };

  it('defaults: no proxy, default roots, strict TLS', () => {
    expect(netConfig({}, none)).toEqual({ strictSsl: true });
    expect(netConfig({ 'https-proxy': '', proxy: '', noproxy: '', cafile: '', ca: '', 'strict-ssl': 'true' }, none)).toEqual({
      strictSsl: true,
    });
  });

  it('https-proxy wins over proxy (npm uses it for every request); proxy=false is no proxy', () => {
    expect(netConfig({ 'https-proxy': 'http://a:1', proxy: 'http://b:2' }, none).proxy).toBe('http://a:1');
    expect(netConfig({ proxy: 'http://b:2' }, none).proxy).toBe('http://b:2');
    expect(netConfig({ proxy: 'false' }, none).proxy).toBeUndefined();
  });

  it('strict-ssl=false is read (only to explain a TLS failure: verification stays on)', () => {
    expect(netConfig({ 'strict-ssl': 'false' }, none).strictSsl).toBe(false);
  });

  it('ca (inline, escaped newlines too) is used before cafile', () => {
    expect(netConfig({ ca: PEM('A'), cafile: '/x' }, none).ca).toEqual([PEM('A')]);
    expect(netConfig({ ca: PEM('B').replace(/\n/g, '\\n') }, none).ca).toEqual([PEM('B')]);
  });

  it('cafile: every certificate in it', () => {
    const read = (f: string): string => (f === '/etc/ca.pem' ? `junk\n${PEM('A')}\ntext\n${PEM('B')}\n` : '');
    expect(netConfig({ cafile: '/etc/ca.pem' }, read).ca).toEqual([PEM('A'), PEM('B')]);
  });

  it('a cafile that cannot be read, or holds no certificate, is REGISTRY_UNAVAILABLE', () => {
    const enoent = (): string => {
      throw Object.assign(new Error('nope'), { code: 'ENOENT' });
    };
    expect(() => netConfig({ cafile: '/missing' }, enoent)).toThrow(
      expect.objectContaining({
        code: 'REGISTRY_UNAVAILABLE',
        message: expect.stringMatching(/\/missing cannot be read \(ENOENT\)/) as unknown,
      }) as Error,
    );
    expect(() => netConfig({ cafile: '/empty' }, () => 'nothing')).toThrow(ApprovalError);
  });
});

describe('proxyFor', () => {
  const https = new URL('https://registry.npmjs.org/-/npm/v1/keys');
  const http = new URL('http://registry.internal:4873/-/npm/v1/keys');
  const cfg: NetConfig = { strictSsl: true };

  it("npm's configured proxy first", () => {
    expect(proxyFor(https, { ...cfg, proxy: 'http://p:3128' }, { HTTPS_PROXY: 'http://env:1' })?.host).toBe('p:3128');
  });

  it('then the environment: https_proxy for https; https_proxy, http_proxy, proxy for http', () => {
    expect(proxyFor(https, cfg, { HTTPS_PROXY: 'http://a:1' })?.host).toBe('a:1');
    expect(proxyFor(https, cfg, { https_proxy: 'http://b:1' })?.host).toBe('b:1');
    expect(proxyFor(https, cfg, { HTTP_PROXY: 'http://c:1' })).toBeUndefined();
    expect(proxyFor(http, cfg, { HTTP_PROXY: 'http://c:1' })?.host).toBe('c:1');
    expect(proxyFor(http, cfg, { HTTPS_PROXY: 'http://a:1', HTTP_PROXY: 'http://c:1' })?.host).toBe('a:1');
    expect(proxyFor(http, cfg, { PROXY: 'http://d:1' })?.host).toBe('d:1');
    expect(proxyFor(https, cfg, {})).toBeUndefined();
  });

  it('noproxy / NO_PROXY by domain labels', () => {
    const p = { ...cfg, proxy: 'http://p:3128' };
    expect(proxyFor(https, { ...p, noProxy: 'npmjs.org' }, {})).toBeUndefined();
    expect(proxyFor(https, { ...p, noProxy: '.npmjs.org, internal' }, {})).toBeUndefined();
    expect(proxyFor(https, { ...p, noProxy: 'js.org' }, {})?.host).toBe('p:3128');
    expect(proxyFor(https, { ...p, noProxy: 'other.example' }, {})?.host).toBe('p:3128');
    expect(proxyFor(https, p, { NO_PROXY: 'registry.npmjs.org' })).toBeUndefined();
    expect(proxyFor(https, { ...p, noProxy: 'x.example' }, { NO_PROXY: 'registry.npmjs.org' })?.host).toBe('p:3128');
  });

  it('only http and https proxies', () => {
    expect(() => proxyFor(https, { ...cfg, proxy: 'socks5://p:1080' }, {})).toThrow(
      expect.objectContaining({ code: 'REGISTRY_UNAVAILABLE' }) as Error,
    );
    expect(() => proxyFor(https, { ...cfg, proxy: 'not a url' }, {})).toThrow(ApprovalError);
  });
});
