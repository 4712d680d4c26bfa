// `mcp-warden headers --server ID --scope SCOPE`, Claude Code's `headersHelper` for a
// remote server whose secret headers moved to the keychain. Claude Code runs it on every
// connect (10 s limit) with CLAUDE_CODE_MCP_SERVER_NAME and CLAUDE_CODE_MCP_SERVER_URL.
// The URL is the server's identity: the headers are handed over only for a URL the policy
// approves for this server id (or, with no policy, the URL they were moved for), so an
// entry whose `url` was edited to point elsewhere never receives the token.
import type { ServerEntry } from '../inventory/types';
import type { JudgeContext } from '../judge/context';
import { judgeEntry } from '../judge/judge';
import type { SecretStore } from '../vault/keychain/store';
import type { Policy } from '../policy/types';
import { isWardenError } from '../errors';
import { headersHelperCommand } from '../inventory/wrapper';
import type { Refusal } from './exec';
import { findBinding, readSecrets, type LaunchSite } from './inject';
import { commandDigest } from '../vault/manifest';
import { effectiveMode } from '../policy/effective';

export interface HeadersRequest {
  site: LaunchSite;
  /** CLAUDE_CODE_MCP_SERVER_URL */
  url?: string;
  /** CLAUDE_CODE_MCP_SERVER_NAME */
  name?: string;
}

export interface HeadersDeps {
  policy: Policy | null;
  execPath: string;
  judgeContext: () => JudgeContext;
  store: SecretStore;
}

export type HeadersDecision = { ok: true; headers: Record<string, string>; notes: string[]; audit?: Refusal } | ({ ok: false } & Refusal);

function refuse(kind: Refusal['kind'], code: string, reason: string, hint?: string): HeadersDecision {
  return hint === undefined ? { ok: false, kind, code, reason } : { ok: false, kind, code, reason, hint };
}

/** The remote entry the helper stands for, as the judge sees one on disk. */
export function syntheticRemoteEntry(req: HeadersRequest & { url: string }, policy: Policy, execPath: string): ServerEntry {
  const rule = policy.allowlist.servers.find((r) => r.id === req.site.serverId && r.transport !== 'stdio');
  const type = rule?.transport ?? 'http';
  const headersHelper = headersHelperCommand(execPath, req.site.serverId, req.site.scope);
  return {
    key: `headers:${req.site.scope}:${req.site.serverId}`,
    file: '(launch)',
    scope: req.site.scope,
    configHome: req.site.configHome,
    project: req.site.projectDir,
    jsonPath: [],
    name: req.name ?? req.site.serverId,
    transport: type === 'stdio' ? 'http' : type,
    type,
    url: req.url,
    headersHelper,
    raw: { type, url: req.url, headersHelper },
  };
}

export async function decideHeaders(req: HeadersRequest, deps: HeadersDeps): Promise<HeadersDecision> {
  const { site } = req;
  const notes: string[] = [];
  if (!req.url) {
    return refuse(
      'server.exec_refused',
      'HELPER_MISMATCH',
      'CLAUDE_CODE_MCP_SERVER_URL is not set',
      'this command is run by Claude Code as a headersHelper',
    );
  }
  const url = req.url;
  let verified = false;
  let audit: Refusal | undefined;
  if (deps.policy) {
    const v = judgeEntry(syntheticRemoteEntry({ ...req, url }, deps.policy, deps.execPath), deps.policy, deps.judgeContext());
    if (v.verdict === 'approved' && v.ruleId === site.serverId) {
      verified = true;
    } else {
      const r = refuse(
        'server.exec_refused',
        'EXEC_REFUSED',
        `${url} is not approved for ${site.serverId}: ${v.reason}`,
        'ask your IT admin to approve it',
      );
      if (effectiveMode(deps.policy) === 'enforce') return r;
      audit = r as Refusal;
    }
  }
  try {
    const found = await findBinding(deps.store, site);
    if (!found) {
      await deps.store.probe?.();
      return refuse(
        'credential.missing',
        'SECRET_MISSING',
        'no headers for this server in the keychain',
        `store one with: mcp-warden credentials set --server ${site.serverId} --scope ${site.scope}${site.scope === 'user' ? '' : ` --project ${site.projectDir}`} --header NAME`,
      );
    }
    if (!verified && found.manifest.boundTo !== commandDigest(url)) {
      return refuse(
        'server.exec_refused',
        'EXEC_REFUSED',
        `its headers were moved for a different URL than ${url}, and there is no policy to approve this one`,
      );
    }
    if (req.name && req.name !== found.manifest.entryName)
      notes.push(`entry name ${req.name} differs from ${found.manifest.entryName} (renamed)`);
    const read = await readSecrets(
      deps.store,
      found.binding,
      found.manifest.headers.map((name) => ({ location: 'headers' as const, name })),
    );
    if (read.missing.length > 0) {
      await deps.store.probe?.();
      const names = read.missing.map((m) => m.slice(m.indexOf(':') + 1));
      return refuse(
        'credential.missing',
        'SECRET_MISSING',
        `missing from the keychain: ${names.join(', ')}`,
        `store it with: mcp-warden credentials set --server ${site.serverId} --scope ${site.scope} --header ${names[0] ?? 'NAME'}`,
      );
    }
    const headers: Record<string, string> = {};
    for (const name of found.manifest.headers) headers[name] = read.values.get(`headers:${name}`) ?? '';
    const out: HeadersDecision = { ok: true, headers, notes };
    if (audit) out.audit = audit;
    return out;
  } catch (e) {
    if (isWardenError(e) && e.code === 'KEYCHAIN_UNAVAILABLE') {
      return refuse(
        'credential.missing',
        'KEYCHAIN_UNAVAILABLE',
        `the keychain is unavailable: ${e.message}`,
        'unlock your keyring and reconnect',
      );
    }
    throw e;
  }
}
