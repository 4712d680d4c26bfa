export { judgeEntry, ruleOf } from './judge';
export type { JudgeContext, NpxInstall, HashResult } from './context';
export { createJudgeContext, type FsJudgeContextOptions } from './fs-context';
export { urlMatches } from './url';
export { argsMatch, argMatches } from './argv';
