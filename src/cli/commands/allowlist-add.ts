// `mcp-warden allowlist add FILE SPEC`: resolve a package, review it, write a complete pinned
// rule into the allowlist source (format- and comment-preserving). Never signs.
import type { Command } from 'commander';
import { action } from '../runtime';
import { err, out, outJson } from '../../host/output';
import { commandContext } from '../context';
import { ExitCode, InputError } from '../../errors';
import { resolveFromRecord, resolveSpec, type Resolved, type ResolveOptions } from '../../approval/add';
import { npmRunner, type NpmRunner } from '../../approval/npm-cli';
import { recordFromRequest, type StoredRequestShape } from '../../approval/request-shape';
import { adminClient, type AdminClient } from '../../collector/admin/client';
import { ApprovalError } from '../../approval/errors';
import { addRuleToSource, type EditResult } from '../../approval/source-edit';
import { parseSpec } from '../../approval/spec';
import { lintAllowlist } from '../../policy/lint';
import type { Scope } from '../../policy/types';
import { readRecord } from '../../quarantine/store';
import { readCapped, writeFileAtomic } from '../../util/fsio';

interface AddFlags {
  id?: string;
  description?: string;
  scope?: string[];
  replace?: string;
  fromQuarantine?: string;
  fromRequest?: string;
  collector?: string;
  adminTokenFile?: string;
  caFile?: string;
  cooldownDays: string;
  runtime?: string;
  tree: boolean;
  dryRun?: boolean;
  json?: boolean;
}

const MARK = { block: 'BLOCK', warn: 'warn ', info: 'info ', ok: 'ok   ' } as const;
const SCOPES = new Set(['user', 'local', 'project']);

export function decodeUtf8(file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readCapped(file, 4 * 1024 * 1024));
  } catch (e) {
    if (e instanceof TypeError) throw new InputError({ code: 'PARSE_ERROR', message: `${file}: not UTF-8 text`, file });
    throw e;
  }
}

async function addCommand(cmd: Command, file: string, specArg: string | undefined, f: AddFlags): Promise<number> {
  const ctx = commandContext(cmd);
  const scopes = (f.scope ?? []).map((s) => {
    if (!SCOPES.has(s)) throw new InputError({ code: 'USAGE', message: `--scope ${s}: expected user, local or project` });
    return s as Scope;
  });
  const cooldownDays = Number(f.cooldownDays);
  if (!Number.isFinite(cooldownDays) || cooldownDays < 0)
    throw new InputError({ code: 'USAGE', message: '--cooldown-days must be a number ≥ 0' });
  if (f.runtime && f.runtime !== 'docker' && f.runtime !== 'podman')
    throw new InputError({ code: 'USAGE', message: '--runtime must be docker or podman' });
  if ([specArg, f.fromQuarantine, f.fromRequest].filter(Boolean).length !== 1) {
    throw new InputError({
      code: 'USAGE',
      message: 'give one of SPEC (npm:NAME@VERSION, file:PATH, oci:IMAGE@sha256:…), --from-quarantine ID or --from-request ID',
    });
  }
  if (f.fromRequest && !f.collector)
    throw new InputError({ code: 'USAGE', message: '--from-request needs --collector URL (and the admin token)' });
  const text = decodeUtf8(file);
  const opts = {
    id: f.id,
    description: f.description,
    scopes,
    runtime: f.runtime as 'docker' | 'podman' | undefined,
    now: new Date(),
    cooldownDays,
    noTree: !f.tree,
  };
  const npm = npmRunner(ctx.env);
  let r: Resolved;
  if (f.fromQuarantine) r = await resolveFromRecord(readRecord(ctx.stateDir, f.fromQuarantine), npm, opts);
  else if (f.fromRequest) {
    const client = adminClient({ collector: f.collector!, tokenFile: f.adminTokenFile, caFile: f.caFile, env: ctx.env });
    r = await resolveFromRequest(client, f.fromRequest, ctx.home, npm, opts);
  } else r = await resolveSpec(parseSpec(specArg!), npm, opts);
  if (f.replace && !f.id) r.rule.id = f.replace;
  const o = writeResolved(file, text, r, { replace: f.replace, dryRun: f.dryRun });
  printOutcome(file, o, f);
  return o.blocked ? ExitCode.CHECK_FAILED : ExitCode.OK;
}

/** The rule for what an approval request's developer had (GET /v1/requests/{id}). */
export async function resolveFromRequest(
  client: AdminClient,
  id: string,
  home: string,
  npm: NpmRunner,
  opts: ResolveOptions,
): Promise<Resolved> {
  if (!/^r-[0-9a-f]{16}$/.test(id))
    throw new InputError({ code: 'USAGE', message: `${JSON.stringify(id)} is not a request id (r-0123456789abcdef)` });
  const { request } = await client.get<{ request: StoredRequestShape }>(`requests/${id}`, {});
  return resolveFromRecord(recordFromRequest(request, home), npm, opts);
}

export interface AddOutcome {
  resolved: Resolved;
  edit?: EditResult;
  problems: Array<{ path: string; message: string }>;
  /** The review or lint blocks the rule: nothing written. */
  blocked: boolean;
  written: boolean;
}

/** Put the resolved rule into the source text and write it (unless blocked or a dry run). Never signs. */
export function writeResolved(file: string, text: string, r: Resolved, o: { replace?: string; dryRun?: boolean }): AddOutcome {
  const blockedByReview = r.findings.some((x) => x.level === 'block');
  let edit: EditResult | undefined;
  const problems: Array<{ path: string; message: string }> = [];
  if (!blockedByReview) {
    try {
      edit = addRuleToSource(file, text, r.rule, o.replace);
    } catch (e) {
      // An id already taken blocks like a lint error, after the review has been shown.
      if (!(e instanceof ApprovalError && e.code === 'RULE_EXISTS')) throw e;
      problems.push({ path: e.jsonPath ?? '$.servers', message: e.message.replace(`${file}: `, '') });
    }
  }
  // The rule must lint clean where it now stands (argv names the pin, …).
  if (edit) {
    const at = `$.servers[${edit.index}]`;
    problems.push(...lintAllowlist(edit.text, { fileName: file }).errors.filter((p) => p.path.startsWith(at)));
  }
  const blocked = blockedByReview || problems.length > 0;
  if (edit && !blocked && !o.dryRun) writeFileAtomic(file, edit.text);
  return { resolved: r, edit, problems, blocked, written: Boolean(edit && !blocked && !o.dryRun) };
}

export function printOutcome(file: string, o: AddOutcome, f: { json?: boolean; dryRun?: boolean }): void {
  const { resolved: r, edit, problems } = o;
  if (f.json) {
    outJson({
      file,
      resolved: r.resolved,
      rule: r.rule,
      findings: r.findings,
      problems,
      written: o.written,
      index: edit?.index,
      replaced: edit?.replaced ?? false,
    });
    return;
  }
  out(`${r.resolved}`);
  for (const x of r.findings) out(`  ${MARK[x.level]} ${x.check}: ${x.message}`);
  for (const p of problems) out(`  BLOCK lint: ${p.path}: ${p.message}`);
  if (o.blocked) err(`mcp-warden: nothing written to ${file}: the review blocks this rule`);
  else if (f.dryRun)
    out(`dry run: rule "${r.rule.id}" would be ${edit!.replaced ? 'replaced' : 'added'} at servers[${edit!.index}] of ${file}`);
  else {
    out(`rule "${r.rule.id}" ${edit!.replaced ? 'replaced' : 'added'} at servers[${edit!.index}] of ${file}`);
    out(`next: raise \`version\`, then mcp-warden allowlist lint ${file} && mcp-warden allowlist sign ${file} --key … --out …`);
  }
}

export function registerAdd(group: Command): void {
  group
    .command('add <file> [spec]')
    .description(
      'resolve a package (npm:NAME[@VERSION], file:PATH, oci:IMAGE@sha256:…), review it and write a pinned rule into the allowlist source',
    )
    .option('--id <id>', 'rule id (default: from the package or file name)')
    .option('--description <text>', "the rule's description")
    .option('--scope <scope>', 'limit the rule to a scope: user, local or project (repeat)', (v: string, prev: string[] = []) => [
      ...prev,
      v,
    ])
    .option('--replace <id>', 'replace the rule with this id (a version bump) instead of adding one')
    .option('--from-quarantine <id>', 'build the rule from a quarantined entry (what the developer actually had)')
    .option('--from-request <id>', 'build the rule from an approval request at the collector (with --collector)')
    .option('--collector <url>', 'collector base URL, for --from-request')
    .option('--admin-token-file <file>', 'file holding the admin token (default: $MCP_WARDEN_ADMIN_TOKEN), for --from-request')
    .option('--ca-file <file>', 'extra CA certificates (PEM) for the collector, for --from-request')
    .option('--cooldown-days <n>', 'warn about versions published less than N days ago', '7')
    .option('--runtime <name>', 'container runtime for oci: rules (docker or podman)')
    .option('--no-tree', 'do not resolve the dependency tree (faster; no dependency review)')
    .option('--dry-run', 'review and show, write nothing')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      "\nnpm packages are resolved through your own npm (its registry, scoped registries, proxy, CA\nand credentials); the registry's signing keys are read over npm's proxy and CA settings\n(without credentials). pypi: is refused: the allowlist cannot pin PyPI packages. The review lists install scripts (of the package and of its dependency\ntree), the registry signature, provenance, age against the cooldown, deprecation, a change\nof maintainers since the previous version, the dependency count and names close to popular\nMCP packages. An invalid registry signature blocks the rule. Nothing is signed: raise the\nversion and sign as usual.\n\nExit codes: 0 written (warnings allowed), 1 blocked by the review or lint, 2 bad input,\n3 npm or the registry unavailable.\n",
    )
    .action(action((file: string, spec: string | undefined, flags: AddFlags, cmd: Command) => addCommand(cmd, file, spec, flags)));
}
