// Removing many entries from one file (issue 14, item 6: "each removal re-parses the whole
// file; 1,000 entries: 5.6 s; make it linear"). A ~/.claude.json as Claude Code writes it
// (2-space indent) holding N unapproved user-scope servers: the time of one enforce pass
// (runPass in process: discover, judge, plan, quarantine records, one locked edit) and of
// the edit alone (editJsonFile with N deletions). Linear means ~3x from 1,000 to 3,000.
// Printed, not asserted.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeAllowlist } from '../helpers/policy';
import { runPass } from '../../src/reconcile/pass';
import { editJsonFile, type JsonEditOp } from '../../src/fsedit/edit';
import { MemorySink } from '../../src/events/types';
import { MemorySecretStore } from '../../src/vault/keychain/store';
import type { Policy } from '../../src/policy/types';

function servers(n: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) out[`rogue-${i}`] = { type: 'stdio', command: 'npx', args: ['-y', `rogue-mcp-${i}`], env: {} };
  return out;
}

function write(file: string, n: number): string {
  const text = JSON.stringify({ numStartups: 3, mcpServers: servers(n), projects: {} }, null, 2) + '\n';
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return text;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-bench-removal-'));
  try {
    for (const n of [1000, 3000]) {
      const home = path.join(dir, `home-${n}`);
      const file = path.join(home, '.claude.json');
      const text = write(file, n);
      const ops: JsonEditOp[] = Object.entries(servers(n)).map(([name, raw]) => ({
        path: ['mcpServers', name],
        value: undefined,
        expect: { value: raw },
      }));
      let t0 = performance.now();
      await editJsonFile(file, ops);
      const edit = performance.now() - t0;
      write(file, n);
      const policy: Policy = {
        allowlist: makeAllowlist({ mode: 'enforce', servers: [] }),
        digest: '0'.repeat(64),
        keyIds: [],
        acceptedAt: new Date().toISOString(),
        source: 'bench',
      };
      const store = new MemorySecretStore();
      t0 = performance.now();
      const r = await runPass({
        home,
        stateDir: path.join(dir, `state-${n}`),
        policy,
        sink: new MemorySink(),
        execPath: path.join(dir, 'bin', 'mcp-warden'),
        secretStore: () => Promise.resolve(store),
      });
      const pass = performance.now() - t0;
      const removed = r.results.filter((x) => x.status === 'done').length;
      console.log(
        `${String(n).padStart(5)} entries (${(text.length / 1024).toFixed(0)} KiB): editJsonFile ${edit.toFixed(0)} ms; enforce pass ${pass.toFixed(0)} ms (${removed} removed)`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
