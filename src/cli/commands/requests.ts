// `mcp-warden requests list | show ID | approve ID --allowlist FILE | deny ID --reason TEXT`:
// the admin side of the approval queue. `approve` writes the pinned rule for what the
// developer had into the allowlist source (the `allowlist add` machinery: the package
// resolved and reviewed, the YAML edited format-preserving) and marks the request
// approved. It NEVER signs: the admin raises the version and signs as usual.
import type { Command } from 'commander';
import { action } from '../runtime';
import { err, out, outJson } from '../../host/output';
import { commandContext } from '../context';
import { ExitCode, InputError } from '../../errors';
import { adminClient, type AdminClient } from '../../collector/admin/client';
import { table } from '../../collector/admin/format';
import type { RequestView } from '../../collector/store';
import { npmRunner } from '../../approval/npm-cli';
import { decodeUtf8, printOutcome, resolveFromRequest, writeResolved } from './allowlist-add';

interface Common {
  collector: string;
  adminTokenFile?: string;
  caFile?: string;
  format?: string;
}

const ID_RE = /^r-[0-9a-f]{16}$/;

function client(cmd: Command, f: Common): AdminClient {
  return adminClient({ collector: f.collector, tokenFile: f.adminTokenFile, caFile: f.caFile, env: commandContext(cmd).env });
}

function checkId(id: string): void {
  if (!ID_RE.test(id)) throw new InputError({ code: 'USAGE', message: `${JSON.stringify(id)} is not a request id (r-0123456789abcdef)` });
}

function format(f: Common): 'table' | 'json' {
  const v = f.format ?? 'table';
  if (v !== 'table' && v !== 'json') throw new InputError({ code: 'USAGE', message: '--format: table or json' });
  return v;
}

/** `approved → restored on 3 of 5 devices`. */
export function progress(r: RequestView): string {
  if (r.status === 'approved') return `approved → restored on ${r.restored} of ${r.devices} device${r.devices === 1 ? '' : 's'}`;
  return r.status;
}

function what(r: RequestView): string {
  const e = r.entry;
  if (typeof e.url === 'string') return e.url;
  const args = Array.isArray(e.args) ? e.args.filter((a): a is string => typeof a === 'string') : [];
  return [typeof e.command === 'string' ? e.command : '', ...args].join(' ');
}

async function list(cmd: Command, f: Common & { status?: string[] }): Promise<number> {
  const fmt = format(f);
  const { requests } = await client(cmd, f).get<{ requests: RequestView[] }>('requests', { status: f.status });
  if (fmt === 'json') {
    outJson(requests);
    return ExitCode.OK;
  }
  if (requests.length === 0) {
    out('no approval requests');
    return ExitCode.OK;
  }
  out(
    table(
      ['ID', 'SERVER', 'DEVICES', 'ASKS', 'STATUS', 'WHAT'],
      requests.map((r) => [r.id, r.name, String(r.devices), String(r.asks), progress(r), what(r)]),
    ),
  );
  return ExitCode.OK;
}

async function show(cmd: Command, id: string, f: Common): Promise<number> {
  checkId(id);
  const fmt = format(f);
  const { request: r } = await client(cmd, f).get<{ request: RequestView }>(`requests/${id}`, {});
  if (fmt === 'json') {
    outJson(r);
    return ExitCode.OK;
  }
  out(`${r.id}  ${r.name}  [${r.transport}]  ${progress(r)}`);
  out(`  asked ${r.createdAt}, last ${r.updatedAt}${r.decidedAt ? `, decided ${r.decidedAt}` : ''}`);
  if (r.ruleId) out(`  rule: ${r.ruleId}`);
  if (r.decisionReason) out(`  decision: ${r.decisionReason}`);
  out(`  entry (secrets are placeholders): ${JSON.stringify(r.entry)}`);
  out(`  ${r.devices} device${r.devices === 1 ? '' : 's'}, ${r.asks} ask${r.asks === 1 ? '' : 's'}:`);
  for (const d of r.deviceList ?? []) {
    const back = d.restoredAt ? `restored ${d.restoredAt}` : 'not restored';
    out(`    ${d.deviceId}  ${d.user}@${d.hostname}  ${d.scope}${d.client ? `/${d.client}` : ''}  ×${d.asks}  ${back}`);
    if (d.reason) out(`      reason: ${d.reason}`);
    if (d.removedBecause) out(`      removed because: ${d.removedBecause}`);
  }
  if (r.status === 'open') out(`approve with: mcp-warden requests approve ${r.id} --allowlist FILE --collector …`);
  return ExitCode.OK;
}

interface ApproveFlags extends Common {
  allowlist: string;
  id?: string;
  reason?: string;
  cooldownDays: string;
  tree: boolean;
  dryRun?: boolean;
  json?: boolean;
}

async function approve(cmd: Command, id: string, f: ApproveFlags): Promise<number> {
  checkId(id);
  const ctx = commandContext(cmd);
  const cooldownDays = Number(f.cooldownDays);
  if (!Number.isFinite(cooldownDays) || cooldownDays < 0)
    throw new InputError({ code: 'USAGE', message: '--cooldown-days must be a number ≥ 0' });
  const c = client(cmd, f);
  const text = decodeUtf8(f.allowlist);
  const r = await resolveFromRequest(c, id, ctx.home, npmRunner(ctx.env), { id: f.id, now: new Date(), cooldownDays, noTree: !f.tree });
  const o = writeResolved(f.allowlist, text, r, { dryRun: f.dryRun });
  let decided: RequestView | undefined;
  // Marked approved only once the rule is in the source: the queue never says "approved"
  // for a rule nobody wrote.
  if (o.written)
    decided = (
      await c.post<{ request: RequestView }>(`requests/${id}/approve`, { ruleId: r.rule.id, ...(f.reason ? { reason: f.reason } : {}) })
    ).request;
  if (f.json) {
    outJson({
      request: id,
      status: decided?.status ?? 'open',
      rule: r.rule,
      findings: r.findings,
      problems: o.problems,
      written: o.written,
      file: f.allowlist,
    });
  } else {
    printOutcome(f.allowlist, o, f);
    if (decided) out(`request ${id} marked approved (rule "${r.rule.id}"); devices restore it once the signed allowlist reaches them`);
    else if (!o.blocked) err(`request ${id} left open (dry run)`);
  }
  return o.blocked ? ExitCode.CHECK_FAILED : ExitCode.OK;
}

async function deny(cmd: Command, id: string, f: Common & { reason: string }): Promise<number> {
  checkId(id);
  if (!f.reason.trim()) throw new InputError({ code: 'USAGE', message: '--reason: say why (the developer is shown it)' });
  const { request: r } = await client(cmd, f).post<{ request: RequestView }>(`requests/${id}/deny`, { reason: f.reason });
  out(`request ${r.id} (${r.name}) denied; ${r.devices} device${r.devices === 1 ? '' : 's'} will be told: ${r.decisionReason}`);
  return ExitCode.OK;
}

function common(c: Command): Command {
  return c
    .requiredOption('--collector <url>', 'collector base URL (https://…; http:// only for loopback)')
    .option('--admin-token-file <file>', 'file holding the admin token (default: $MCP_WARDEN_ADMIN_TOKEN)')
    .option('--ca-file <file>', 'extra CA certificates (PEM) for a collector behind a private PKI');
}

export function register(program: Command): void {
  const g = program.command('requests').description('the approval queue: servers developers asked for (admin)');
  common(
    g
      .command('list')
      .description('requests, newest first: server, devices that asked, asks in all, status (approved → restored on N devices)'),
  )
    .option('--status <status>', 'open, approved or denied (repeat)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--format <format>', 'table or json', 'table')
    .action(action((flags: Common & { status?: string[] }, cmd: Command) => list(cmd, flags)));
  common(
    g.command('show').description('one request: the entry (secrets as placeholders), every device that asked, and why').argument('<id>'),
  )
    .option('--format <format>', 'table or json', 'table')
    .action(action((id: string, flags: Common, cmd: Command) => show(cmd, id, flags)));
  common(
    g
      .command('approve')
      .description('write the pinned rule for what the developer had into the allowlist source and mark the request approved (never signs)')
      .argument('<id>'),
  )
    .requiredOption('--allowlist <file>', 'the allowlist source (YAML or JSON) to add the rule to')
    .option('--id <id>', 'rule id (default: from the package or file name)')
    .option('--reason <text>', 'a note kept with the decision')
    .option('--cooldown-days <n>', 'warn about versions published less than N days ago', '7')
    .option('--no-tree', 'do not resolve the dependency tree (faster; no dependency review)')
    .option('--dry-run', 'review and show, write nothing, leave the request open')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      "\nThe review is `allowlist add`'s: a blocking finding writes nothing and leaves the request open.\nNext: raise `version`, lint and sign the allowlist, and ship it as usual.\n\nExit codes: 0 written and approved, 1 blocked by the review or lint, 2 bad input or token refused,\n3 collector, npm or the registry unavailable.\n",
    )
    .action(action((id: string, flags: ApproveFlags, cmd: Command) => approve(cmd, id, flags)));
  common(g.command('deny').description("deny a request; the developer's agent tells them why").argument('<id>'))
    .requiredOption('--reason <text>', 'why (shown to the developer)')
    .action(action((id: string, flags: Common & { reason: string }, cmd: Command) => deny(cmd, id, flags)));
}
