// Human-readable output of `scan` and `reconcile --once`: what a developer or an admin at
// a terminal reads. One line per server or action, grouped by file, no secrets.
import * as os from 'node:os';
import type { ActionView, EntryView } from './views';

const LABEL: Record<string, string> = {
  approved: 'approved',
  unapproved: 'UNAPPROVED',
  pin_mismatch: 'PIN MISMATCH',
  denied: 'DENIED',
  unverifiable: 'unverifiable',
  ignored: 'ignored',
  unjudged: '-',
};

export function tildify(p: string, home: string): string {
  if (p === home) return '~';
  return p.startsWith(home + '/') ? `~${p.slice(home.length)}` : p;
}

export function policyLine(
  policy: { org: string; version: number; mode: string; digest?: string } | null,
  notes: readonly string[],
): string[] {
  const lines = policy ? [`policy: ${policy.org} v${policy.version} (${policy.mode})`] : ['policy: none: audit only, nothing is changed'];
  for (const n of notes) lines.push(`note: ${n}`);
  return lines;
}

export function countsLine(counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k.replace('_', ' ')}`);
  return `${total} server${total === 1 ? '' : 's'}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/** `from: 2 user, 1 plugin, …`: every source mcp-warden reads, even those with none. */
export function sourcesLine(sources: Record<string, number>): string {
  return `sources: ${Object.entries(sources)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ')} (managed-mcp.json, --mcp-config, the SDK and claude.ai connectors are not read: see the README)`;
}

export function entryLines(entries: readonly EntryView[], home = os.homedir()): string[] {
  const lines: string[] = [];
  const byFile = new Map<string, EntryView[]>();
  for (const e of entries) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, list] of byFile) {
    lines.push(tildify(file, home));
    for (const e of list) {
      const where =
        e.client !== 'claude-code'
          ? `${e.client} ${e.scope}`
          : e.scope === 'local' && e.project
            ? `local ${tildify(e.project, home)}`
            : e.plugin
              ? `plugin ${e.plugin.id}`
              : e.source === 'subagent'
                ? `subagent${e.reference ? ', named' : ''}`
                : e.scope;
      const target = e.url ?? [e.command, ...(e.args ?? []).map(String)].filter(Boolean).join(' ');
      lines.push(`  ${LABEL[e.verdict] ?? e.verdict}  ${e.name}  [${where}, ${e.transport}]  ${target}`);
      if (e.verdict !== 'approved') lines.push(`      ${e.reason}`);
      for (const n of e.notes ?? []) lines.push(`      note: ${n}`);
    }
  }
  return lines;
}

const VERB: Record<string, [string, string]> = {
  remove: ['removed', 'would remove'],
  rename: ['renamed', 'would rename'],
  settings: ['fixed', 'would fix'],
  migrate: ['moved secrets of', 'would move secrets of'],
  plugin: ['turned off plugin', 'would turn off plugin'],
  wrap: ['sandboxed', 'would sandbox'],
};

export function actionLines(actions: readonly ActionView[], home = os.homedir()): string[] {
  return actions.map((a) => {
    const [done, would] = VERB[a.kind] ?? [a.kind, `would ${a.kind}`];
    const what =
      a.kind === 'settings'
        ? `${a.key ?? ''} in ${tildify(a.file, home)}`
        : a.kind === 'plugin'
          ? `${a.name ?? ''} in ${tildify(a.file, home)}`
          : `${a.name ?? ''} (${tildify(a.file, home)})`;
    const to = a.kind === 'rename' ? ` to ${String(a.to)}` : '';
    const tail = a.quarantineId ? ` [quarantine ${a.quarantineId}]` : '';
    switch (a.status) {
      case 'done':
        return `${done} ${what}${to}: ${a.reason}${tail}`;
      case 'not-run':
        return `${would} ${what}${to}: ${a.reason}`;
      case 'skipped':
        return `skipped ${what}: ${a.detail ?? 'changed since it was judged'}`;
      case 'failed':
        return `FAILED to ${a.kind} ${what}: ${a.detail ?? a.code ?? 'error'}`;
    }
  });
}
