// `mcp-warden drift query`: drift events (or the drift still open) from a collector.
import type { Command } from 'commander';
import { action } from '../runtime';
import { out, outJson } from '../../host/output';
import { commandContext } from '../context';
import { InputError } from '../../errors';
import { SEVERITIES } from '../../events/types';
import type { DriftEvent } from '../../events/types';
import type { FindingView } from '../../collector/store';
import { adminClient } from '../../collector/admin/client';
import { csv, parseWhen, table } from '../../collector/admin/format';
import {
  EVENT_COLUMNS,
  EVENT_TABLE,
  eventRow,
  eventTableRow,
  FINDING_COLUMNS,
  FINDING_TABLE,
  findingRow,
  findingTableRow,
} from '../../collector/admin/views';

interface QueryFlags {
  collector: string;
  device?: string[];
  kind?: string[];
  severity?: string;
  since?: string;
  until?: string;
  limit: string;
  open?: boolean;
  format: string;
  adminTokenFile?: string;
  caFile?: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];
const MAX_QUERY_LIMIT = 1_000_000;

export function register(program: Command): void {
  const group = program.command('drift').description('query the drift that agents reported to a collector');
  group
    .command('query')
    .description('list drift events, newest first (or, with --open, the drift still present on devices and since when)')
    .requiredOption('--collector <url>', 'collector base URL (https://…; http:// only for loopback)')
    .option('--device <id>', 'only this device id (repeatable)', collect)
    .option('--kind <kind>', 'only this event kind, e.g. server.unapproved (repeatable)', collect)
    .option('--severity <level>', `at least this severity: ${SEVERITIES.join(', ')}`)
    .option('--since <when>', 'from this long ago (30m, 24h, 7d) or an RFC 3339 time')
    .option('--until <when>', 'before this time (same forms as --since)')
    .option('--limit <n>', 'most events to print', '100')
    .option('--open', 'the drift open right now, per device, with the time it was first seen (instead of events)')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--admin-token-file <file>', 'file holding the admin token (default: $MCP_WARDEN_ADMIN_TOKEN)')
    .option('--ca-file <file>', 'extra CA certificates (PEM) for a collector behind a private PKI')
    .addHelpText(
      'after',
      '\nWhich devices have unapproved servers right now, and since when:\n  mcp-warden drift query --collector URL --open --kind server.unapproved\n\nWith --format json: an array of events (with --open: an array of open findings).\nExit codes: 0 ok, 2 bad flags or token refused, 3 collector unreachable.\n',
    )
    .action(
      action(async (flags: QueryFlags, cmd: Command) => {
        const ctx = commandContext(cmd);
        if (!['table', 'json', 'csv'].includes(flags.format))
          throw new InputError({ code: 'USAGE', message: '--format: table, json or csv' });
        if (!/^\d+$/.test(flags.limit) || Number(flags.limit) < 1 || Number(flags.limit) > MAX_QUERY_LIMIT) {
          throw new InputError({ code: 'USAGE', message: `--limit: an integer from 1 to ${MAX_QUERY_LIMIT}` });
        }
        if (flags.open && (flags.since || flags.until || flags.severity)) {
          throw new InputError({ code: 'USAGE', message: '--open takes --device and --kind only (open drift is "now")' });
        }
        const now = Date.now();
        const client = adminClient({ collector: flags.collector, tokenFile: flags.adminTokenFile, caFile: flags.caFile, env: ctx.env });
        const limit = Number(flags.limit);
        if (flags.open) {
          const { items } = await client.getAll<FindingView>('findings', 'findings', { device: flags.device, kind: flags.kind }, limit);
          if (flags.format === 'json') outJson(items);
          else if (flags.format === 'csv') out(csv(FINDING_COLUMNS, items.map(findingRow)));
          else
            out(
              items.length
                ? table(
                    FINDING_TABLE,
                    items.map((f) => findingTableRow(f, now)),
                  )
                : 'no open drift',
            );
          return;
        }
        const params = {
          device: flags.device,
          kind: flags.kind,
          severity: flags.severity,
          since: flags.since ? parseWhen(flags.since, '--since', now) : undefined,
          until: flags.until ? parseWhen(flags.until, '--until', now) : undefined,
        };
        const { items } = await client.getAll<DriftEvent>('events', 'events', params, limit);
        if (flags.format === 'json') outJson(items);
        else if (flags.format === 'csv') out(csv(EVENT_COLUMNS, items.map(eventRow)));
        else out(items.length ? table(EVENT_TABLE, items.map(eventTableRow)) : 'no drift events');
      }),
    );
}
