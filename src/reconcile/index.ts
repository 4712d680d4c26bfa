export { runPass, inspect, emptyCounts, configDirsFromEnv, type PassOptions, type PassResult, type Inspection } from './pass';
export { loadState, saveState, statePath, type ReconcileState } from './state-file';
export { serverRef } from './event-parts';
