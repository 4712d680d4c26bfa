// `allowlist add --from-request` and `requests approve` against a real collector and a
// recorded npm registry on 127.0.0.1 (real npm, real ECDSA signatures): the rule is built
// from what the developer had, pinned; approve never marks a request approved unless the
// rule was written, and never signs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnCli } from '../../helpers/cli';
import { startFakeRegistry, integrityOf, type FakeRegistry } from '../../helpers/registry';
import { cleanupTmp, tmpDir } from '../../helpers/tmp';
import { ADMIN, credentialFor, request, startCollector, type Running } from '../collector/harness';

jest.setTimeout(120000);

const SOURCE = `# ACME allowlist (comments must survive)
org: acme
version: 3
expires: "2099-01-01T00:00:00Z"
mode: enforce
servers:
  - id: docs
    transport: http
    url: "https://mcp.acme.example/*"   # trailing comment
`;

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawnCli(args, { env });
    let stdout = '';
    let stderr = '';
    c.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
    c.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    c.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const DAY = 24 * 3600 * 1000;
const iso = (daysAgo: number): string => new Date(Date.now() - daysAgo * DAY).toISOString();

describe('rules from approval requests', () => {
  let reg: FakeRegistry;
  let c: Running;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    reg = await startFakeRegistry();
    reg.add('@acme/mcp-thing', [
      { version: '1.0.0', published: iso(200), maintainers: ['alice'] },
      { version: '1.1.0', published: iso(100), maintainers: ['alice'], provenance: true },
    ]);
    c = await startCollector(`sqlite:${path.join(tmpDir('mcpw-fromreq-'), 'c.db')}`);
  });
  afterAll(async () => {
    await reg.close();
    await c.stop();
    cleanupTmp();
  });
  beforeEach(() => {
    dir = tmpDir('mcpw-fromreq-src-');
    env = {
      npm_config_registry: reg.url,
      npm_config_cache: path.join(dir, 'npm-cache'),
      npm_config_update_notifier: 'false',
      MCP_WARDEN_ADMIN_TOKEN: ADMIN,
    };
    fs.writeFileSync(path.join(dir, 'allowlist.yaml'), SOURCE);
  });
  const file = (): string => path.join(dir, 'allowlist.yaml');

  async function fileRequest(device: string, entry: Record<string, unknown>, secrets: unknown[] = []): Promise<string> {
    const r = await request(`${c.url}/v1/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await credentialFor(c.url, device)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'thing', transport: 'stdio', scope: 'user', entry, secrets }),
    });
    expect(r.status).toBeLessThan(300);
    return r.json.request.id as string;
  }

  it('--from-request pins what the developer ran (an unpinned npx → the latest, said so), secrets named', async () => {
    const id = await fileRequest(
      'dev-a',
      { command: 'npx', args: ['-y', '@acme/mcp-thing', '--verbose'], env: { THING_TOKEN: '{{secret:THING_TOKEN}}' } },
      [{ path: ['env', 'THING_TOKEN'], name: 'THING_TOKEN' }],
    );
    const r = await run(['allowlist', 'add', file(), '--from-request', id, '--collector', c.url, '--no-tree', '--json'], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const res = JSON.parse(r.stdout) as { written: boolean; rule: Record<string, unknown>; findings: Array<{ check: string }> };
    expect(res.written).toBe(true);
    expect(res.rule).toMatchObject({
      id: 'thing',
      command: 'npx',
      args: ['-y', '@acme/mcp-thing@1.1.0', '--verbose'],
      package: { name: '@acme/mcp-thing', version: '1.1.0', integrity: integrityOf('@acme/mcp-thing', '1.1.0') },
      env: { secrets: ['THING_TOKEN'] },
    });
    expect(res.findings.map((f) => f.check)).toContain('pinned');
    const text = fs.readFileSync(file(), 'utf8');
    expect(text).toContain('# trailing comment');
    // --from-request is only a rule: the request stays open (approve is what decides).
    const shown = await request(`${c.url}/v1/requests/${id}`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(shown.json.request.status).toBe('open');
  });

  it('requests approve: a dry run and a refused package leave the request open; a written rule approves it', async () => {
    const id = await fileRequest('dev-b', { command: 'npx', args: ['-y', '@acme/mcp-thing@1.0.0'] });
    const dry = await run(['requests', 'approve', id, '--allowlist', file(), '--collector', c.url, '--no-tree', '--dry-run'], env);
    expect(dry.status).toBe(0);
    expect(fs.readFileSync(file(), 'utf8')).toBe(SOURCE);
    const status = async () =>
      (await request(`${c.url}/v1/requests/${id}`, { headers: { authorization: `Bearer ${ADMIN}` } })).json.request.status as string;
    expect(await status()).toBe('open');

    const ok = await run(['requests', 'approve', id, '--allowlist', file(), '--collector', c.url, '--no-tree'], env);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`request ${id} marked approved`);
    expect(await status()).toBe('approved');
    expect(fs.readFileSync(file(), 'utf8')).toContain('@acme/mcp-thing@1.0.0');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.dsse.json'))).toEqual([]);

    const uvx = await fileRequest('dev-c', { command: 'uvx', args: ['mcp-server-fetch'] });
    const refused = await run(['requests', 'approve', uvx, '--allowlist', file(), '--collector', c.url, '--no-tree'], env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/PyPI/);
    expect((await request(`${c.url}/v1/requests/${uvx}`, { headers: { authorization: `Bearer ${ADMIN}` } })).json.request.status).toBe(
      'open',
    );
    expect((await run(['requests', 'approve', 'r-nope', '--allowlist', file(), '--collector', c.url], env)).status).toBe(2);
  });
});
