// `mcp-warden exec --server ID --scope SCOPE -- CMD ARGS…`: the decision before a server
// starts, and the start itself.
//
// Decision (decideLaunch):
//  1. the last good policy (signed allowlist, verified now; read-only);
//  2. with a policy: the inner argv is judged NOW, pins included (the file hash is computed
//     at this launch, so a binary swapped since the last reconcile is refused), and it must
//     be approved by the rule named by --server — otherwise anyone could point a command
//     of their choice at another server's secrets;
//  3. with NO policy (none configured, none valid: DESIGN says audit only): the server
//     runs, but its secrets are handed over only if the inner argv is exactly the one they
//     were moved for (the manifest's digest); a different command is refused;
//  4. the secrets: located from the launch site (scope, CLAUDE_CONFIG_DIR, CLAUDE_PROJECT_DIR
//     or the working directory, searched upwards), read from the keychain; a missing one is
//     told apart from a locked keychain by a probe.
// Start (runServer): stdio inherited (straight pass-through, no copying), SIGTERM/SIGINT/
// SIGHUP/SIGQUIT forwarded, the server's exit code returned (128+signal if it was killed).
import { spawn } from 'node:child_process';
import * as os from 'node:os';
import type { DriftEventInput } from '../events/types';
import type { ServerEntry } from '../inventory/types';
import type { SecretStore } from '../vault/keychain/store';
import type { Mode, Policy } from '../policy/types';
import type { JudgeContext } from '../judge/context';
import { judgeEntry } from '../judge/judge';
import { isWardenError } from '../errors';
import { execArgv, parseExecArgv } from '../inventory/wrapper';
import { findBinding, fillPlaceholders, placeholderNames, readSecrets, type LaunchSite } from './inject';
import { commandDigest } from '../vault/manifest';
import { effectivePinning, effectiveMode } from '../policy/effective';

export interface LaunchRequest {
  site: LaunchSite;
  /** [command, ...args] as written after `--` (placeholders, no values). */
  inner: string[];
  /** The environment the server inherits. */
  env: NodeJS.ProcessEnv;
}

export interface LaunchDeps {
  /** The policy in force, or null (none configured, none valid). */
  policy: Policy | null;
  execPath: string;
  judgeContext: () => JudgeContext;
  store: SecretStore;
}

export interface Refusal {
  kind: 'server.exec_refused' | 'credential.missing';
  code: string;
  reason: string;
  hint?: string;
}

export type LaunchDecision =
  | {
      ok: true;
      argv: string[];
      env: NodeJS.ProcessEnv;
      notes: string[];
      /** Audit mode: what enforce would have refused (reported, not enforced). */
      audit?: Refusal;
    }
  | ({ ok: false } & Refusal);

function withAudit(d: Extract<LaunchDecision, { ok: true }>, audit: Refusal | undefined): LaunchDecision {
  if (audit) d.audit = audit;
  return d;
}

function refuse(kind: 'server.exec_refused' | 'credential.missing', code: string, reason: string, hint?: string): LaunchDecision {
  return hint === undefined ? { ok: false, kind, code, reason } : { ok: false, kind, code, reason, hint };
}

/** The entry `exec` stands for, as the judge sees an on-disk wrapped entry. */
export function syntheticEntry(req: LaunchRequest, execPath: string): ServerEntry {
  const { site, inner } = req;
  const wrap = site.client !== undefined ? { client: site.client, ...(site.scope === 'project' ? { project: site.projectDir } : {}) } : {};
  const args = execArgv(execPath, site.serverId, site.scope, inner, wrap).slice(1);
  const e: ServerEntry = {
    key: `exec:${site.scope}:${site.serverId}`,
    file: '(launch)',
    scope: site.scope,
    configHome: site.configHome,
    project: site.projectDir,
    jsonPath: [],
    name: site.serverId,
    transport: 'stdio',
    command: execPath,
    args,
    wrapped: parseExecArgv(execPath, args, () => true) ?? { serverId: site.serverId, scope: site.scope, inner: [...inner] },
    raw: { command: execPath, args },
  };
  // Judged as the client's entry: a rule's `clients` applies at launch as on disk.
  if (site.client !== undefined) e.client = site.client;
  return e;
}

const setHint = (site: LaunchSite, name: string): string =>
  `store it with: mcp-warden credentials set --server ${site.serverId}${site.client !== undefined ? ` --client ${site.client}` : ''} --scope ${site.scope}${site.scope === 'user' ? '' : ` --project ${site.projectDir}`} ${name}`;

export async function decideLaunch(req: LaunchRequest, deps: LaunchDeps): Promise<LaunchDecision> {
  const { site, inner } = req;
  const notes: string[] = [];
  if (inner.length === 0 || !inner[0]) return refuse('server.exec_refused', 'EXEC_REFUSED', 'no command after --');
  // `verified`: the policy approved this argv for this server id; otherwise secrets are only
  // handed to the exact argv they were moved for.
  let verified = false;
  let audit: Refusal | undefined;
  if (deps.policy) {
    const v = judgeEntry(syntheticEntry(req, deps.execPath), deps.policy, deps.judgeContext());
    if (v.verdict === 'approved' && v.ruleId === site.serverId) {
      verified = true;
    } else {
      const why = v.verdict === 'approved' ? `it matches rule ${v.ruleId ?? '?'}, not ${site.serverId}` : v.reason;
      const r = refuse(
        'server.exec_refused',
        v.verdict === 'pin_mismatch' ? 'PIN_MISMATCH' : 'EXEC_REFUSED',
        `not approved: ${why}`,
        'ask your IT admin to approve it',
      );
      if (effectiveMode(deps.policy) === 'enforce') return r;
      // Audit mode changes nothing: the server starts and the refusal is only reported.
      audit = r as Refusal;
      notes.push('audit mode: would have been refused');
    }
  } else {
    notes.push('no policy in force: launched without a policy check (audit only)');
  }

  const placeholders = placeholderNames(inner.slice(1));
  try {
    const found = await findBinding(deps.store, site);
    if (!found) {
      // A wrapped server always had secrets; find out whether the keychain is the problem.
      await deps.store.probe?.();
      if (placeholders.length > 0) {
        const first = placeholders[0] ?? '';
        return refuse(
          'credential.missing',
          'SECRET_MISSING',
          `its secrets are not in the keychain (${placeholders.join(', ')})`,
          setHint(site, first),
        );
      }
      notes.push('no secrets recorded for this server');
      return withAudit({ ok: true, argv: [...inner], env: { ...req.env }, notes }, audit);
    }
    if (!verified && found.manifest.boundTo !== commandDigest(inner)) {
      return refuse(
        'server.exec_refused',
        'EXEC_REFUSED',
        'its secrets were moved for a different command, and there is no policy to approve this one',
      );
    }
    const wanted = [
      ...found.manifest.env.map((name) => ({ location: 'env' as const, name })),
      ...placeholders.map((name) => ({ location: 'args' as const, name })),
    ];
    const read = await readSecrets(deps.store, found.binding, wanted);
    if (read.missing.length > 0) {
      await deps.store.probe?.();
      const names = read.missing.map((m) => m.slice(m.indexOf(':') + 1));
      return refuse(
        'credential.missing',
        'SECRET_MISSING',
        `missing from the keychain: ${names.join(', ')}`,
        setHint(site, names[0] ?? ''),
      );
    }
    const env: NodeJS.ProcessEnv = { ...req.env };
    for (const name of found.manifest.env) env[name] = read.values.get(`env:${name}`);
    return withAudit({ ok: true, argv: fillPlaceholders(inner, read.values), env, notes }, audit);
  } catch (e) {
    if (isWardenError(e) && e.code === 'KEYCHAIN_UNAVAILABLE') {
      // A rule wrapped only for tool pinning (no declared secrets, no placeholders) must not
      // stop working because the keychain is locked: it starts, without secrets, and says so.
      const rule = verified ? deps.policy?.allowlist.servers.find((r) => r.id === site.serverId) : undefined;
      if (rule && placeholders.length === 0 && (rule.env?.secrets ?? []).length === 0 && effectivePinning(rule) !== 'off') {
        notes.push(`the keychain is unavailable (${e.message}); started without secrets from it`);
        return withAudit({ ok: true, argv: [...inner], env: { ...req.env }, notes }, audit);
      }
      return refuse(
        'credential.missing',
        'KEYCHAIN_UNAVAILABLE',
        `the keychain is unavailable: ${e.message}`,
        'unlock your keyring (log in to the desktop session) and restart Claude Code',
      );
    }
    throw e;
  }
}

/** The drift event for a refusal. Never a secret: names and the placeholder argv only. */
export function refusalEvent(req: LaunchRequest, d: Refusal, mode: Mode, enforced: boolean): DriftEventInput {
  return {
    kind: d.kind,
    severity: 'high',
    mode,
    action: enforced ? 'refused' : 'none',
    ...(enforced ? {} : { wouldDo: 'refused' as const }),
    message: `exec ${enforced ? 'refused' : 'would refuse'} to start ${req.site.serverId} (${req.site.scope} scope): ${d.reason}`,
    server: {
      name: req.site.serverId,
      scope: req.site.scope,
      transport: 'stdio',
      argv: [...req.inner],
      ruleId: req.site.serverId,
      ...(req.site.client !== undefined ? { client: req.site.client } : {}),
    },
    detail: { code: d.code, project: req.site.projectDir, configHome: req.site.configHome },
  };
}

const FORWARDED: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT'];

/** Exit status for a spawn that failed: 127 not found, 126 not executable (shell conventions). */
export function spawnFailureCode(e: NodeJS.ErrnoException): number {
  return e.code === 'ENOENT' ? 127 : 126;
}

/**
 * Start the server with our stdio and wait for it. Resolves with its exit code, or
 * 128+signal number when a signal ended it; rejects (with the errno error) when it
 * could not start at all.
 */
export function runServer(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] ?? '', argv.slice(1), { stdio: 'inherit', env });
    const forward = (sig: NodeJS.Signals): void => {
      child.kill(sig);
    };
    for (const s of FORWARDED) process.on(s, forward);
    const done = (): void => {
      for (const s of FORWARDED) process.off(s, forward);
    };
    child.once('error', (e) => {
      done();
      reject(e);
    });
    child.once('exit', (code, signal) => {
      done();
      if (code !== null) resolve(code);
      else resolve(128 + (signal ? (os.constants.signals[signal] ?? 0) : 0));
    });
  });
}
