// `mcp-warden allowlist lint|sign|verify|hash`: the admin's tools for the signed allowlist
// (docs/allowlist.md).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { action } from '../runtime';
import { err, out, outJson } from '../../host/output';
import { agentConfig } from '../../host/context';
import { commandContext } from '../context';
import { ExitCode, InputError } from '../../errors';
import { loadTrustKeys } from '../../policy/keys';
import {
  ALLOWLIST_PAYLOAD_TYPE,
  decodeBase64Strict,
  keyIdOf,
  signEnvelope,
  type DsseEnvelope,
  type DsseSignature,
} from '../../policy/dsse';
import { isPolicyError, PolicyError } from '../../policy/errors';
import { lintAllowlist, type LintResult } from '../../policy/lint';
import { canonicalPayload, loadSigningKey, type SigningKey } from '../../policy/signing';
import { readPolicyState } from '../../policy/last-good';
import { resolveTrust } from '../../policy/trust';
import { DEFAULT_MAX_ENVELOPE_BYTES, verifyEnvelope, type VerifiedAllowlist } from '../../policy/verify';
import { formatProblem, type DocumentProblem } from '../../schema/document';
import { readCapped, writeFileAtomic } from '../../util/fsio';
import { registerAdd } from './allowlist-add';
import { registerPinTools } from './allowlist-pin';

/** Bytes: an allowlist source is tens of KB; the envelope cap is 1 MiB by default. */
const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

function readText(file: string): string {
  const bytes = readCapped(file, MAX_SOURCE_BYTES);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    throw new InputError({ code: 'PARSE_ERROR', message: `${file}: not UTF-8 text`, file, cause: e });
  }
}

function printProblems(file: string, problems: DocumentProblem[], prefix = '', write: (line: string) => void = out): void {
  for (const p of problems) write(formatProblem(file, { ...p, message: `${prefix}${p.message}` }));
}

function lintFile(file: string): { result: LintResult; exit: number } {
  const result = lintAllowlist(readText(file), { fileName: file });
  const exit = result.syntax.length > 0 ? ExitCode.USAGE : result.errors.length > 0 ? ExitCode.CHECK_FAILED : ExitCode.OK;
  return { result, exit };
}

function lintCommand(file: string, flags: { json?: boolean }): number {
  const { result: r, exit } = lintFile(file);
  if (flags.json) {
    outJson({ file, format: r.format, valid: exit === 0, syntax: r.syntax, errors: r.errors, warnings: r.warnings });
    return exit;
  }
  printProblems(file, r.syntax);
  printProblems(file, r.errors);
  printProblems(file, r.warnings, 'warning: ');
  if (r.syntax.length > 0) out(`${file}: cannot be parsed as ${r.format.toUpperCase()}`);
  else if (r.errors.length > 0) out(`${file}: ${r.errors.length} error${r.errors.length === 1 ? '' : 's'}`);
  else if (r.allowlist)
    out(
      `${file}: valid (org ${r.allowlist.org}, version ${r.allowlist.version}, ${r.allowlist.mode}, ${r.allowlist.servers.length} servers)`,
    );
  return exit;
}

interface SignFlags {
  key: string[];
  out: string;
  append?: boolean;
  json?: boolean;
}

/**
 * --append: the signatures already in `outFile`, when it signs exactly `payload`. Lets
 * signers on separate offline machines add their signature to one envelope in turn.
 */
function existingSignatures(outFile: string, payload: Buffer): DsseSignature[] {
  let env: Partial<DsseEnvelope>;
  try {
    env = JSON.parse(readCapped(outFile, MAX_SOURCE_BYTES * 2).toString('utf8')) as Partial<DsseEnvelope>;
  } catch (e) {
    if ((e as { code?: string }).code === 'FILE_NOT_FOUND') return [];
    throw new InputError({
      code: 'PARSE_ERROR',
      message: `${outFile}: not an envelope to append to (${(e as Error).message})`,
      file: outFile,
      cause: e,
    });
  }
  const same =
    env.payloadType === ALLOWLIST_PAYLOAD_TYPE &&
    typeof env.payload === 'string' &&
    decodeBase64Strict(env.payload)?.equals(payload) === true;
  if (!same || !Array.isArray(env.signatures)) {
    throw new InputError({
      code: 'USAGE',
      message: `${outFile} signs a different allowlist: sign the same source file, or write a new envelope without --append`,
      file: outFile,
    });
  }
  return env.signatures;
}

function signCommand(file: string, flags: SignFlags): number {
  const outFile = path.resolve(flags.out);
  if (outFile === path.resolve(file)) throw new InputError({ code: 'USAGE', message: '--out must not be the allowlist itself' });
  const { result, exit } = lintFile(file);
  if (exit !== ExitCode.OK || !result.allowlist) {
    printProblems(file, [...result.syntax, ...result.errors], '', err);
    throw new PolicyError({ code: 'LINT_FAILED', message: `${file} does not lint; nothing signed`, file, exitCode: exit as ExitCode });
  }
  const keys: SigningKey[] = flags.key.map((k) => loadSigningKey(path.resolve(k)));
  for (const k of keys) if (k.warning) err(`warning: ${k.warning}`);
  const ids = new Set<string>();
  for (const k of keys) {
    // A second signature by the same key would count once anyway: it is a mistake.
    if (ids.has(k.keyId))
      throw new PolicyError({ code: 'KEY_INVALID', message: `${k.file}: the same key was given twice (${k.keyId})`, file: k.file });
    ids.add(k.keyId);
  }
  const payload = canonicalPayload(result.allowlist);
  const envelope = signEnvelope(
    ALLOWLIST_PAYLOAD_TYPE,
    payload,
    keys.map((k) => k.key),
  );
  if (flags.append) {
    const previous = existingSignatures(outFile, payload).filter((s) => !s.keyid || !ids.has(s.keyid));
    envelope.signatures = [...previous, ...envelope.signatures];
  }
  const bytes = Buffer.from(JSON.stringify(envelope, null, 2) + '\n');
  // Self-check with the public halves: what we write must verify (at least by our keys).
  const self = verifyEnvelope(bytes, {
    trustKeys: keys.map((k) => crypto.createPublicKey(k.key)),
    threshold: keys.length,
    org: result.allowlist.org,
    now: new Date(),
    maxBytes: Number.MAX_SAFE_INTEGER,
  });
  writeFileAtomic(outFile, bytes, { mode: 0o644 });
  if (bytes.length > DEFAULT_MAX_ENVELOPE_BYTES) {
    err(
      `warning: the envelope is ${bytes.length} bytes, over agents' default ${DEFAULT_MAX_ENVELOPE_BYTES}-byte cap: raise allowlist.maxBytes in the agent config`,
    );
  }
  if (flags.json) {
    outJson({
      out: outFile,
      org: self.allowlist.org,
      version: self.allowlist.version,
      digest: self.digest,
      keyIds: self.keyIds,
      bytes: bytes.length,
    });
  } else {
    out(`signed ${file} → ${outFile}`);
    out(`  org ${self.allowlist.org}, version ${self.allowlist.version}, expires ${self.allowlist.expires}, ${self.allowlist.mode}`);
    out(`  digest sha256:${self.digest}`);
    for (const id of self.keyIds) out(`  signed by ${id}`);
    if (envelope.signatures.length > keys.length) out(`  ${envelope.signatures.length} signatures in the envelope (--append)`);
  }
  return ExitCode.OK;
}

function verifyCommand(cmd: Command, envelopeFile: string, flags: { json?: boolean }): number {
  const ctx = commandContext(cmd);
  const loaded = agentConfig(ctx);
  // The same keys the agent would use: the newest root's allowlist role, or trust.keys.
  const trust = resolveTrust({ config: loaded, stateDir: ctx.stateDir, now: new Date(), readOnly: true });
  const trustKeys = trust.trustKeys;
  const names = trust.root
    ? new Map(Object.entries(trust.root.doc.keys).map(([id, k]) => [id, k.name]))
    : new Map(loadTrustKeys(loaded).map((k, i) => [keyIdOf(k), loaded.config.trust.keys?.[i]?.name]));
  const maxBytes = loaded.config.allowlist.maxBytes ?? DEFAULT_MAX_ENVELOPE_BYTES;
  // Rollback is judged against this machine's state when there is one; never written here.
  const { state } = readPolicyState(ctx.stateDir);
  let v: VerifiedAllowlist;
  try {
    // No usable root, or a frozen one: the agent would accept nothing new either.
    if (trust.fatal) throw trust.fatal;
    if (trust.frozen) throw trust.frozen;
    let bytes: Buffer;
    try {
      bytes = readCapped(envelopeFile, maxBytes);
    } catch (e) {
      if ((e as { code?: string }).code !== 'FILE_TOO_LARGE') throw e;
      throw new PolicyError({
        code: 'ENVELOPE_TOO_LARGE',
        message: `${envelopeFile}: over the ${maxBytes}-byte limit`,
        file: envelopeFile,
      });
    }
    v = verifyEnvelope(bytes, {
      trustKeys,
      threshold: trust.threshold,
      org: loaded.config.org,
      now: new Date(),
      maxBytes,
      last: state ? { version: state.version, digest: state.digest } : undefined,
    });
  } catch (e) {
    if (!flags.json || !isPolicyError(e)) throw e;
    outJson({ valid: false, file: envelopeFile, code: e.code, message: e.message, jsonPath: e.jsonPath, issues: e.issues });
    return e.exitCode;
  }
  const a = v.allowlist;
  const keys = v.keyIds.map((id) => ({ keyId: id, name: names.get(id) }));
  if (flags.json) {
    outJson({
      valid: true,
      file: envelopeFile,
      org: a.org,
      version: a.version,
      expires: a.expires,
      mode: a.mode,
      servers: a.servers.length,
      deny: a.deny?.length ?? 0,
      digest: v.digest,
      stale: v.stale,
      keys,
      lastAccepted: state?.version,
    });
    return ExitCode.OK;
  }
  out(`valid: ${envelopeFile}`);
  out(`  org:      ${a.org}`);
  out(`  version:  ${a.version}${state ? ` (last accepted here: ${state.version})` : ''}`);
  out(`  expires:  ${a.expires}${v.stale ? ' (EXPIRED: in force only as the last good policy, reported stale)' : ''}`);
  out(`  mode:     ${a.mode}`);
  out(`  servers:  ${a.servers.length}, deny rules: ${a.deny?.length ?? 0}`);
  out(`  digest:   sha256:${v.digest}`);
  for (const k of keys) out(`  signed by ${k.keyId}${k.name ? ` (${k.name})` : ''}`);
  return ExitCode.OK;
}

async function hashCommand(files: string[], flags: { json?: boolean }): Promise<number> {
  const rows: { file: string; sha256: string }[] = [];
  for (const file of files) {
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st?.isFile())
      throw new InputError({ code: st ? 'FILE_UNREADABLE' : 'FILE_NOT_FOUND', message: `${file}: not a regular file`, file });
    const hash = crypto.createHash('sha256');
    for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
    rows.push({ file, sha256: hash.digest('hex') });
  }
  if (flags.json) outJson(rows);
  // sha256sum's format, so admins can compare with it.
  else for (const r of rows) out(`${r.sha256}  ${r.file}`);
  return ExitCode.OK;
}

export function register(program: Command): void {
  const group = program.command('allowlist').description('lint, sign, verify and pin the signed allowlist (admin tools)');
  group
    .command('lint <file>')
    .description('check an allowlist (YAML or JSON) and print every problem with its JSON path and line:column')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExit codes: 0 valid (warnings allowed), 1 lint errors, 2 unreadable or unparseable.\n')
    .action(action((file: string, flags: { json?: boolean }) => lintCommand(file, flags)));
  group
    .command('sign <file>')
    .description('lint, then write a DSSE envelope signed by every --key (Ed25519 private keys from keygen)')
    .requiredOption('--key <file>', 'private key (repeat for several signers)', (v: string, prev: string[] = []) => [...prev, v])
    .requiredOption('--out <file>', 'envelope to write (atomically)')
    .option('--append', 'keep the signatures already in --out (same allowlist): signers on separate machines sign in turn')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nThe payload is the allowlist as canonical JSON (keys sorted), so an unchanged allowlist\nalways signs to the same digest. Warns when a key file is readable by group or others.\n\nExit codes: 0 signed, 1 lint errors, 2 unreadable input or an invalid key.\n',
    )
    .action(action((file: string, flags: SignFlags) => signCommand(file, flags)));
  group
    .command('verify <envelope>')
    .description('verify an envelope as an agent would (with --config, rollback against --state-dir state) without changing anything')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nUses the global --config (or $MCP_WARDEN_CONFIG, or the OS location) for org and trust\nkeys, and the state folder (--state-dir) for rollback checks; writes nothing.\n\nExit codes: 0 valid, 1 rejected (the error code says why), 2 unreadable input or config.\n',
    )
    .action(action((envelope: string, flags: { json?: boolean }, cmd: Command) => verifyCommand(cmd, envelope, flags)));
  group
    .command('hash <files...>')
    .description("print the SHA-256 of executables or scripts, for a server rule's sha256 pin")
    .option('--json', 'print the result as JSON')
    .action(action((files: string[], flags: { json?: boolean }) => hashCommand(files, flags)));
  registerAdd(group);
  registerPinTools(group);
}
