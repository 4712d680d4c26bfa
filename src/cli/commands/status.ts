// `mcp-warden status`: what the agent on this machine is doing, for an admin at the keyboard.
import type { Command } from 'commander';
import { action } from '../runtime';
import { out, outJson } from '../../host/output';
import { commandContext } from '../context';
import { readStatus } from '../../agent/status-file';
import { requeueDeadLetters, spoolStatus } from '../../report';
import { ExitCode } from '../../errors';

export function register(program: Command): void {
  program
    .command('status')
    .description('is the agent running, which policy is in force, how did the last pass go (exit 0 running, 1 not running)')
    .option('--json', 'machine-readable output')
    .option('--requeue-dead-letters', 'send again the events the collector refused for good (after fixing what it refused them for)')
    .action(
      action((opts: { json?: boolean; requeueDeadLetters?: boolean }, cmd: Command) => {
        const ctx = commandContext(cmd);
        const requeued = opts.requeueDeadLetters ? requeueDeadLetters(ctx.stateDir) : undefined;
        const view = readStatus(ctx.stateDir);
        const reports = spoolStatus(ctx.stateDir);
        const s = view.status;
        if (opts.json) {
          outJson({
            running: view.running,
            pid: view.pid ?? null,
            stateDir: ctx.stateDir,
            agent: s ?? null,
            reports,
            ...(requeued !== undefined ? { requeued } : {}),
          });
          return view.running ? ExitCode.OK : ExitCode.CHECK_FAILED;
        }
        if (requeued !== undefined) out(`requeued:   ${requeued} event(s) refused earlier; the agent sends them at its next flush`);
        out(`agent:      ${view.running ? `running (pid ${view.pid}, since ${s?.startedAt ?? '?'})` : 'not running'}`);
        out(`state:      ${ctx.stateDir}`);
        if (s) {
          const p = s.policy;
          out(
            `policy:     ${p ? `${p.org} v${p.version}, ${p.mode} mode, expires ${p.expires}${p.stale ? ' (EXPIRED: last good kept)' : ''}` : 'none (audit only)'}`,
          );
          if (s.policyRejection) out(`rejected:   ${s.policyRejection.code}: ${s.policyRejection.message}`);
          if (s.trustRoot)
            out(
              `trust root: v${s.trustRoot.version}, expires ${s.trustRoot.expires}${s.trustRoot.expired ? ' (EXPIRED: no new allowlist accepted)' : ''}`,
            );
          if (s.rootRejection) out(`root refused: ${s.rootRejection.code}: ${s.rootRejection.message}`);
          if (s.network) out(`network:    ${s.network.code} at ${s.network.time}: ${s.network.message}`);
          const lp = s.lastPass;
          if (lp) {
            const counts = Object.entries(lp.counts)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ');
            out(
              `last pass:  ${lp.time} (${lp.kind}, ${lp.durationMs} ms) ${lp.compliant ? 'compliant' : 'NOT compliant'}; ${counts || 'no servers'}`,
            );
            out(
              `            ${lp.actions} action(s), ${lp.failures} failure(s); passes so far: ${s.passes.full} full, ${s.passes.incremental} incremental`,
            );
            if (lp.sources)
              out(
                `sources:    ${Object.entries(lp.sources)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', ')}`,
              );
          }
          out(`watching:   ${s.watchedFolders} folder(s); config from ${s.configSource}`);
          if (s.lastError) out(`last error: ${s.lastError.time} ${s.lastError.message}`);
        }
        const last = reports.lastSend
          ? `, last send ${reports.lastSend.outcome} at ${reports.lastSend.at}${reports.lastSend.error ? ` (${reports.lastSend.error})` : ''}`
          : '';
        out(`reports:    ${reports.pending} pending, ${reports.deadLetters} refused for good, ${reports.dropped.total} dropped${last}`);
        // The typed network reason, on its own line: "proxy wants credentials" or "TLS is
        // intercepted" is what an admin must see first, not an errno.
        const netCode = reports.lastSend?.netCode;
        if (netCode && reports.lastSend?.outcome !== 'ok')
          out(
            `            network: ${netCode}${/^PROXY_/.test(netCode) ? ' (the proxy is the reason)' : netCode === 'TLS_INTERCEPTED' ? ' (TLS interception by the proxy)' : ''}`,
          );
        return view.running ? ExitCode.OK : ExitCode.CHECK_FAILED;
      }),
    );
}
