export { plan, type PolicyResult, type PlanOptions } from './plan';
export { emptyPlanState, entryFingerprint, canonicalJson, type PlanState, type RemovalRecord } from './state';
export { flapDecision, recordRemoval, pruneRemovals, backoffMs, FLAP_BASE_MS, FLAP_MAX_MS, FLAP_RESET_MS } from './flapping';
export { hasToolRules } from './rename';
export type { Action, Plan, HeldAction, Flapping, SecretFinding } from './types';
