// `mcp-warden request QUARANTINE_ID|NAME [--reason TEXT]`: ask the organisation to approve
// a server the agent removed. Sends the entry's shape (secrets already placeholders in the
// quarantine record, scrubbed once more), the device, the OS user and the reason to the
// collector with this device's credential. `request --status`: what became of them.
import * as os from 'node:os';
import type { Command } from 'commander';
import { action } from '../runtime';
import { err, out, outJson } from '../../host/output';
import { commandContext } from '../context';
import { agentConfig, setupLogging } from '../../host/context';
import { ExitCode, InputError } from '../../errors';
import { deviceInfo } from '../../events/device';
import { requestFromRecord } from '../../approval/request-shape';
import { readLocalRequests, rememberRequest, writeLocalRequests } from '../../approval/local-requests';
import { deviceApi } from '../../report/device-api';
import { listRecords, readRecord } from '../../quarantine/store';
import { RECORD_ID_RE, type QuarantineRecord } from '../../quarantine/record';
import { QuarantineError } from '../../quarantine/errors';
import type { RequestDeviceView, RequestView } from '../../collector/store';

interface Flags {
  reason?: string;
  status?: boolean;
  json?: boolean;
}

/** The record named by id, or the newest active record of a server with that name. */
function findRecord(stateDir: string, target: string): QuarantineRecord {
  if (RECORD_ID_RE.test(target)) {
    const r = readRecord(stateDir, target);
    if (r.restoredAt)
      throw new QuarantineError({
        code: 'ALREADY_RESTORED',
        message: `record ${r.id} (${r.name}) was restored at ${r.restoredAt}: nothing to request`,
      });
    return r;
  }
  const named = listRecords(stateDir).records.filter((r) => r.name === target);
  const newest = named[named.length - 1];
  if (!newest)
    throw new QuarantineError({ code: 'NOT_FOUND', message: `no quarantined server named "${target}" (see mcp-warden quarantine list)` });
  return newest;
}

/** This device's row (a device's view holds only its own). */
function mine(v: RequestView): RequestDeviceView | undefined {
  return v.deviceList?.[0];
}

async function file(cmd: Command, target: string, f: Flags): Promise<number> {
  const ctx = commandContext(cmd);
  setupLogging(ctx, { file: true });
  if (f.reason !== undefined && f.reason.length > 2000)
    throw new InputError({ code: 'USAGE', message: '--reason: at most 2000 characters' });
  const record = findRecord(ctx.stateDir, target);
  const loaded = agentConfig(ctx);
  const api = deviceApi({ stateDir: ctx.stateDir, config: loaded.config, baseDir: loaded.baseDir });
  const me = deviceInfo(ctx.stateDir, loaded.config.report?.deviceId);
  const body = requestFromRecord(record, { reason: f.reason, user: me.user, hostname: os.hostname() });
  const { body: res } = await api.call<{ request: RequestView; merged: boolean }>('POST', 'requests', body);
  const r = res.request;
  rememberRequest(ctx.stateDir, {
    requestId: r.id,
    name: record.name,
    quarantineId: record.id,
    sentAt: new Date().toISOString(),
    status: r.status,
  });
  if (f.json) {
    outJson({ request: r.id, status: r.status, merged: res.merged, devices: r.devices, asks: r.asks, quarantineId: record.id });
    return ExitCode.OK;
  }
  out(`request ${r.id} ${res.merged ? 'updated' : 'filed'} for "${record.name}" (quarantine ${record.id})`);
  out(`  ${r.devices} device${r.devices === 1 ? '' : 's'} asked, ${r.asks} time${r.asks === 1 ? '' : 's'} in all; status: ${r.status}`);
  if (r.status === 'approved') out('  already approved: the agent puts it back by itself once the new allowlist reaches this machine');
  else out('  the agent puts it back by itself once it is approved; check with: mcp-warden request --status');
  return ExitCode.OK;
}

async function status(cmd: Command, f: Flags): Promise<number> {
  const ctx = commandContext(cmd);
  const loaded = agentConfig(ctx);
  const api = deviceApi({ stateDir: ctx.stateDir, config: loaded.config, baseDir: loaded.baseDir });
  const { body } = await api.call<{ requests: RequestView[] }>('GET', 'requests', undefined, { device: 'me' });
  // Remember what was seen: the agent then tells a denial only once.
  const local = readLocalRequests(ctx.stateDir);
  for (const r of body.requests) {
    const l = local.find((x) => x.requestId === r.id);
    if (l) {
      l.status = r.status;
      if (r.decisionReason) l.decisionReason = r.decisionReason;
    }
  }
  if (local.length) writeLocalRequests(ctx.stateDir, local);
  if (f.json) {
    outJson(
      body.requests.map((r) => ({
        id: r.id,
        name: r.name,
        status: r.status,
        decisionReason: r.decisionReason,
        restoredAt: mine(r)?.restoredAt ?? null,
        quarantineId: mine(r)?.quarantineId ?? null,
      })),
    );
    return ExitCode.OK;
  }
  if (body.requests.length === 0) {
    out('no approval requests from this device');
    return ExitCode.OK;
  }
  for (const r of body.requests) {
    const d = mine(r);
    const state =
      r.status === 'approved'
        ? d?.restoredAt
          ? `approved, restored here ${d.restoredAt}`
          : 'approved (restored once the new allowlist arrives)'
        : r.status;
    out(`${r.id}  ${r.name}  ${state}`);
    if (r.status === 'denied') out(`    denied: ${r.decisionReason || '(no reason given)'}`);
  }
  return ExitCode.OK;
}

export function register(program: Command): void {
  program
    .command('request')
    .description('ask your organisation to approve a server the agent removed (sent to the collector; secrets never leave this machine)')
    .argument('[target]', 'quarantine record id (mcp-warden quarantine list) or the server name')
    .option('--reason <text>', 'why you need it (shown to the admin)')
    .option('--status', "show what became of this device's requests")
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nThe request carries the entry as it was, every secret replaced by a {{secret:NAME}}\nplaceholder (the values stay in the keychain), this device, your OS user and the reason.\nWhen the admin approves it and the signed allowlist arrives, the agent restores the entry\nby itself and tells you.\n\nExit codes: 0 sent, 2 no such record or the collector refused it, 3 collector unreachable.\n',
    )
    .action(
      action((target: string | undefined, flags: Flags, cmd: Command) => {
        if (flags.status) return status(cmd, flags);
        if (!target) {
          err('mcp-warden request: name a quarantine record id or server name (or --status)');
          return Promise.resolve(ExitCode.USAGE);
        }
        return file(cmd, target, flags);
      }),
    );
}
