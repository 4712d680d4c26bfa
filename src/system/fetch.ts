// `allowlist.url`, fetched once for `system apply` / `status` the way the agent's poller
// fetches it (same transport, size cap and CA), and handed to the same verifier as a
// candidate. Unreachable: fall back to what the agent has then (allowlist.file, else the
// last good), and say so.
import type { LoadedConfig } from '../config/types';
import { fetchEnvelope } from '../agent/policy-fetch';
import { netSettings } from '../net/settings';
import { describeError } from '../errors';
import { log } from '../log/logger';
import { DEFAULT_MAX_ENVELOPE_BYTES } from '../policy/verify';

export interface FetchedCandidate {
  candidate?: { bytes: Buffer; source: string };
  /** Set when the URL could not be fetched. */
  note?: string;
}

export async function fetchCandidate(loaded: LoadedConfig): Promise<FetchedCandidate> {
  const cfg = loaded.config;
  const url = cfg.allowlist.url;
  if (!url) return {};
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
    if (r.status === 'ok') return { candidate: { bytes: r.bytes, source: url } };
    return {};
  } catch (e) {
    const reason = describeError(e);
    log().warn('allowlist.url not fetched', { error: reason });
    const fallback = cfg.allowlist.file ? 'allowlist.file' : 'the last good allowlist';
    return { note: `allowlist.url could not be fetched (${reason}): verified ${fallback} instead` };
  }
}
