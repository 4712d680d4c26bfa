// `mcp-warden trust init|rotate|verify`: the signed trust root (docs/allowlist.md "Trust
// root and key rotation"). Every root written is verified first as an agent would.
import * as path from 'node:path';
import type { Command } from 'commander';
import { action } from '../runtime';
import { err, out, outJson } from '../../host/output';
import { agentConfig } from '../../host/context';
import { commandContext } from '../context';
import { ExitCode } from '../../errors';
import { isPolicyError, PolicyError } from '../../policy/errors';
import {
  applyRootChain,
  MAX_CHAIN_BYTES,
  MAX_ROOT_BYTES,
  parseRootsChain,
  rootExpired,
  verifyInitialRoot,
  verifyRootUpdate,
} from '../../policy/root';
import { buildRoot, expiresIn, nextRootSpec, rootKeyEntry, signRoot, type RootKeyInput } from '../../policy/root-sign';
import type { TrustedRoot } from '../../policy/root-types';
import { loadSigningKey, type SigningKey } from '../../policy/signing';
import { resolveTrust, rootSummary } from '../../policy/trust';
import { readCapped, writeFileAtomic } from '../../util/fsio';

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** With --json, a refusal is printed as `{valid: false, code, message}` (exit code unchanged). */
function jsonRefusals(json: boolean | undefined, fn: () => number): number {
  try {
    return fn();
  } catch (e) {
    if (!json || !isPolicyError(e)) throw e;
    outJson({ valid: false, code: e.code, message: e.message, ...(e.jsonPath ? { jsonPath: e.jsonPath } : {}) });
    return e.exitCode;
  }
}

function readRootFile(file: string, max: number): Buffer {
  try {
    return readCapped(file, max);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new PolicyError({
      code: code === 'FILE_NOT_FOUND' ? 'ROOT_MISSING' : code === 'FILE_TOO_LARGE' ? 'ROOT_TOO_LARGE' : 'ROOT_UNREADABLE',
      message: (e as Error).message,
      file,
      cause: e,
    });
  }
}

function publicKeys(files: string[] = []): RootKeyInput[] {
  return files.map((f) => ({
    pem: readRootFile(path.resolve(f), 64 * 1024).toString('utf8'),
    name: path.basename(f).replace(/\.pub\.pem$|\.pem$/, ''),
  }));
}

function signingKeys(files: string[]): SigningKey[] {
  const keys = files.map((f) => loadSigningKey(path.resolve(f)));
  for (const k of keys) if (k.warning) err(`warning: ${k.warning}`);
  return keys;
}

function days(v: string | undefined, fallback: number): number {
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 3650)
    throw new PolicyError({ code: 'ROOT_USAGE', message: `--expires-days ${v ?? ''} must be a whole number of days from 1 to 3650` });
  return n;
}

function threshold(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new PolicyError({ code: 'ROOT_USAGE', message: `threshold ${v} must be a whole number ≥ 1` });
  return n;
}

function writeChain(file: string, roots: Buffer[]): void {
  const doc = { roots: roots.map((b) => JSON.parse(b.toString('utf8')) as unknown) };
  writeFileAtomic(file, JSON.stringify(doc, null, 2) + '\n', { mode: 0o644 });
}

function describeRoot(r: TrustedRoot, now: Date, json: boolean, extra: Record<string, unknown> = {}): void {
  const s = rootSummary(r, now);
  const roles = r.doc.roles;
  if (json) {
    outJson({ org: r.doc.org, ...s, rootKeyIds: [...roles.root.keyIds], rootThreshold: roles.root.threshold, ...extra });
    return;
  }
  out(`root v${s.version} (org ${r.doc.org}), expires ${s.expires}${s.expired ? ' (EXPIRED)' : ''}`);
  out(`  payload sha256: ${s.digest}`);
  const name = (id: string): string => `${id}${r.doc.keys[id]?.name ? ` (${r.doc.keys[id]?.name})` : ''}`;
  out(`  root role: ${roles.root.threshold} of ${roles.root.keyIds.length}`);
  for (const id of roles.root.keyIds) out(`    ${name(id)}`);
  out(`  allowlist role: ${roles.allowlist.threshold} of ${roles.allowlist.keyIds.length}`);
  for (const id of roles.allowlist.keyIds) out(`    ${name(id)}`);
}

interface InitFlags {
  org: string;
  rootKey: string[];
  rootThreshold?: string;
  allowlistKey?: string[];
  allowlistThreshold?: string;
  expiresDays?: string;
  key: string[];
  out: string;
  chain?: string;
  json?: boolean;
}

function initCommand(f: InitFlags): number {
  const now = new Date();
  const rootIn = publicKeys(f.rootKey);
  const allowIn = f.allowlistKey?.length ? publicKeys(f.allowlistKey) : rootIn;
  const keys: Record<string, { publicKey: string; name?: string }> = {};
  const ids = (list: RootKeyInput[], what: string): string[] =>
    list.map((k, i) => {
      const [id, entry] = rootKeyEntry(k, `${what}[${i}]`);
      keys[id] = entry;
      return id;
    });
  const doc = buildRoot({
    org: f.org,
    version: 1,
    expires: expiresIn(days(f.expiresDays, 365), now),
    keys,
    rootKeyIds: ids(rootIn, '--root-key'),
    rootThreshold: threshold(f.rootThreshold) ?? 1,
    allowlistKeyIds: ids(allowIn, '--allowlist-key'),
    allowlistThreshold: threshold(f.allowlistThreshold) ?? 1,
  });
  const bytes = signRoot(
    doc,
    signingKeys(f.key).map((k) => k.key),
  );
  // What we write must be what an agent accepts as its bootstrap root.
  const root = verifyInitialRoot(bytes, { org: f.org });
  const outFile = path.resolve(f.out);
  writeFileAtomic(outFile, bytes, { mode: 0o644 });
  if (f.chain) writeChain(path.resolve(f.chain), [bytes]);
  if (f.json) {
    describeRoot(root, now, true, { out: outFile, chain: f.chain ? path.resolve(f.chain) : undefined });
    return ExitCode.OK;
  }
  out(`wrote ${outFile}${f.chain ? ` and the chain ${path.resolve(f.chain)}` : ''}`);
  describeRoot(root, now, false);
  out('');
  out('agent config:');
  out('  trust:');
  out('    root:');
  out(`      file: ${outFile}`);
  out(`      sha256: ${root.digest}`);
  return ExitCode.OK;
}

/** The chain file's roots, walked from its first entry: the newest is what rotate extends. */
function walkChainFile(file: string, org?: string): { roots: Buffer[]; newest: TrustedRoot; error?: PolicyError } {
  const roots = parseRootsChain(readRootFile(file, MAX_CHAIN_BYTES), file);
  const first = roots[0];
  if (!first) throw new PolicyError({ code: 'ROOT_MISSING', message: `${file} holds no root: start with trust init --chain`, file });
  const start = verifyInitialRoot(first, { org: org ?? orgOf(first) });
  const walk = applyRootChain(start, roots.slice(1), { org: start.doc.org });
  return { roots, newest: walk.root, ...(walk.error ? { error: walk.error } : {}) };
}

function orgOf(bytes: Buffer): string {
  try {
    const env = JSON.parse(bytes.toString('utf8')) as { payload: string };
    return (JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as { org: string }).org;
  } catch {
    return '';
  }
}

interface RotateFlags {
  chain: string;
  addRootKey?: string[];
  addAllowlistKey?: string[];
  removeKey?: string[];
  rootThreshold?: string;
  allowlistThreshold?: string;
  expiresDays?: string;
  key: string[];
  out?: string;
  json?: boolean;
}

function rotateCommand(f: RotateFlags): number {
  const now = new Date();
  const chainFile = path.resolve(f.chain);
  const { roots, newest, error } = walkChainFile(chainFile);
  // A chain that does not walk cleanly would be refused by agents past the broken entry.
  if (error) throw error;
  const spec = nextRootSpec(newest, {
    addRoot: publicKeys(f.addRootKey),
    addAllowlist: publicKeys(f.addAllowlistKey),
    remove: f.removeKey ?? [],
    rootThreshold: threshold(f.rootThreshold),
    allowlistThreshold: threshold(f.allowlistThreshold),
    expires: expiresIn(days(f.expiresDays, 365), now),
  });
  const bytes = signRoot(
    buildRoot(spec),
    signingKeys(f.key).map((k) => k.key),
  );
  // Signed by a threshold of the old root AND of the new one, exactly as agents check.
  const next = verifyRootUpdate(newest, bytes, { org: newest.doc.org });
  writeChain(chainFile, [...roots, bytes]);
  if (f.out) writeFileAtomic(path.resolve(f.out), bytes, { mode: 0o644 });
  if (f.json) {
    describeRoot(next, now, true, { chain: chainFile, previousVersion: newest.doc.version });
    return ExitCode.OK;
  }
  out(`root v${newest.doc.version} → v${next.doc.version} appended to ${chainFile}`);
  describeRoot(next, now, false);
  return ExitCode.OK;
}

interface VerifyFlags {
  chain?: string;
  root?: string;
  org?: string;
  json?: boolean;
}

function verifyCommand(cmd: Command, f: VerifyFlags): number {
  const now = new Date();
  let root: TrustedRoot;
  let problem: PolicyError | undefined;
  try {
    if (f.root) {
      // Stand-alone: a root file and a chain, checked before they are published.
      const bytes = readRootFile(path.resolve(f.root), MAX_ROOT_BYTES);
      const start = verifyInitialRoot(bytes, { org: f.org ?? orgOf(bytes) });
      const offered = f.chain ? parseRootsChain(readRootFile(path.resolve(f.chain), MAX_CHAIN_BYTES), f.chain) : [];
      const walk = applyRootChain(start, offered, { org: start.doc.org });
      root = walk.root;
      problem = walk.error;
    } else {
      // As this machine's agent would: --config, its state, and an optional extra chain.
      const ctx = commandContext(cmd);
      const loaded = agentConfig(ctx);
      if (!loaded.config.trust.root)
        throw new PolicyError({
          code: 'ROOT_USAGE',
          message: 'the agent config sets no trust.root (it trusts trust.keys directly); give --root FILE to check a root file',
        });
      const fetchedRoots = f.chain ? parseRootsChain(readRootFile(path.resolve(f.chain), MAX_CHAIN_BYTES), f.chain) : undefined;
      const t = resolveTrust({ config: loaded, stateDir: ctx.stateDir, now, fetchedRoots, readOnly: true });
      if (t.fatal || !t.root) throw t.fatal ?? new PolicyError({ code: 'ROOT_MISSING', message: 'no trust root' });
      root = t.root;
      problem = t.rootRejection;
    }
  } catch (e) {
    if (!f.json || !isPolicyError(e)) throw e;
    outJson({ valid: false, code: e.code, message: e.message, jsonPath: e.jsonPath });
    return e.exitCode;
  }
  const expired = rootExpired(root, now);
  const code = problem?.code ?? (expired ? 'ROOT_EXPIRED' : undefined);
  if (f.json) {
    describeRoot(root, now, true, {
      valid: code === undefined,
      ...(code ? { code, message: problem?.message ?? `root v${root.doc.version} expired at ${root.doc.expires}` } : {}),
    });
  } else {
    describeRoot(root, now, false);
    if (problem) err(`${problem.code}: ${problem.message}`);
    else if (expired)
      err(`ROOT_EXPIRED: the newest root expired at ${root.doc.expires}; agents accept no new allowlist until a newer root arrives`);
  }
  return code ? ExitCode.CHECK_FAILED : ExitCode.OK;
}

export function register(program: Command): void {
  const group = program
    .command('trust')
    .description('the signed trust root: which keys sign allowlists, rotated without a new config push (admin tools)');
  group
    .command('init')
    .description('write root v1, signed by --key (a threshold of its root keys), and print the trust.root config to pin it')
    .requiredOption('--org <org>', 'organisation (must equal the agent config org)')
    .requiredOption('--root-key <pub.pem>', 'a root key (public PEM from keygen); repeat', collect)
    .option('--root-threshold <n>', 'root keys that must sign the next root (default 1)')
    .option('--allowlist-key <pub.pem>', 'a key that signs allowlists; repeat (default: the root keys)', collect)
    .option('--allowlist-threshold <n>', 'allowlist keys that must sign an allowlist (default 1)')
    .option('--expires-days <n>', 'days until the root expires (default 365)')
    .requiredOption('--key <key.pem>', 'private key that signs this root; repeat', collect)
    .requiredOption('--out <file>', 'the root envelope to write (pinned in the agent config)')
    .option('--chain <file>', 'also start a roots chain file holding this root')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExit codes: 0 written, 1 the root would not verify (code says why), 2 unreadable input or bad flags.\n')
    .action(action((f: InitFlags) => jsonRefusals(f.json, () => initCommand(f))));
  group
    .command('rotate')
    .description('append root N+1 to the chain: keys added or removed, signed by a threshold of root N and of N+1')
    .requiredOption('--chain <file>', 'the roots chain to extend (its newest root is N)')
    .option('--add-root-key <pub.pem>', 'add a root key; repeat', collect)
    .option('--add-allowlist-key <pub.pem>', 'add an allowlist key; repeat', collect)
    .option('--remove-key <keyid>', 'remove a key (id or ≥8-character id prefix) from every role; repeat', collect)
    .option('--root-threshold <n>', 'new root threshold (default: unchanged)')
    .option('--allowlist-threshold <n>', 'new allowlist threshold (default: unchanged)')
    .option('--expires-days <n>', 'days until the new root expires (default 365)')
    .requiredOption('--key <key.pem>', 'private key signing root N+1; repeat (old and new root keys as needed)', collect)
    .option('--out <file>', 'also write root N+1 alone to this file')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      "\nEmergency revocation: --remove-key <compromised id>, signed by the remaining root keys\n(they must still reach root N's threshold). Nothing is written unless the new root\nverifies as an agent checks it.\n\nExit codes: 0 appended, 1 refused (ROOT_THRESHOLD_OLD, ROOT_THRESHOLD_NEW, …), 2 bad input.\n",
    )
    .action(action((f: RotateFlags) => jsonRefusals(f.json, () => rotateCommand(f))));
  group
    .command('verify')
    .description(
      "walk the trust roots as this machine's agent would (--config, state), or check --root FILE [--chain FILE] before publishing",
    )
    .option('--chain <file>', 'a roots chain to apply (as if fetched from trust.root.chainUrl)')
    .option('--root <file>', 'stand-alone: start from this root instead of the agent config')
    .option('--org <org>', 'with --root: the org it must be for (default: its own)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nWrites nothing. Exit codes: 0 valid, 1 a root refused or the newest expired (code says why), 2 unreadable input or config.\n',
    )
    .action(action((f: VerifyFlags, cmd: Command) => verifyCommand(cmd, f)));
}
