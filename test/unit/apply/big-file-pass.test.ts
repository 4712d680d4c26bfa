// An enforce pass over a big ~/.claude.json, in process (issue 22): the edit starts from the
// text discovery read, every quarantine record is written and its folder fsync'd before the
// entry leaves the file, the pass's events go to the spool in one batch, and no secret of a
// removed entry is in a record, the spool or an event.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as edit from '../../../src/fsedit/edit';
import * as store from '../../../src/quarantine/store';
import { runPass } from '../../../src/reconcile/pass';
import { MemorySink, type DriftEventInput } from '../../../src/events/types';
import { MemorySecretStore } from '../../../src/vault/keychain/store';
import type { Policy } from '../../../src/policy/types';
import { makeAllowlist } from '../../helpers/policy';
import { cleanupTmp, tmpDir, writeFile } from '../../helpers/tmp';
import { canary } from '../../integration/reconcile/world';

afterEach(() => {
  jest.restoreAllMocks();
  cleanupTmp();
});

class BatchSink extends MemorySink {
  batches: number[] = [];
  emitMany(events: readonly DriftEventInput[]): void {
    this.batches.push(events.length);
    for (const e of events) this.emit(e);
  }
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

it('removes the unapproved entries of a big ~/.claude.json: records durable first, one event batch, no secret kept in the clear', async () => {
  const home = tmpDir();
  const stateDir = path.join(tmpDir(), 'state');
  const secret = canary();
  const servers: Record<string, unknown> = {};
  for (let i = 0; i < 5; i++)
    servers[`rogue-${i}`] = { type: 'stdio', command: 'npx', args: ['-y', `rogue-${i}`], env: { GITHUB_TOKEN: secret } };
  const history = Array.from({ length: 5000 }, (_, i) => ({ display: `prompt ${i} ` + 'y'.repeat(120), timestamp: i }));
  const file = writeFile(
    path.join(home, '.claude.json'),
    JSON.stringify({ mcpServers: servers, projects: { [home]: { history } } }, null, 2),
  );
  expect(fs.statSync(file).size).toBeGreaterThan(512 * 1024);

  const order: string[] = [];
  const sync = jest.spyOn(store, 'syncRecordDirs').mockImplementation((dirs) => {
    order.push(`sync ${store.listRecords(stateDir).records.length} records`);
    dirs.clear();
  });
  const realEdit = edit.editJsonFile;
  const edits = jest.spyOn(edit, 'editJsonFile').mockImplementation((f, ops, opts) => {
    order.push(`edit known=${opts?.known !== undefined}`);
    return realEdit(f, ops, opts);
  });
  const policy: Policy = {
    allowlist: makeAllowlist({ mode: 'enforce', servers: [] }),
    digest: '0'.repeat(64),
    keyIds: [],
    acceptedAt: new Date().toISOString(),
    source: 'test',
  };
  const sink = new BatchSink();
  const keychain = new MemorySecretStore();
  const r = await runPass({ home, stateDir, policy, sink, execPath: '/usr/bin/mcp-warden', secretStore: () => Promise.resolve(keychain) });

  expect(r.results.filter((x) => x.status === 'done')).toHaveLength(5);
  expect(Object.keys((JSON.parse(fs.readFileSync(file, 'utf8')) as { mcpServers: object }).mcpServers)).toEqual([]);
  expect(order).toEqual(['sync 5 records', 'edit known=true']);
  expect(sync).toHaveBeenCalledTimes(1);
  expect(edits).toHaveBeenCalledTimes(1);
  expect(sink.batches).toEqual([sink.events.length]);
  expect(sink.events.length).toBeGreaterThanOrEqual(5);
  for (const f of filesUnder(stateDir)) expect(fs.readFileSync(f, 'utf8')).not.toContain(secret);
  expect(JSON.stringify(sink.events)).not.toContain(secret);
});
