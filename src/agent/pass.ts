// Adapter from the agent to one reconcile pass (src/reconcile). Wired once runPass lands.
import type { LoadedConfig } from '../config/types';
import type { Spool } from '../report';
import type { PolicyState } from './policy-state';
import type { PassReport, PassRequest } from './types';

export interface AgentPassContext {
  config: LoadedConfig;
  policy: PolicyState;
  sink: Spool;
  home: string;
  stateDir: string;
}

export function runAgentPass(_req: PassRequest, _ctx: AgentPassContext): Promise<PassReport> {
  return Promise.reject(new Error('reconcile pipeline not wired yet'));
}
