export { runPass, inspect, emptyCounts, configDirsFromEnv, type PassOptions, type PassResult, type Inspection } from './pass';
export { loadState, saveState, statePath, type ReconcileState } from './state';
export { serverRef } from './events';
