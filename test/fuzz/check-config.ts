// The properties for Claude Code's config files, checked on one input:
//  - reading never throws; a file Claude Code's parser (BOM dropped, then JSON.parse) reads
//    is read, one it does not is reported PARSE_ERROR and never rewritten;
//  - every server that parser yields is an entry discovery sees, with the same value;
//  - an enforce edit (removing a random subset; for settings, turning a key off) succeeds,
//    leaves a file that parser still reads with those entries gone and every other value
//    identical, and (deletions) takes bytes out without changing any other byte;
//  - no canary secret in any message.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readConfigFile } from '../../src/discovery/read';
import { scanClaudeJson, scanMcpJson } from '../../src/discovery/file-entries';
import { editJsonFile, type JsonEditOp } from '../../src/fsedit/edit';
import { isWardenError } from '../../src/errors';
import { canonicalJson, cloneJson, getOwn, jsonEqual, setOwn } from '../../src/util/json-safe';
import type { PathSegment } from '../../src/util/jsonpath';
import type { ConfigKind, Generated } from './configs';
import { Failure, type Outcome } from './outcome';

type Obj = Record<string, unknown>;

/** Claude Code's reader: UTF-8 (invalid bytes become U+FFFD), a leading BOM dropped, JSON.parse. */
export function claudeRead(bytes: Buffer): { ok: true; value: unknown } | { ok: false } {
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The servers Claude Code's parser yields: path → canonical value. */
function serversIn(kind: ConfigKind, doc: Obj): Map<string, { path: PathSegment[]; raw: unknown }> {
  const out = new Map<string, { path: PathSegment[]; raw: unknown }>();
  const take = (p: PathSegment[]): void => {
    const m = p.reduce<unknown>((cur, s) => getOwn(cur, s), doc);
    if (!isObj(m)) return;
    for (const [name, raw] of Object.entries(m)) if (isObj(raw)) out.set(JSON.stringify([...p, name]), { path: [...p, name], raw });
  };
  take(['mcpServers']);
  if (kind === 'claude-json' && isObj(getOwn(doc, 'projects'))) {
    for (const [k, p] of Object.entries(getOwn(doc, 'projects') as Obj)) if (isObj(p)) take(['projects', k, 'mcpServers']);
  }
  return out;
}

/** `small` is `big` with some bytes taken out (a subsequence), checked in one pass. */
function isSubsequence(small: Buffer, big: Buffer): boolean {
  let j = 0;
  for (let i = 0; i < big.length && j < small.length; i++) if (big[i] === small[j]) j++;
  return j === small.length;
}

function noCanary(g: Generated, texts: string[]): void {
  for (const t of texts) for (const c of g.canaries) if (t.includes(c)) throw new Failure('leak', 'a canary secret appeared in a message');
}

export async function checkConfig(kind: ConfigKind, g: Generated, dir: string, pick: () => number): Promise<Outcome> {
  const file = path.join(dir, kind === 'claude-json' ? '.claude.json' : kind === 'mcp-json' ? '.mcp.json' : 'settings.local.json');
  fs.writeFileSync(file, g.bytes);
  if (process.env.FUZZ_DUMP) fs.writeFileSync(process.env.FUZZ_DUMP, g.bytes);
  const claude = claudeRead(g.bytes);
  const read = readConfigFile(file, 64 * 1024 * 1024, [dir], kind === 'claude-json' ? 'claude-json' : 'json');
  const messages: string[] = read.kind === 'unreadable' ? [read.problem.reason] : [];
  if (!claude.ok) {
    if (read.kind !== 'unreadable' || read.problem.code !== 'PARSE_ERROR')
      throw new Failure('parity', `Claude Code cannot parse it, discovery says ${read.kind}`);
  } else if (!isObj(claude.value)) {
    if (read.kind !== 'unreadable') throw new Failure('parity', 'not an object, yet read');
  } else if (read.kind !== 'ok') {
    throw new Failure('unjudged', `Claude Code reads it, discovery says ${read.kind === 'unreadable' ? read.problem.code : read.kind}`);
  }
  const ops: JsonEditOp[] = [];
  let expected: unknown;
  const doc = claude.ok && isObj(claude.value) ? claude.value : undefined;
  if (doc && read.kind === 'ok') {
    if (kind === 'settings') {
      if (!jsonEqual(getOwn(read.value, 'enableAllProjectMcpServers'), getOwn(doc, 'enableAllProjectMcpServers')))
        throw new Failure('parity', 'settings key differs');
      ops.push({ path: ['enableAllProjectMcpServers'], value: false, expect: { value: getOwn(doc, 'enableAllProjectMcpServers') } });
      expected = cloneJson(doc);
      setOwn(expected as Obj, 'enableAllProjectMcpServers', false);
    } else {
      const want = serversIn(kind, doc);
      const seen = kind === 'claude-json' ? scanClaudeJson(file, dir, read.value) : scanMcpJson(file, dir, read.value);
      if (seen.entries.length !== want.size)
        throw new Failure('unjudged', `Claude Code yields ${want.size} servers, discovery ${seen.entries.length}`);
      for (const e of seen.entries) {
        const w = want.get(JSON.stringify(e.jsonPath));
        if (!w || canonicalJson(w.raw) !== canonicalJson(e.raw))
          throw new Failure('unjudged', 'a server discovery sees differs from what Claude Code yields');
      }
      expected = cloneJson(doc);
      for (const w of want.values()) {
        if (pick() < 0.3) continue;
        ops.push({ path: w.path, value: undefined, expect: { value: w.raw } });
        const parent = w.path.slice(0, -1).reduce<unknown>((cur, s) => getOwn(cur, s), expected) as Obj;
        delete parent[w.path[w.path.length - 1] as string];
      }
    }
  }
  if (ops.length === 0) ops.push({ path: ['mcpServers', 'absent'], value: undefined });
  try {
    await editJsonFile(file, ops, { lockWaitMs: 2000 });
  } catch (e) {
    if (!isWardenError(e)) throw e;
    messages.push(e.message);
    noCanary(g, messages);
    if (!doc) {
      if (!fs.readFileSync(file).equals(g.bytes)) throw new Failure('rewritten', 'a file that does not parse was rewritten');
      return { ok: true, code: e.code };
    }
    throw new Failure('unfixed', `Claude Code reads it, the edit failed: ${e.code}`);
  }
  noCanary(g, messages);
  const after = fs.readFileSync(file);
  if (!doc) {
    if (!after.equals(g.bytes)) throw new Failure('rewritten', 'a file that does not parse was rewritten');
    return { ok: true };
  }
  const back = claudeRead(after);
  if (!back.ok) throw new Failure('broken', 'Claude Code cannot read the file after the edit');
  if (!jsonEqual(back.value, expected)) throw new Failure('changed', 'after the edit, Claude Code reads other values than intended');
  if (kind !== 'settings' && !isSubsequence(after, g.bytes))
    throw new Failure('bytes', 'a removal changed a byte outside the removed entries');
  return { ok: true };
}
