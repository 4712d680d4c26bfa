// Which keys verify allowlists right now. Precedence (docs/allowlist.md):
//   1. `trust.root` set: the allowlist role of the newest root reached from the pinned
//      bootstrap root through the stored chain, `trust.root.chainFile` and what the agent
//      fetched from `trust.root.chainUrl`; `trust.keys`/`threshold` are ignored.
//   2. otherwise `trust.keys` + `trust.threshold`, as before roots existed.
// The walk is pure (root.ts); this module reads the inputs and persists the result.
import type * as crypto from 'node:crypto';
import { loadTrustKeys } from './keys';
import type { LoadedConfig } from '../config/types';
import { isWardenError } from '../errors';
import { log } from '../log/logger';
import { readCapped } from '../util/fsio';
import { isPolicyError, PolicyError } from './errors';
import { applyRootChain, MAX_CHAIN_BYTES, MAX_ROOT_BYTES, parseRootsChain, payloadDigestOf, rootExpired, verifyInitialRoot } from './root';
import { chainBytes, readRootState, writeRootState } from './root-state';
import type { TrustedRoot } from './root-types';

export interface RootSummary {
  version: number;
  expires: string;
  digest: string;
  /** Allowlist-role key ids and threshold. */
  allowlistKeyIds: string[];
  allowlistThreshold: number;
  expired: boolean;
}

export interface ResolvedTrust {
  trustKeys: crypto.KeyObject[];
  threshold: number;
  /** Set when trust comes from a root. */
  root?: TrustedRoot;
  /** No usable root at all: nothing can verify (no policy, audit only). */
  fatal?: PolicyError;
  /** The newest root has expired: no new allowlist is accepted (ROOT_EXPIRED). */
  frozen?: PolicyError;
  /** A root offered but refused; trust stays at `root`. */
  rootRejection?: PolicyError;
  /** The newer chain could not be stored. */
  stateError?: string;
}

export interface ResolveTrustOptions {
  config: LoadedConfig;
  stateDir: string;
  now: Date;
  /** Chain entries fetched from trust.root.chainUrl. */
  fetchedRoots?: readonly Buffer[];
  readOnly?: boolean;
}

export function rootSummary(root: TrustedRoot, now: Date): RootSummary {
  return {
    version: root.doc.version,
    expires: root.doc.expires,
    digest: root.digest,
    allowlistKeyIds: [...root.allowlistKeys.keys()].sort(),
    allowlistThreshold: root.doc.roles.allowlist.threshold,
    expired: rootExpired(root, now),
  };
}

function readFile(file: string, max: number, what: string): Buffer {
  try {
    return readCapped(file, max);
  } catch (e) {
    const code = isWardenError(e) ? e.code : undefined;
    if (code === 'FILE_NOT_FOUND')
      throw new PolicyError({ code: 'ROOT_MISSING', message: `${what} ${file}: no such file`, file, cause: e });
    if (code === 'FILE_TOO_LARGE')
      throw new PolicyError({ code: 'ROOT_TOO_LARGE', message: `${what} ${file}: over the ${max}-byte limit`, file, cause: e });
    throw new PolicyError({ code: 'ROOT_UNREADABLE', message: `${what} ${file}: ${(e as Error).message}`, file, cause: e });
  }
}

export function resolveTrust(opts: ResolveTrustOptions): ResolvedTrust {
  const cfg = opts.config.config;
  const rc = cfg.trust.root;
  if (!rc) return { trustKeys: loadTrustKeys(opts.config), threshold: cfg.trust.threshold ?? 1 };
  const none = { trustKeys: [], threshold: 1 };
  const stored = readRootState(opts.stateDir);
  if (stored.corrupt) log().warn('roots state unreadable; walking from the bootstrap root', { reason: stored.corrupt });
  let rootRejection: PolicyError | undefined;
  let fromFile: Buffer[] = [];
  if (rc.chainFile) {
    try {
      fromFile = parseRootsChain(readFile(rc.chainFile, MAX_CHAIN_BYTES, 'trust.root.chainFile'), rc.chainFile);
    } catch (e) {
      if (!isPolicyError(e)) throw e;
      rootRejection = e;
    }
  }
  const offered = [...chainBytes(stored.state), ...fromFile, ...(opts.fetchedRoots ?? [])];
  let start: TrustedRoot;
  try {
    let initial: Buffer | undefined;
    if (rc.file) initial = readFile(rc.file, MAX_ROOT_BYTES, 'trust.root.file');
    else initial = offered.find((b) => payloadDigestOf(b) === rc.sha256?.toLowerCase());
    if (!initial)
      throw new PolicyError({ code: 'ROOT_MISSING', message: `no root in the chain has the pinned trust.root.sha256 ${rc.sha256 ?? ''}` });
    start = verifyInitialRoot(initial, { org: cfg.org, pinSha256: rc.sha256 });
  } catch (e) {
    if (!isPolicyError(e)) throw e;
    return { ...none, fatal: e };
  }
  const walk = applyRootChain(start, offered, { org: cfg.org });
  rootRejection ??= walk.error;
  const root = walk.root;
  const out: ResolvedTrust = {
    trustKeys: [...root.allowlistKeys.values()],
    threshold: root.doc.roles.allowlist.threshold,
    root,
    ...(rootRejection ? { rootRejection } : {}),
  };
  const storedState = stored.state;
  const newer =
    !storedState ||
    root.doc.version > storedState.version ||
    (root.doc.version === storedState.version && root.digest !== storedState.digest);
  if (!opts.readOnly && walk.applied.length > 0 && newer) {
    try {
      writeRootState(opts.stateDir, {
        format: 1,
        version: root.doc.version,
        digest: root.digest,
        chain: walk.applied.map((b) => b.toString('base64')),
      });
    } catch (e) {
      out.stateError = (e as Error).message;
      log().warn('cannot store the trusted root chain', { stateDir: opts.stateDir, error: out.stateError });
    }
  }
  // TUF §5.3.10: freeze check on the newest root only.
  if (rootExpired(root, opts.now)) {
    out.frozen = new PolicyError({
      code: 'ROOT_EXPIRED',
      message: `the newest trusted root (v${root.doc.version}) expired at ${root.doc.expires}: no new allowlist is accepted until a newer root arrives (trust rotate)`,
    });
  }
  return out;
}
