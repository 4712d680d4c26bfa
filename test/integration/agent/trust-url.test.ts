// The real agent fetches the roots chain from trust.root.chainUrl before the allowlist,
// both through a forward proxy from the environment, applies the rotation, persists it,
// and accepts the allowlist signed by the rotated-in key in the same poll.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { agentEnv, readAgentStatus, startAgent, waitFor, type AgentEnv } from '../../helpers/agent';
import { runCli } from '../../helpers/cli';
import { makeAllowlist, makeKey, signAllowlist } from '../../helpers/policy';
import { startProxy } from '../../helpers/net';
import { rootDoc, rootsChain, signedRoot } from '../../helpers/root';
import { cleanupTmp, tmpDir, writeFile } from '../../helpers/tmp';
import { readRootState } from '../../../src/policy/root-state';

afterEach(cleanupTmp);

it('applies root v2 from chainUrl and accepts the allowlist its new key signed, through HTTP_PROXY', async () => {
  const [a, b, e, f] = [makeKey(), makeKey(), makeKey(), makeKey()];
  const v1 = signedRoot(rootDoc({ rootKeys: [a, b], rootThreshold: 2, allowlistKeys: [e] }), [a, b]);
  // Emergency rotation: e is out, f signs allowlists now.
  const v2 = signedRoot(rootDoc({ version: 2, rootKeys: [a, b], rootThreshold: 2, allowlistKeys: [f] }), [a, b]);
  const files: Record<string, string> = {
    '/roots.json': rootsChain([v1, v2]),
    '/allowlist.json': JSON.stringify(signAllowlist(makeAllowlist({ version: 7 }), [f])),
  };
  const server = http.createServer((req, res) => {
    const body = files[req.url ?? ''];
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(body ?? '');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const proxy = await startProxy();
  const root = tmpDir('mcpw-agent-trust-');
  const rootFile = writeFile(path.join(root, 'policy', 'root.json'), v1);
  const config = writeFile(
    path.join(root, 'policy', 'agent.json'),
    JSON.stringify({
      org: 'acme',
      trust: { root: { file: rootFile, chainUrl: `${base}/roots.json` } },
      allowlist: { url: `${base}/allowlist.json`, pollSeconds: 600 },
      exec: { path: '/usr/local/bin/mcp-warden' },
      agent: { notify: false, debounceMs: 20, fullPassSeconds: 600 },
    }),
  );
  const env: AgentEnv = {
    root,
    home: path.join(root, 'home'),
    stateDir: path.join(root, 'state'),
    envelope: '',
    config,
    key: e,
    publish: () => undefined,
    args: () => ['--config', config, '--home', path.join(root, 'home'), '--state-dir', path.join(root, 'state')],
  };
  fs.mkdirSync(env.home, { recursive: true });
  const agent = await startAgent(env, { HTTP_PROXY: proxy.url, NO_PROXY: '' });
  try {
    const st = await waitFor('the rotated root and the new allowlist', () => {
      const s = readAgentStatus(env.stateDir);
      return s?.trustRoot?.version === 2 && s.policy?.version === 7 ? s : undefined;
    });

    expect(st.rootRejection).toBeUndefined();
    expect(readRootState(env.stateDir).state?.version).toBe(2);
    expect(proxy.gets).toEqual(expect.arrayContaining([`${base}/roots.json`, `${base}/allowlist.json`]));
    expect(proxy.gets.indexOf(`${base}/roots.json`)).toBeLessThan(proxy.gets.indexOf(`${base}/allowlist.json`));
  } finally {
    await agent.stop();
    await proxy.close();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

it('status names the proxy as the reason the allowlist poll fails (407 without credentials)', async () => {
  const proxy = await startProxy({ auth: 'agent:pw' });
  const root = tmpDir('mcpw-agent-proxy-');
  const env = agentEnv(root, makeAllowlist(), { allowlist: { url: 'http://127.0.0.1:9/allowlist.json', pollSeconds: 600 } });
  const agent = await startAgent(env, { HTTP_PROXY: proxy.url, NO_PROXY: '' });
  try {
    await waitFor('the poll failure', () => readAgentStatus(env.stateDir)?.network);
    const out = runCli(['status', '--state-dir', env.stateDir]).stdout;

    expect(readAgentStatus(env.stateDir)?.network).toMatchObject({
      code: 'PROXY_AUTH_REQUIRED',
      what: 'http://127.0.0.1:9/allowlist.json',
    });
    expect(out).toMatch(/network: {4}PROXY_AUTH_REQUIRED at .*requires authentication \(HTTP 407\)/);
  } finally {
    await agent.stop();
    await proxy.close();
  }
});
