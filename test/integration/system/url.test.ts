// allowlist.url: `system apply` fetches the envelope once, as the agent's poller does, and
// verifies it with the same loader; when the URL is down it keeps the last good.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { runCli, type CliResult } from '../../helpers/cli';
import { makeKey, signAllowlist, writeAgentConfig } from '../../helpers/policy';
import { cleanupTmp, tmpDir } from '../../helpers/tmp';
import { EXEC_PATH, fixture, snapshot } from './setup';
import { spawn } from 'node:child_process';
import { cliBundle } from '../../helpers/cli';

afterEach(cleanupTmp);

/** runCli is synchronous; the server lives in this process, so the CLI must run async. */
function runAsync(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [cliBundle(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('system apply with allowlist.url', () => {
  it('verifies the fetched envelope, and keeps the last good when the URL is down', async () => {
    const dir = tmpDir('mcpw-sysurl-');
    const key = makeKey();
    let body = JSON.stringify(signAllowlist(fixture('full'), [key]));
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/allowlist.dsse.json`;
    const config = writeAgentConfig(path.join(dir, 'etc'), { keys: [key], envelopeFile: 'unused', extra: { exec: { path: EXEC_PATH } } });
    const cfg = JSON.parse(fs.readFileSync(config, 'utf8'));
    cfg.allowlist = { url };
    fs.writeFileSync(config, JSON.stringify(cfg));
    const managed = path.join(dir, 'managed');
    const args = (...a: string[]): string[] => [
      '--config',
      config,
      '--state-dir',
      path.join(dir, 'state'),
      'system',
      ...a,
      '--managed-dir',
      managed,
    ];
    try {
      const first = await runAsync(args('apply'));
      expect(first.stderr).toBe('');
      expect(first.stdout).toMatch(/^wrote: /);
      const good = snapshot(managed);

      // A rolled-back envelope from the URL is refused like a file one.
      body = JSON.stringify(signAllowlist(fixture('full', { version: 6, servers: [] }), [key]));
      const rolled = await runAsync(args('apply'));
      expect(rolled.status).toBe(1);
      expect(rolled.stderr).toContain('ROLLBACK');
      expect(snapshot(managed)).toEqual(good);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
    // Down: the last good stays in force and the drop-in is unchanged.
    const down = runCli(args('apply'));
    expect(down.status).toBe(0);
    expect(down.stdout).toMatch(/^unchanged: /);
    expect(down.stdout).toMatch(/warning: allowlist.url could not be fetched/);
    const status = runCli(args('status'));
    expect(status.status).toBe(1);
    expect(status.stdout).toMatch(/warning: allowlist.url could not be fetched .*: verified the last good allowlist instead/);
  });
});
