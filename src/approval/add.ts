// `allowlist add`: resolve what is to be approved, review it, and build the pinned rule.
// The registry and the file system are reached through the arguments, so tests drive it
// against a registry on 127.0.0.1 and the review logic stays pure (review.ts).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JudgeContext } from '../judge/context';
import { pinnedFile, resolvePath } from '../judge/pinfile';
import type { QuarantineRecord } from '../quarantine/record';
import type { ServerRule } from '../policy/types';
import { ApprovalError } from './errors';
import type { NpmRunner } from './npm-cli';
import { npmFacts, treeFacts, type TreeFacts } from './npm-facts';
import { registryKeys, verifyRegistrySignature, type SignatureVerdict } from './npm-signature';
import { previousVersion, reviewNpm, type Finding } from './review';
import { fileRule, npmRule, ociRule, defaultId, type RuleOptions } from './rule';
import { EXACT_VERSION_RE, NPM_NAME_RE, PYPI_UNSUPPORTED, splitNpmSpec, type PackageSpec } from './spec';

export interface Resolved {
  rule: ServerRule;
  findings: Finding[];
  /** What was resolved, for the summary line (e.g. `npm:@x/y@1.2.3`). */
  resolved: string;
}

export interface ResolveOptions extends RuleOptions {
  now: Date;
  cooldownDays: number;
  /** Skip resolving the dependency tree (faster; the review then says so). */
  noTree?: boolean;
}

function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 300);
}

/** The registry URL npm uses for a package (its scope's registry when one is configured). */
async function registryFor(npm: NpmRunner, name: string): Promise<string> {
  const scope = name.startsWith('@') ? name.slice(0, name.indexOf('/')) : undefined;
  const scoped = scope ? await npm.config(`${scope}:registry`).catch(() => '') : '';
  const url = scoped && scoped !== 'undefined' ? scoped : await npm.config('registry');
  return url.endsWith('/') ? url : `${url}/`;
}

export async function resolveNpm(name: string, version: string | undefined, npm: NpmRunner, o: ResolveOptions): Promise<Resolved> {
  const facts = npmFacts(await npm.view(`${name}@${version ?? 'latest'}`), { name, version });
  // The tree, the signing keys and the previous version's maintainers are independent npm
  // round trips (each a spawn of npm, about a second): asked at the same time.
  const prev = previousVersion(facts);
  const unsigned: SignatureVerdict = { status: 'unsigned' };
  const [treeResult, sig, previousMaintainers] = await Promise.all([
    o.noTree
      ? undefined
      : npm
          .lockfile(`${facts.name}@${facts.version}`)
          .then((lock) => treeFacts(lock, facts.name))
          .catch((e: unknown) => ({ error: errorText(e) })),
    facts.signatures.length === 0
      ? unsigned
      : registryFor(npm, name)
          .then((registry) => npm.fetchJson(`${registry}-/npm/v1/keys`))
          .then((doc): SignatureVerdict => verifyRegistrySignature(facts, registryKeys(doc)))
          .catch((e: unknown): SignatureVerdict => ({
            status: 'unverifiable',
            reason: `cannot read the registry's signing keys (${errorText(e)})`,
          })),
    prev && facts.maintainers
      ? npm
          .view(`${name}@${prev}`)
          .then((v) => npmFacts(v, { name, version: prev }).maintainers)
          .catch(() => undefined)
      : undefined,
  ]);
  const tree: TreeFacts | undefined = treeResult && !('error' in treeResult) ? treeResult : undefined;
  const treeError = treeResult && 'error' in treeResult ? treeResult.error : undefined;
  const findings = reviewNpm(facts, tree, sig, {
    now: o.now,
    cooldownDays: o.cooldownDays,
    previousVersion: prev,
    previousMaintainers,
    treeSkipped: o.noTree,
    treeError,
  });
  let argv = o.argv;
  if (argv) {
    // The developer's argv, with the package now named at the exact version approved.
    argv = {
      command: argv.command,
      args: argv.args.map((a) => (splitNpmSpec(a).name === name && !a.startsWith('-') ? `${name}@${facts.version}` : a)),
    };
  }
  const rule = npmRule(facts.name, facts.version, facts.integrity, { ...o, argv });
  return { rule, findings, resolved: `npm:${facts.name}@${facts.version}` };
}

export function resolveFile(file: string, o: ResolveOptions): Resolved {
  const abs = path.resolve(file);
  const st = fs.statSync(abs, { throwIfNoEntry: false });
  if (!st?.isFile()) throw new ApprovalError({ code: 'SPEC_INVALID', message: `${abs}: not a regular file`, file: abs });
  const sha256 = crypto.createHash('sha256').update(fs.readFileSync(abs)).digest('hex');
  const findings: Finding[] = [{ level: 'info', check: 'sha256', message: `sha256 ${sha256} (${st.size} bytes)` }];
  if (st.mode & 0o022)
    findings.push({
      level: 'warn',
      check: 'writable',
      message: 'writable by group or others: anyone who can write it can swap the server (exec then refuses it, but it stops working)',
    });
  if (process.platform !== 'win32' && st.uid !== 0)
    findings.push({
      level: 'info',
      check: 'owner',
      message: `owned by uid ${st.uid}, not root: install it in a root-owned folder for the fleet`,
    });
  const executable = (st.mode & 0o111) !== 0;
  return { rule: fileRule(abs, sha256, executable, o), findings, resolved: `file:${abs}` };
}

export function resolveOci(image: string, digest: string, o: ResolveOptions): Resolved {
  return {
    rule: ociRule(image, digest, o),
    findings: [
      {
        level: 'info',
        check: 'digest',
        message: 'digest taken as given: check it with `crane digest IMAGE:TAG` or `docker buildx imagetools inspect`',
      },
    ],
    resolved: `oci:${image}@${digest}`,
  };
}

export async function resolveSpec(spec: PackageSpec, npm: NpmRunner, o: ResolveOptions): Promise<Resolved> {
  if (spec.kind === 'npm') return resolveNpm(spec.name, spec.version, npm, o);
  if (spec.kind === 'file') return resolveFile(spec.path, o);
  return resolveOci(spec.image, spec.digest, o);
}

/** Secret names of a quarantined entry, by where they sat (env / headers). */
function secretNames(record: QuarantineRecord, where: 'env' | 'headers'): string[] {
  return [...new Set(record.secrets.filter((s) => s.path[0] === where).map((s) => s.name))];
}

/** The script an interpreter argv runs, as the judge finds it; undefined when it is not one. */
function scriptOf(record: QuarantineRecord, command: string, args: string[]): { file: string; relative?: string } | undefined {
  const ctx: JudgeContext = {
    execPath: '',
    home: record.configHome,
    which: () => undefined, // a bare command that is not an interpreter has no script
    hashFile: () => ({ error: 'not used' }),
    npxInstalls: () => [],
  };
  const ref = pinnedFile({ id: 'x', transport: 'stdio' }, [command, ...args], record.project, ctx);
  if ('error' in ref) return undefined;
  const arg = args.find((a) => {
    const r = resolvePath(a, record.project, ctx);
    return 'file' in r && r.file === ref.file;
  });
  const relative = arg !== undefined && !path.isAbsolute(arg) ? arg : undefined;
  return { file: ref.file, relative };
}

/** The rule for what the developer actually had, from their quarantine record. */
export async function resolveFromRecord(record: QuarantineRecord, npm: NpmRunner, o: ResolveOptions): Promise<Resolved> {
  const e = record.entry;
  const id = o.id ?? defaultId(record.name);
  if (typeof e.url === 'string') {
    const transport = record.transport === 'sse' || record.transport === 'ws' ? record.transport : 'http';
    const rule: ServerRule = { id, transport, url: e.url };
    const headers = secretNames(record, 'headers');
    if (headers.length) rule.headers = { secrets: headers };
    if (o.scopes?.length) rule.scopes = o.scopes;
    if (o.description) rule.description = o.description;
    return {
      rule,
      findings: [
        { level: 'info', check: 'url', message: `exact URL ${e.url}: widen it to a pattern by hand if the server has several paths` },
      ],
      resolved: `url:${e.url}`,
    };
  }
  const command = typeof e.command === 'string' ? e.command : undefined;
  const args = Array.isArray(e.args) ? e.args.filter((a): a is string => typeof a === 'string') : [];
  if (!command)
    throw new ApprovalError({ code: 'SPEC_INVALID', message: `quarantine record ${record.id}: the entry has neither url nor command` });
  const base = { ...o, id, envSecrets: secretNames(record, 'env') };
  if (path.basename(command) === 'npx' || command === 'bunx' || command === 'pnpx') {
    const pkg = args.find((a) => !a.startsWith('-') && NPM_NAME_RE.test(splitNpmSpec(a).name));
    if (!pkg)
      throw new ApprovalError({
        code: 'SPEC_INVALID',
        message: `quarantine record ${record.id}: no package named in ${command}'s arguments`,
      });
    const { name, version } = splitNpmSpec(pkg);
    const exact = version !== undefined && EXACT_VERSION_RE.test(version) ? version : undefined;
    const r = await resolveNpm(name, exact ?? version, npm, { ...base, argv: { command, args } });
    if (!exact)
      r.findings.unshift({
        level: 'info',
        check: 'pinned',
        message: `the developer ran ${pkg} (not a pin); the rule pins ${r.rule.package?.version}`,
      });
    return r;
  }
  if (['uvx', 'pipx'].includes(path.basename(command)) || (path.basename(command) === 'uv' && args[0] === 'tool')) {
    throw new ApprovalError({ code: 'REGISTRY_UNSUPPORTED', message: `quarantine record ${record.id}: ${PYPI_UNSUPPORTED}` });
  }
  const argv = { command, args };
  if (path.isAbsolute(command)) return resolveFile(command, { ...base, argv });
  // An interpreter (`node /opt/x/server.js`, `python3 server.py`): pin the script the judge
  // would hash, found the judge's own way (pinfile.ts).
  const script = scriptOf(record, command, args);
  if (!script) {
    throw new ApprovalError({
      code: 'SPEC_INVALID',
      message: `quarantine record ${record.id}: "${command}" is not a path; approve it with file:/path/to/${command} (what the fleet installs)`,
    });
  }
  const r = resolveFile(script.file, { ...base, argv });
  if (script.relative !== undefined) {
    // As the judge resolves it on each workstation (project folder, `~/`), not this copy's path.
    r.rule.file = script.relative;
    r.findings.push({
      level: 'info',
      check: 'file',
      message: `${script.relative} is resolved on each workstation (its project folder or home); the sha256 is that of ${script.file}`,
    });
  }
  return r;
}
