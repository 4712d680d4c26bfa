// The agent asks the collector what became of this device's open approval requests
// (`GET /v1/requests?device=me`, device credential), so that a denial reaches the developer
// with its reason. Only while there is a request not yet settled here: no request, no call.
import type { LoadedConfig } from '../config/types';
import { readLocalRequests, writeLocalRequests } from '../approval/local-requests';
import type { RequestView } from '../collector/store';
import { deviceApi } from '../report/device-api';

export interface Denied {
  name: string;
  requestId: string;
  reason: string;
}

/** Denials not told yet (marked told); statuses refreshed. Throws DeviceApiError when the collector cannot be asked. */
export async function pollRequests(stateDir: string, loaded: LoadedConfig): Promise<Denied[]> {
  const local = readLocalRequests(stateDir);
  const unsettled = local.filter((r) => r.told === undefined);
  if (unsettled.length === 0 || !loaded.config.report?.url) return [];
  const api = deviceApi({ stateDir, config: loaded.config, baseDir: loaded.baseDir });
  const { body } = await api.call<{ requests: RequestView[] }>('GET', 'requests', undefined, { device: 'me', limit: '1000' });
  const byId = new Map(body.requests.map((r) => [r.id, r]));
  const denied: Denied[] = [];
  for (const l of unsettled) {
    const r = byId.get(l.requestId);
    if (!r) continue;
    l.status = r.status;
    if (r.decisionReason) l.decisionReason = r.decisionReason;
    if (r.status === 'denied') {
      l.told = 'denied';
      denied.push({ name: l.name, requestId: l.requestId, reason: r.decisionReason });
    }
  }
  writeLocalRequests(stateDir, local);
  return denied;
}
