// Trust root and network costs. (1) loadPolicy when the trust comes from a root reached
// through 0, 1 and 100 rotations: every load re-walks the chain from the pinned root
// (the state folder is not trusted on its own), so this is the price of a long chain on
// every `exec` launch. (2) One HTTPS GET to a server on 127.0.0.1, direct and through a
// CONNECT proxy on 127.0.0.1 (a new tunnel + TLS handshake per request, as the agent
// polls). Run: node scripts/bench.js trust. Prints p50/p99.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadAgentConfig } from '../../src/config/load';
import { ALLOWLIST_PAYLOAD_TYPE, keyIdOf, signEnvelope } from '../../src/policy/dsse';
import { loadPolicy } from '../../src/policy/loader';
import { ROOT_PAYLOAD_TYPE } from '../../src/policy/root';
import { buildRoot, expiresIn } from '../../src/policy/root-sign';
import { canonicalJson } from '../../src/policy/signing';
import { netSettings } from '../../src/net/settings';
import { httpRequest } from '../../src/net/http';
import { makePki, startHttpsServer, startProxy } from '../helpers/net';

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return `p50 ${q(0.5).toFixed(2)} ms, p99 ${q(0.99).toFixed(2)} ms (n=${s.length})`;
}

function key(): { priv: crypto.KeyObject; pem: string; id: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return { priv: privateKey, pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), id: keyIdOf(publicKey) };
}

/** Root v1..v(n+1), each rotation replacing one of 3 root keys (2 of 3), signed by 2 old + 2 new. */
function chain(rotations: number): { roots: Buffer[]; allowlistKey: crypto.KeyObject } {
  let keys = [key(), key(), key()];
  const allow = key();
  const roots: Buffer[] = [];
  let prev = keys;
  for (let v = 1; v <= rotations + 1; v++) {
    if (v > 1) keys = [keys[1], keys[2], key()].filter((k): k is ReturnType<typeof key> => k !== undefined);
    const all = [...keys, allow];
    const doc = buildRoot({
      org: 'acme',
      version: v,
      expires: expiresIn(365),
      keys: Object.fromEntries(all.map((k) => [k.id, { publicKey: k.pem }])),
      rootKeyIds: keys.map((k) => k.id),
      rootThreshold: 2,
      allowlistKeyIds: [allow.id],
      allowlistThreshold: 1,
    });
    const signers = [...new Set([...prev.slice(-2), ...keys.slice(-2)])];
    roots.push(
      Buffer.from(
        JSON.stringify(
          signEnvelope(
            ROOT_PAYLOAD_TYPE,
            canonicalJson(doc),
            signers.map((k) => k.priv),
          ),
        ),
      ),
    );
    prev = keys;
  }
  return { roots, allowlistKey: allow.priv };
}

function benchLoad(rotations: number): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-bench-trust-'));
  try {
    const { roots, allowlistKey } = chain(rotations);
    fs.writeFileSync(path.join(dir, 'root.json'), roots[0] ?? '');
    fs.writeFileSync(path.join(dir, 'roots.json'), JSON.stringify({ roots: roots.map((b) => JSON.parse(b.toString()) as unknown) }));
    const allowlist = { org: 'acme', version: 1, expires: '2099-01-01T00:00:00Z', mode: 'enforce', servers: [] };
    fs.writeFileSync(
      path.join(dir, 'a.json'),
      JSON.stringify(signEnvelope(ALLOWLIST_PAYLOAD_TYPE, canonicalJson(allowlist), [allowlistKey])),
    );
    fs.writeFileSync(
      path.join(dir, 'agent.json'),
      JSON.stringify({ org: 'acme', trust: { root: { file: 'root.json', chainFile: 'roots.json' } }, allowlist: { file: 'a.json' } }),
    );
    const config = loadAgentConfig({ configPath: path.join(dir, 'agent.json'), env: {} });
    const stateDir = path.join(dir, 'state');
    const first = loadPolicy({ config, stateDir });
    if (first.status !== 'accepted' || first.root?.version !== rotations + 1) throw new Error(`unexpected: ${JSON.stringify(first)}`);
    const n = rotations >= 100 ? 30 : 200;
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      loadPolicy({ config, stateDir });
      ms.push(performance.now() - t);
    }
    console.log(`loadPolicy, root reached through ${String(rotations).padStart(3)} rotation(s), warm: ${stats(ms)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function benchProxy(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-bench-net-'));
  const pki = makePki(dir);
  const server = await startHttpsServer(pki);
  const proxy = await startProxy();
  try {
    const direct = netSettings({ env: {}, caFiles: [pki.ca] });
    const via = netSettings({ env: { HTTPS_PROXY: proxy.url }, caFiles: [pki.ca] });
    for (const [label, net] of [
      ['direct', direct],
      ['through the CONNECT proxy', via],
    ] as const) {
      const ms: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t = performance.now();
        const r = await httpRequest({ url: new URL(`${server.url}/a.json`), method: 'GET', net, timeoutMs: 5000 });
        if (r.kind !== 'response') throw new Error(JSON.stringify(r));
        ms.push(performance.now() - t);
      }
      console.log(`HTTPS GET, new connection each, ${label}: ${stats(ms.slice(10))}`);
    }
    const t = performance.now();
    netSettings({ env: {}, caFiles: [pki.ca] });
    console.log(`netSettings (Node roots + OS bundle + org CA, read and deduplicated): ${(performance.now() - t).toFixed(2)} ms`);
  } finally {
    await proxy.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  for (const r of [0, 1, 100]) benchLoad(r);
  await benchProxy();
}

void main();
