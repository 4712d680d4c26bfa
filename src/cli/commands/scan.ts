// `mcp-warden scan [--json]`: every MCP server Claude Code (and the other clients of
// docs/clients.md) would start for this user, with
// its verdict under the policy in force, and the settings drift enforce would fix.
// Changes nothing: no config file, no policy state, no report.
import type { Command } from 'commander';
import { action } from '../runtime';
import { out, outJson } from '../../host/output';
import { commandContext } from '../context';
import { setupLogging } from '../../host/context';
import { ExitCode } from '../../errors';
import { inspect } from '../../reconcile/pass';
import { commandSetup } from '../../reconcile/setup';
import { emptyCounts } from '../../reconcile/pass';
import { clientCounts, entryView, heldView, pluginsView, sourceCounts } from '../../reconcile/views';
import { countsLine, entryLines, policyLine, sourcesLine, tildify } from '../../reconcile/text';
import { plan as makePlan } from '../../plan/plan';
import { emptyPlanState } from '../../plan/state';
import { formatJsonPath } from '../../util/jsonpath';
import { effectiveMode } from '../../policy/effective';

async function scan(cmd: Command, flags: { json?: boolean }): Promise<number> {
  const ctx = commandContext(cmd);
  setupLogging(ctx);
  const setup = await commandSetup(ctx, { readOnly: true });
  const { inventory, verdicts } = inspect({
    home: ctx.home,
    config: setup.loaded?.config,
    policy: setup.policy,
    execPath: setup.execPath,
    env: ctx.env,
  });
  const byKey = new Map(verdicts.map((v) => [v.entryKey, v]));
  const entries = inventory.entries.map((e) => entryView(e, byKey.get(e.key)));
  const counts = emptyCounts();
  for (const v of verdicts) counts[v.verdict]++;
  // What enforce would do beyond removals (settings drift, renames), without history.
  const p = makePlan(inventory, { policy: setup.policy, verdicts }, emptyPlanState('scan'), { now: new Date() });
  const settings = p.actions.flatMap((a) =>
    a.kind === 'settings'
      ? [
          {
            file: a.settings.file,
            jsonPath: formatJsonPath([...(a.settings.jsonPath ?? []), a.key]),
            key: a.key,
            to: a.to,
            reason: a.reason,
          },
        ]
      : [],
  );
  const renames = p.actions.flatMap((a) =>
    a.kind === 'rename'
      ? [{ file: a.entry.file, jsonPath: formatJsonPath(a.entry.jsonPath), name: a.entry.name, to: a.to, reason: a.reason }]
      : [],
  );
  const pol = setup.policy;
  const policy = pol
    ? {
        org: pol.allowlist.org,
        version: pol.allowlist.version,
        mode: pol.allowlist.mode,
        digest: pol.digest,
        source: pol.source,
        stale: setup.load?.stale === true,
      }
    : null;
  if (flags.json) {
    outJson({
      policy,
      mode: effectiveMode(pol),
      noPolicy: !pol,
      notes: setup.notes,
      counts,
      sources: sourceCounts(inventory.entries),
      clients: clientCounts(inventory.entries),
      entries,
      plugins: pluginsView(inventory),
      marketplaces: p.marketplaces ?? [],
      settings,
      renames,
      refusedRenames: heldView(p).filter((h) => h.kind === 'rename'),
      unreadable: inventory.unreadable,
      configHomes: inventory.configHomes,
      projects: inventory.projects.length,
      files: inventory.files,
      truncated: inventory.truncated ?? [],
    });
    return ExitCode.OK;
  }
  for (const l of policyLine(policy, setup.notes)) out(l);
  out(countsLine(counts));
  out(sourcesLine(sourceCounts(inventory.entries)));
  const clients = clientCounts(inventory.entries);
  if (Object.keys(clients).some((c) => c !== 'claude-code'))
    out(
      `clients: ${Object.entries(clients)
        .map(([c, n]) => `${c} ${n}`)
        .join(', ')}`,
    );
  for (const l of entryLines(entries, ctx.home)) out(l);
  for (const m of p.marketplaces ?? [])
    out(`marketplace ${m.name} ${m.verdict === 'denied' ? 'BLOCKED' : 'NOT ALLOWED'}: ${m.reason} (${tildify(m.file, ctx.home)})`);
  for (const a of p.actions)
    if (a.kind === 'plugin')
      out(`plugin ${a.enablement.id}: enforce would turn it off in ${tildify(a.enablement.file, ctx.home)} (${a.reason})`);
  if (settings.length > 0) {
    out('settings drift:');
    for (const s of settings) out(`  ${tildify(s.file, ctx.home)} ${s.jsonPath}: ${s.reason}`);
  }
  if (renames.length > 0) {
    out('renames (tool rules bind to the allowlist id):');
    for (const r of renames) out(`  ${r.name} → ${r.to} in ${tildify(r.file, ctx.home)}`);
  }
  if (inventory.unreadable.length > 0) {
    out('unreadable (never rewritten):');
    for (const u of inventory.unreadable) out(`  ${tildify(u.file, ctx.home)} ${u.reason}`);
  }
  for (const t of inventory.truncated ?? []) out(`note: ${t}`);
  return ExitCode.OK;
}

export function register(program: Command): void {
  program
    .command('scan')
    .description('list every MCP server Claude Code would start for this user, with its verdict (changes nothing)')
    .option('--json', 'machine-readable output')
    .action(action((flags: { json?: boolean }, cmd: Command) => scan(cmd, flags)));
}
