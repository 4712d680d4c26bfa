// `mcp-warden collector serve`: the central endpoint agents report to and admins query
// (docs/collector.md).
import type { Command } from 'commander';
import { action } from '../runtime';
import { err, out } from '../../host/output';
import { commandContext } from '../context';
import { setupLogging } from '../../host/context';
import { log } from '../../log/logger';
import { isLoopbackHost } from '../../report/endpoint';
import { InputError } from '../../errors';
import { openStore } from '../../collector/store';
import { createCollectorServer } from '../../collector/server';
import { loadTls, loadTokens, parseListen } from '../../collector/config';
import { DEFAULT_RATE_LIMIT } from '../../collector/ratelimit';
import { DEFAULT_MAX_BODY_BYTES } from '../../collector/routes';

interface ServeFlags {
  db: string;
  listen: string;
  tlsCert?: string;
  tlsKey?: string;
  adminTokenFile?: string;
  enrollTokenFile?: string;
  adminSecretFile?: string;
  metricsTokenFile?: string;
  maxBodyBytes: string;
  rateLimit: string;
  rateBurst: string;
  dbConnections: string;
  allowSharedTokenEvents?: boolean;
}

function intFlag(v: string, flag: string, min: number, max: number): number {
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new InputError({ code: 'USAGE', message: `${flag}: an integer from ${min} to ${max}` });
  }
  return Number(v);
}

export function register(program: Command): void {
  const group = program.command('collector').description('the central collector of drift reports');
  group
    .command('serve')
    .description(
      'serve the collector API (POST /v1/enroll and /v1/events for agents; POST /v1/devices/reset, /v1/events, /v1/devices, /v1/findings, /v1/summary for admins; /healthz; /metrics) and the web dashboard at /',
    )
    .requiredOption('--db <url>', 'sqlite:PATH (embedded, one instance) or postgres://USER@HOST:PORT/DB (fleet, several instances)')
    .option('--listen <host:port>', 'address to listen on', '127.0.0.1:8443')
    .option('--tls-cert <file>', 'serve HTTPS with this certificate chain (PEM); else plain HTTP for a TLS-terminating proxy')
    .option('--tls-key <file>', 'private key (PEM) for --tls-cert')
    .option('--admin-token-file <file>', 'admin token(s), one per line (default: $MCP_WARDEN_ADMIN_TOKEN)')
    .option('--enroll-token-file <file>', 'device enrollment token(s), one per line (default: $MCP_WARDEN_ENROLL_TOKEN)')
    .option('--admin-secret-file <file>', 'dashboard sign-in secret(s), one per line, instead of the admin token(s)')
    .option('--metrics-token-file <file>', 'require one of these Bearer token(s) for GET /metrics (default: /metrics is open)')
    .option('--max-body-bytes <n>', 'largest request body accepted', String(DEFAULT_MAX_BODY_BYTES))
    .option(
      '--rate-limit <n>',
      'POST /v1/events and /v1/enroll requests per second per device (by its credential) or per source address, per instance (0: no limit)',
      String(DEFAULT_RATE_LIMIT.perSecond),
    )
    .option('--rate-burst <n>', 'requests a device may make in a burst', String(DEFAULT_RATE_LIMIT.burst))
    .option('--db-connections <n>', 'PostgreSQL connection pool size', '10')
    .option(
      '--allow-shared-token-events',
      'migration only: also accept events sent with the enrollment token (agents from before per-device credentials); off by default',
    )
    .addHelpText(
      'after',
      '\nTokens never come from flag values (they would land in shell history and `ps`): use the\nenvironment variables or the token files. Each token must be at least 16 characters\n(openssl rand -hex 32). The collector stops cleanly on SIGTERM or SIGINT.\n\nExit codes: 0 stopped cleanly, 2 bad flags or tokens, 3 database or address unavailable.\n',
    )
    .action(
      action(async (flags: ServeFlags, cmd: Command) => {
        const ctx = commandContext(cmd);
        setupLogging(ctx, { console: true, level: 'info' });
        const { host, port } = parseListen(flags.listen);
        const enrollTokens = loadTokens('enroll', 'MCP_WARDEN_ENROLL_TOKEN', ctx.env, flags.enrollTokenFile);
        const adminTokens = loadTokens('admin', 'MCP_WARDEN_ADMIN_TOKEN', ctx.env, flags.adminTokenFile);
        if (enrollTokens.some((t) => adminTokens.includes(t))) {
          throw new InputError({
            code: 'USAGE',
            message: 'the admin token must differ from the enrollment token (every device holds the latter)',
          });
        }
        // Only from files: without the flag the dashboard signs in with the admin token and /metrics stays open.
        const dashboardSecrets = flags.adminSecretFile
          ? loadTokens('admin secret', 'MCP_WARDEN_ADMIN_SECRET', {}, flags.adminSecretFile)
          : undefined;
        const metricsTokens = flags.metricsTokenFile
          ? loadTokens('metrics', 'MCP_WARDEN_METRICS_TOKEN', {}, flags.metricsTokenFile)
          : undefined;
        const tls = loadTls(flags.tlsCert, flags.tlsKey);
        const maxBodyBytes = intFlag(flags.maxBodyBytes, '--max-body-bytes', 64 * 1024, 256 * 1024 * 1024);
        const rate = {
          perSecond: intFlag(flags.rateLimit, '--rate-limit', 0, 1_000_000),
          burst: intFlag(flags.rateBurst, '--rate-burst', 1, 1_000_000),
        };
        const store = await openStore(flags.db, { maxConnections: intFlag(flags.dbConnections, '--db-connections', 1, 1000) });
        const allowSharedTokenEvents = flags.allowSharedTokenEvents === true;
        const server = createCollectorServer({
          store,
          enrollTokens,
          adminTokens,
          tls,
          maxBodyBytes,
          rateLimit: rate,
          allowSharedTokenEvents,
          dashboardSecrets,
          metricsTokens,
        });
        let listening: { url: string };
        try {
          listening = await server.listen(host, port);
        } catch (e) {
          await store.close();
          throw e;
        }
        if (!tls && !isLoopbackHost(host)) {
          err(
            'mcp-warden collector: WARNING: plain HTTP on a non-loopback address; put a TLS-terminating proxy in front (docs/collector.md)',
          );
        }
        if (allowSharedTokenEvents) {
          err(
            'mcp-warden collector: WARNING: --allow-shared-token-events: any holder of the enrollment token can post events for any device; remove the flag once agents are upgraded',
          );
        }
        out(`mcp-warden collector listening on ${listening.url} (${store.description})`);
        log().info('collector started', { url: listening.url, db: store.description });
        await new Promise<void>((resolve) => {
          const stop = (signal: string) => {
            log().info('collector stopping', { signal });
            server.close().then(resolve, (e: unknown) => {
              err(`mcp-warden collector: stopping: ${e instanceof Error ? e.message : String(e)}`);
              resolve();
            });
          };
          process.once('SIGTERM', () => stop('SIGTERM'));
          process.once('SIGINT', () => stop('SIGINT'));
        });
        out('mcp-warden collector stopped');
      }),
    );
}
