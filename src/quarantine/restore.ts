// `quarantine restore ID`: put a removed entry back where it was. Secrets come back from
// the keychain (a record of an entry whose secrets had been migrated holds the `exec` form,
// which goes back as it was: no plaintext reappears). Refused when a different server now
// has that name there. Goes through the same locked, format-preserving edit as removals.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { editJsonFile, getAt, type JsonEditOp } from '../fsedit/edit';
import { redactor } from '../log/redact';
import { formatJsonPath, type PathSegment } from '../util/jsonpath';
import { describeError } from '../errors';
import { cloneJson, getOwn, jsonEqual, setOwn } from '../util/json-safe';
import { QuarantineError } from './errors';
import type { QuarantineRecord, RestoreOptions, RestoreResult } from './record';
import type { SecretStore } from '../vault/keychain/store';
import { markRestored, readRecord } from './store';
import { adapterOf } from '../clients/adapters';
import { dropStashedSecrets } from './quarantine';
import { openSealed } from './sealed';
import { restorePlugin } from './plugin';
import { restoreAgentServer } from './agent-file';

async function acceptedEntry(record: QuarantineRecord, opts: RestoreOptions): Promise<Record<string, unknown>> {
  const entry = await rebuildEntry(record, opts);
  const refusal = opts.accept?.(entry);
  if (refusal !== undefined)
    throw new QuarantineError({ code: 'NOT_APPROVED', message: `record ${record.id} (${record.name}) not restored: ${refusal}` });
  return entry;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function setIn(target: Record<string, unknown>, path: readonly PathSegment[], value: unknown): void {
  let cur: unknown = target;
  for (const seg of path.slice(0, -1)) cur = getOwn(cur, seg);
  setOwn(cur as Record<string, unknown>, path[path.length - 1], value);
}

async function rebuildEntry(record: QuarantineRecord, opts: RestoreOptions): Promise<Record<string, unknown>> {
  const entry = cloneJson(record.entry);
  // Values sealed to this device (the keychain was unavailable at removal) come back
  // from the state folder, with or without a keychain now.
  const sealed = record.secrets.some((s) => s.store === 'sealed') ? openSealed(opts.stateDir, record.id) : new Map<string, string>();
  for (const s of record.secrets.filter((x) => x.store === 'sealed')) {
    const value = sealed.get(s.account);
    if (value === undefined) {
      throw new QuarantineError({
        code: 'SECRET_MISSING',
        message: `the sealed secret ${s.name} of record ${record.id} is missing; nothing restored`,
      });
    }
    setIn(entry, s.path, value);
  }
  const inKeychain = record.secrets.filter((s) => s.store !== 'sealed');
  if (inKeychain.length === 0) return entry;
  let store: SecretStore;
  try {
    store = await opts.secretStore();
  } catch (e) {
    throw new QuarantineError({
      code: 'KEYCHAIN_UNAVAILABLE',
      message: `the keychain holding this record's secrets cannot be opened (${describeError(e)})`,
      cause: e,
    });
  }
  for (const s of inKeychain) {
    let value: string | null;
    try {
      value = await store.get(s.account);
    } catch (e) {
      throw new QuarantineError({ code: 'KEYCHAIN_UNAVAILABLE', message: `the keychain cannot be read (${describeError(e)})`, cause: e });
    }
    if (value === null) {
      throw new QuarantineError({
        code: 'SECRET_MISSING',
        message: `the secret ${s.name} of record ${record.id} is no longer in the keychain; nothing restored`,
      });
    }
    redactor.learn(value);
    setIn(entry, s.path, value);
  }
  return entry;
}

/** Ops that insert `value` at `path`, creating the missing objects on the way. */
export function insertOps(current: unknown, path: readonly PathSegment[], value: unknown, file: string): JsonEditOp[] {
  for (let k = path.length - 1; k >= 0; k--) {
    const parent = getAt(current, path.slice(0, k));
    if (parent === undefined) continue;
    if (!isObj(parent)) {
      throw new QuarantineError({
        code: 'WRITE_FAILED',
        message: `${formatJsonPath(path.slice(0, k))} in ${file} is not an object; cannot restore into it`,
        file,
      });
    }
    let nested: unknown = value;
    for (let j = path.length - 1; j > k; j--) {
      const holder: Record<string, unknown> = {};
      setOwn(holder, path[j], nested);
      nested = holder;
    }
    return [{ path: path.slice(0, k + 1), value: nested, expect: { value: undefined } }];
  }
  return [];
}

export async function restoreRecord(opts: RestoreOptions): Promise<RestoreResult> {
  const record = readRecord(opts.stateDir, opts.id);
  if (record.restoredAt) {
    throw new QuarantineError({ code: 'ALREADY_RESTORED', message: `record ${record.id} was restored at ${record.restoredAt}` });
  }
  if (record.kind === 'plugin') return restorePlugin(record, opts.stateDir, opts.now, opts.edit);
  if (record.scope === 'agent') {
    const back = await restoreAgentServer(record, await acceptedEntry(record, opts), opts);
    await dropStashedSecrets(record, { stateDir: opts.stateDir, now: opts.now, policy: null, secretStore: opts.secretStore });
    return back;
  }
  const entry = await acceptedEntry(record, opts);
  const client = adapterOf(record.client);
  let alreadyPresent = false;
  // lstat: a dangling link is not a missing file (editTarget refuses it).
  const fresh = fs.lstatSync(record.file, { throwIfNoEntry: false }) === undefined;
  const result = await editJsonFile(
    record.file,
    (current) => {
      const there = getAt(current, record.jsonPath);
      if (there !== undefined) {
        if (jsonEqual(there, entry)) {
          alreadyPresent = true;
          return [];
        }
        throw new QuarantineError({
          code: 'NAME_TAKEN',
          message: `a different server named ${record.name} now exists at ${formatJsonPath(record.jsonPath)} in ${record.file}; rename or remove it, then restore again`,
          file: record.file,
          jsonPath: formatJsonPath(record.jsonPath),
        });
      }
      return insertOps(current, record.jsonPath, entry, record.file);
    },
    // Never through a link that was not there at removal (a repo's .mcp.json swapped for a
    // link to a file outside the home): records keep the real path they were taken from.
    {
      lockOwners: path.join(opts.stateDir, 'locks'),
      ...opts.edit,
      syntax: client.syntax,
      ...(fresh ? { createIfMissing: client.emptyDocument } : {}),
      ...(record.realFile !== undefined ? { expectRealPath: record.realFile } : {}),
    },
  );
  const done = markRestored(opts.stateDir, record, opts.now);
  await dropStashedSecrets(record, { stateDir: opts.stateDir, now: opts.now, policy: null, secretStore: opts.secretStore });
  const out: RestoreResult = { record: done, alreadyPresent };
  if (result.changed) out.sha256 = result.sha256 ?? crypto.createHash('sha256').update(result.text).digest('hex');
  return out;
}
