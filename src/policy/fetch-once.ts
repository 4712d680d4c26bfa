// `allowlist.url` (and `trust.root.chainUrl`), fetched once for `system apply` / `status`
// the way the agent's poller fetches them (same transport, proxy, size caps and CAs), and
// handed to the same verifier as a candidate. Unreachable: fall back to what the agent has
// then (allowlist.file, else the last good; the stored roots chain), and say so.
import type { LoadedConfig } from '../config/types';
import { fetchEnvelope } from './fetch';
import { netSettings } from '../net/settings';
import { describeError } from '../errors';
import { log } from '../log/logger';
import { MAX_CHAIN_BYTES, parseRootsChain } from './root';
import { DEFAULT_MAX_ENVELOPE_BYTES } from './verify';

export interface FetchedCandidate {
  candidate?: { bytes: Buffer; source: string };
  /** Roots chain entries from trust.root.chainUrl. */
  roots?: Buffer[];
  /** Set when a URL could not be fetched. */
  note?: string;
}

/** trust.root.chainUrl's entries, or a note; never throws (the stored chain still applies). */
export async function fetchRoots(loaded: LoadedConfig): Promise<{ roots?: Buffer[]; note?: string }> {
  const url = loaded.config.trust.root?.chainUrl;
  if (!url) return {};
  try {
    const r = await fetchEnvelope(
      url,
      {},
      { maxBytes: MAX_CHAIN_BYTES, net: netSettings({ config: loaded.config, baseDir: loaded.baseDir }) },
      'trust.root.chainUrl',
    );
    return r.status === 'ok' ? { roots: parseRootsChain(r.bytes, url) } : {};
  } catch (e) {
    log().warn('trust.root.chainUrl not fetched', { error: describeError(e) });
    return { note: `trust.root.chainUrl could not be used (${describeError(e)}): the roots already trusted apply` };
  }
}

export async function fetchCandidate(loaded: LoadedConfig): Promise<FetchedCandidate> {
  const cfg = loaded.config;
  const roots = await fetchRoots(loaded);
  const url = cfg.allowlist.url;
  if (!url) return roots;
  try {
    const r = await fetchEnvelope(
      url,
      {},
      {
        maxBytes: cfg.allowlist.maxBytes ?? DEFAULT_MAX_ENVELOPE_BYTES,
        net: netSettings({ config: cfg, baseDir: loaded.baseDir }),
      },
    );
    // Unconditional GET: a 304 cannot happen, but it would mean "nothing new" anyway.
    if (r.status === 'ok') return { ...roots, candidate: { bytes: r.bytes, source: url } };
    return roots;
  } catch (e) {
    const reason = describeError(e);
    log().warn('allowlist.url not fetched', { error: reason });
    const fallback = cfg.allowlist.file ? 'allowlist.file' : 'the last good allowlist';
    const note = `allowlist.url could not be fetched (${reason}): verified ${fallback} instead`;
    return { ...roots, note: roots.note ? `${roots.note}; ${note}` : note };
  }
}
