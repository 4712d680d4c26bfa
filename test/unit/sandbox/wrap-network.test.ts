// wrapForSandbox for a rule that allows domains, on both backends (argv building only; the
// macOS one runs here too: sandbox-exec is not started). The egress proxy comes up for real.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { NET_DIR } from '../../../src/sandbox/bwrap';
import { wrapForSandbox, type WrappedLaunch } from '../../../src/sandbox/runtime';
import type { SandboxSpec } from '../../../src/sandbox/spec';
import { cleanupTmp, tmpDir } from '../../helpers/tmp';

afterEach(cleanupTmp);

function spec(platform: 'linux' | 'darwin', ws: string): SandboxSpec {
  return {
    mode: 'required',
    platform,
    workspace: ws,
    home: path.dirname(ws),
    read: ['/usr'],
    write: [ws],
    denyRead: [],
    denyWrite: [],
    network: { allowedDomains: ['api.example.com', '127.0.0.1:5432'] },
  };
}

function ask(connect: net.NetConnectOpts, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(connect);
    let out = '';
    s.on('data', (d: Buffer) => (out += d.toString()));
    s.once('error', reject);
    s.once('close', () => resolve(out));
    s.write(request);
  });
}

describe('wrapForSandbox with allowed domains', () => {
  let launch: WrappedLaunch | undefined;
  afterEach(() => launch?.cleanup());

  it('Linux: the bridge goes first, the socket folder is bound in, ready() starts the proxy there', async () => {
    const ws = tmpDir('mcpw-wrapnet-');
    launch = wrapForSandbox(
      spec('linux', ws),
      { platform: 'linux', program: '/usr/bin/bwrap' },
      process.execPath,
      ['s.js'],
      { PATH: process.env.PATH },
      { bridge: ['/usr/bin/node', '-e', 'BRIDGE'] },
    );
    const a = launch.args;
    expect(a).toContain('--unshare-net');
    const bind = a.indexOf(NET_DIR);
    expect(a[bind - 2]).toBe('--ro-bind');
    const socketDir = a[bind - 1] ?? '';
    const tail = a.slice(a.indexOf('--') + 1);
    expect(tail.slice(0, 3)).toEqual(['/usr/bin/node', '-e', 'BRIDGE']);
    expect(JSON.parse(tail[3] ?? '')).toEqual({
      proxySocket: `${NET_DIR}/proxy.sock`,
      raw: [{ port: 5432, socket: `${NET_DIR}/raw-5432.sock` }],
    });
    expect(tail.slice(4)).toEqual(['--', fs.realpathSync(process.execPath), 's.js']);
    expect(launch.env.HTTPS_PROXY).toBeUndefined(); // set by the bridge, which knows its port
    await launch.ready?.();
    expect(fs.readdirSync(socketDir).sort()).toEqual(['proxy.sock', 'raw-5432.sock']);
    expect(await ask({ path: path.join(socketDir, 'proxy.sock') }, 'CONNECT other.org:443 HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 403/);
    launch.cleanup();
    expect(fs.existsSync(socketDir)).toBe(false);
  });

  it('macOS: ready() starts the proxy on 127.0.0.1 and the profile allows that port and the raw one only', async () => {
    const ws = tmpDir('mcpw-wrapnet-');
    launch = wrapForSandbox(spec('darwin', ws), { platform: 'darwin', program: '/usr/bin/sandbox-exec' }, process.execPath, ['s.js'], {
      PATH: process.env.PATH,
    });
    await launch.ready?.();
    const port = Number(new URL(launch.env.HTTPS_PROXY ?? '').port);
    expect(port).toBeGreaterThan(0);
    expect(launch.env.http_proxy).toBe(`http://127.0.0.1:${port}`);
    const profile = launch.args[1] ?? '';
    expect(profile.split('\n').filter((l) => l.includes('network'))).toEqual([
      '(deny network*)',
      `(allow network-outbound (remote ip "localhost:${port}"))`,
      '(allow network-outbound (remote ip "localhost:5432"))',
    ]);
    expect(await ask({ host: '127.0.0.1', port }, 'CONNECT other.org:443 HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 403/);
  });
});
