export { applyPlan } from './apply';
export { opsFor } from './ops';
export type { ActionResult, ActionStatus, ApplyContext, ApplyResult, MigrateAction, MigrateOutcome, WrittenFile } from './types';
