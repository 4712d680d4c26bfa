// `mcp-warden fleet status`: the fleet at a glance, from a collector; `fleet reset-device`:
// let a device enrol again.
import type { Command } from 'commander';
import { action } from '../runtime';
import { out, outJson } from '../../host/output';
import { commandContext } from '../context';
import { InputError } from '../../errors';
import type { DeviceView, FindingView, Summary } from '../../collector/store';
import { adminClient } from '../../collector/admin/client';
import { parseDuration } from '../../collector/admin/format';
import { fleetStatus, fleetText } from '../../collector/admin/views';

/** Open findings fetched per not-compliant device, at most (for the client columns). */
const FINDINGS_PER_DEVICE = 20;

interface StatusFlags {
  collector: string;
  staleAfter: string;
  maxDevices: string;
  format: string;
  adminTokenFile?: string;
  caFile?: string;
}

interface ResetFlags {
  collector: string;
  adminTokenFile?: string;
  caFile?: string;
}

export function register(program: Command): void {
  const group = program.command('fleet').description('the state of every device reporting to a collector');
  group
    .command('status')
    .description('devices, compliant share, non-compliant devices with their open drift (since when), stale devices, top drift kinds')
    .requiredOption('--collector <url>', 'collector base URL (https://…; http:// only for loopback)')
    .option('--stale-after <duration>', 'a device without a check-in for this long is stale (30m, 24h, 7d)', '24h')
    .option('--max-devices <n>', 'most devices listed per section', '1000')
    .option('--format <format>', 'table or json', 'table')
    .option('--admin-token-file <file>', 'file holding the admin token (default: $MCP_WARDEN_ADMIN_TOKEN)')
    .option('--ca-file <file>', 'extra CA certificates (PEM) for a collector behind a private PKI')
    .addHelpText(
      'after',
      '\nWith --format json: one JSON object (docs/collector.md).\nExit codes: 0 ok, 2 bad flags or token refused, 3 collector unreachable.\n',
    )
    .action(
      action(async (flags: StatusFlags, cmd: Command) => {
        const ctx = commandContext(cmd);
        if (!['table', 'json'].includes(flags.format)) throw new InputError({ code: 'USAGE', message: '--format: table or json' });
        const staleMs = parseDuration(flags.staleAfter);
        if (staleMs === undefined || staleMs < 1000)
          throw new InputError({ code: 'USAGE', message: '--stale-after: a duration such as 30m, 24h or 7d' });
        if (!/^\d+$/.test(flags.maxDevices) || Number(flags.maxDevices) < 1)
          throw new InputError({ code: 'USAGE', message: '--max-devices: a positive integer' });
        const max = Number(flags.maxDevices);
        const staleAfter = String(Math.round(staleMs / 1000));
        const client = adminClient({ collector: flags.collector, tokenFile: flags.adminTokenFile, caFile: flags.caFile, env: ctx.env });
        const summary = await client.get<Summary>('summary', { staleAfter });
        const bad = await client.getAll<DeviceView>('devices', 'devices', { status: 'noncompliant' }, max);
        const stale = await client.getAll<DeviceView>('devices', 'devices', { staleAfter }, max);
        // The open findings of the devices listed: their files name the client (clients/of-file.ts).
        // 50 ids per request keep the URL short whatever --max-devices is.
        const ids = bad.items.map((d) => d.id);
        const open = { items: [] as FindingView[], truncated: false };
        for (let i = 0; i < ids.length; i += 50) {
          const page = await client.getAll<FindingView>('findings', 'findings', { device: ids.slice(i, i + 50) }, 50 * FINDINGS_PER_DEVICE);
          open.items.push(...page.items);
          open.truncated ||= page.truncated;
        }
        const status = fleetStatus(
          flags.collector,
          summary,
          bad.items,
          stale.items,
          bad.truncated || stale.truncated || open.truncated,
          open.items,
        );
        if (flags.format === 'json') outJson(status);
        else for (const line of fleetText(status, Date.now())) out(line);
      }),
    );
  group
    .command('reset-device')
    .description(
      "forget a device's collector credential, so that it may enrol again with the enrollment token (a reinstalled or replaced machine)",
    )
    .argument('<device-id>', 'the device id (as `fleet status` and `drift query` show it)')
    .requiredOption('--collector <url>', 'collector base URL (https://…; http:// only for loopback)')
    .option('--admin-token-file <file>', 'file holding the admin token (default: $MCP_WARDEN_ADMIN_TOKEN)')
    .option('--ca-file <file>', 'extra CA certificates (PEM) for a collector behind a private PKI')
    .addHelpText(
      'after',
      '\nThe old credential stops working at once; the next enrolment for this id (normally the\nagent of that device, at its next send) gets a new one. Exit codes: 0 reset (or nothing to\nreset: see the message), 2 bad flags or token refused, 3 collector unreachable.\n',
    )
    .action(
      action(async (deviceId: string, flags: ResetFlags, cmd: Command) => {
        const ctx = commandContext(cmd);
        const client = adminClient({ collector: flags.collector, tokenFile: flags.adminTokenFile, caFile: flags.caFile, env: ctx.env });
        const r = await client.post<{ deviceId: string; reset: boolean }>('devices/reset', { deviceId });
        out(
          r.reset
            ? `device ${deviceId}: credential forgotten; it may enrol again`
            : `device ${deviceId}: was not enrolled (nothing to reset)`,
        );
      }),
    );
}
