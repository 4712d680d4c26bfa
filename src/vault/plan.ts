// What to do about the secrets in an inventory. Pure: it returns every secret value it found
// (`learned`) and the caller teaches the redactor (reconcile/pass.ts), so planning writes no
// global.
//  - enforce, APPROVED entry with movable secrets in a scope we edit (user/local/project):
//    a 'migrate' action (keychain first, then the rewrite: src/vault/migrate.ts);
//  - everything else with secrets: an exposure, reported as `credential.exposed` (audit
//    mode, unapproved entries, secrets that cannot move: in a URL, in a `${VAR:-default}`,
//    in a literal of the rule, in plugin or managed files).
// Unapproved entries are not migrated: the reconcile pass removes them (their quarantine
// record uses findSecrets to keep the values out of the record).
import type { Inventory, ServerEntry } from '../inventory/types';
import type { Action, SecretFinding } from '../plan/types';
import type { Verdict } from '../judge/types';
import type { Mode, Policy, Scope, ServerRule } from '../policy/types';
import type { DriftEventInput, ServerRef } from '../events/types';
import { formatJsonPath } from '../util/jsonpath';
import { detectSecrets, innerArgv } from '../secrets/detect';
import { placeholderArgv, rewriteEntry } from './rewrite';
import { effectivePinning } from '../policy/effective';
import { adapterOf } from '../clients/adapters';

export type MigrateAction = Extract<Action, { kind: 'migrate' }>;

export interface CredentialPlanOptions {
  /** Absolute path of the installed mcp-warden (agent config `exec.path`). */
  execPath: string;
  /** The effective mode: `audit` when there is no policy. */
  mode: Mode;
}

export interface CredentialExposure {
  entry: ServerEntry;
  findings: SecretFinding[];
  ruleId?: string;
  /** True when enforce mode would move these (audit mode, approved entry). */
  wouldMigrate: boolean;
  /** Why they stay where they are, one line, no values. */
  reason: string;
}

export interface CredentialPlan {
  actions: MigrateAction[];
  exposures: CredentialExposure[];
  /** Every secret value found (audit mode too): to be masked in every log line from now on. Never logged. */
  learned: string[];
}

const EDITABLE_SCOPES: readonly string[] = ['user', 'local', 'project'];

export function planCredentialActions(
  inventory: Pick<Inventory, 'entries'>,
  verdicts: readonly Verdict[],
  policy: Policy | null,
  opts: CredentialPlanOptions,
): CredentialPlan {
  const byKey = new Map(verdicts.map((v) => [v.entryKey, v]));
  const plan: CredentialPlan = { actions: [], exposures: [], learned: [] };
  for (const entry of inventory.entries) {
    const verdict = byKey.get(entry.key);
    const approved = verdict?.verdict === 'approved' && policy !== null;
    const rule: ServerRule | undefined = approved ? policy.allowlist.servers.find((r) => r.id === verdict.ruleId) : undefined;
    const detected = detectSecrets(entry, rule);
    if (detected.length === 0) {
      // A rule with tool pinning runs through exec (its proxy checks every list) even
      // without secrets: the same rewrite, nothing moved.
      if (rule && opts.mode === 'enforce' && needsWrap(entry, rule)) {
        const rewritten = rewriteEntry(entry, [], { execPath: opts.execPath, ruleId: rule.id, scope: entry.scope as Scope });
        if (rewritten) plan.actions.push({ kind: 'migrate', entry, ruleId: rule.id, findings: [], rewritten });
      }
      continue;
    }
    for (const d of detected) plan.learned.push(d.value);
    // Other clients' entries (src/clients) move for stdio only: none of them runs a headers helper.
    const movable = rule && EDITABLE_SCOPES.includes(entry.scope) && clientCanMove(entry) ? detected.filter((d) => d.movable) : [];
    const stuck = detected.filter((d) => !movable.includes(d));
    const ruleId = verdict?.ruleId;
    if (movable.length > 0 && rule && opts.mode === 'enforce') {
      const rewritten = rewriteEntry(entry, movable, { execPath: opts.execPath, ruleId: rule.id, scope: entry.scope as Scope });
      if (rewritten) {
        plan.actions.push({ kind: 'migrate', entry, ruleId: rule.id, findings: movable.map((d) => d.finding), rewritten });
      } else {
        stuck.push(...movable);
      }
    }
    if (movable.length > 0 && opts.mode === 'audit') {
      plan.exposures.push({
        entry,
        findings: movable.map((d) => d.finding),
        ruleId,
        wouldMigrate: true,
        reason: 'audit mode: enforce would move it to the keychain',
      });
    }
    if (stuck.length > 0) {
      plan.exposures.push({
        entry,
        findings: stuck.map((d) => d.finding),
        ruleId,
        wouldMigrate: false,
        reason: stuckReason(entry, verdict, stuck[0]?.finding),
      });
    }
  }
  return plan;
}

/** Claude Code moves env, args and headers; another client only a stdio entry's env and args. */
function clientCanMove(entry: ServerEntry): boolean {
  return entry.client === undefined || entry.client === 'claude-code' || entry.transport === 'stdio';
}

/** Why another client's remote entry keeps its header secrets, and what the user can do. */
function remoteClientReason(entry: ServerEntry): string {
  const label = adapterOf(entry.client).label;
  const hint: Partial<Record<string, string>> = {
    codex: 'move it to an environment variable with bearer_token_env_var or env_http_headers',
    vscode: 'use an ${input:ID} with "password": true (VS Code keeps it in its secret storage)',
    'gemini-cli': 'reference an environment variable ($VAR) instead',
    cursor: 'reference an environment variable (${env:NAME}) instead',
  };
  return `${label} has no headers helper, so mcp-warden cannot inject it; ${hint[entry.client ?? ''] ?? 'remove it from the file'}`;
}

/** A stdio entry of a tool-pinned rule that does not run through exec yet. */
function needsWrap(entry: ServerEntry, rule: ServerRule): boolean {
  return entry.transport === 'stdio' && !entry.wrapped && EDITABLE_SCOPES.includes(entry.scope) && effectivePinning(rule) !== 'off';
}

function stuckReason(entry: ServerEntry, verdict: Verdict | undefined, f: SecretFinding | undefined): string {
  if (!EDITABLE_SCOPES.includes(entry.scope)) return `${entry.scope} entries are not edited by mcp-warden`;
  if (entry.client !== undefined && entry.client !== 'claude-code' && verdict?.verdict === 'approved' && entry.transport !== 'stdio')
    return remoteClientReason(entry);
  if (!verdict || verdict.verdict !== 'approved')
    return `the server is not approved (${verdict?.verdict ?? 'not judged'}); it is not migrated`;
  if (f?.location === 'url') return 'the secret is part of the URL, which identifies the server; put it in a header instead';
  if (f?.reason.endsWith('-in-reference')) return 'the secret is inside a ${VAR:-default} reference; remove the default';
  if (f?.location === 'args')
    return 'the allowlist rule spells this argument out literally; ask the admin for a {{secret:NAME}} placeholder';
  return 'the secret cannot be moved automatically';
}

/** The server's identity for events: never the name alone; argv with secrets masked. */
export function serverRef(entry: ServerEntry, ruleId?: string, maskedInner?: readonly string[]): ServerRef {
  const ref: ServerRef = { name: entry.name, scope: entry.scope, transport: entry.transport };
  if (entry.client !== undefined) ref.client = entry.client;
  if (entry.transport === 'stdio') {
    const inner =
      maskedInner ??
      (() => {
        const i = innerArgv(entry);
        return i
          ? placeholderArgv(
              i,
              detectSecrets(entry).filter((d) => d.arg),
            )
          : undefined;
      })();
    if (inner) ref.argv = [...inner];
  } else if (entry.url) {
    ref.url = entry.url;
  }
  if (ruleId) ref.ruleId = ruleId;
  return ref;
}

/** One `credential.exposed` event per finding. */
export function exposureEvents(exposures: readonly CredentialExposure[], mode: Mode): DriftEventInput[] {
  const out: DriftEventInput[] = [];
  for (const x of exposures) {
    for (const f of x.findings) {
      const ev: DriftEventInput = {
        kind: 'credential.exposed',
        severity: 'high',
        mode,
        action: 'none',
        message: `${x.entry.name}: ${f.location} ${f.location === 'args' ? `argument ${f.argIndex ?? f.name}` : f.name} holds a secret in plain text (${f.reason}); ${x.reason}`,
        server: serverRef(x.entry, x.ruleId),
        file: x.entry.file,
        jsonPath: formatJsonPath(x.entry.jsonPath),
        credential: { name: f.location === 'args' ? (f.placeholder ?? f.name) : f.name, location: f.location, fingerprint: f.fingerprint },
      };
      if (x.wouldMigrate) ev.wouldDo = 'migrated';
      out.push(ev);
    }
  }
  return out;
}
