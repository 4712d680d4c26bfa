// Agent-side reporting: the durable spool, the sender and the heartbeat. Public entry.
export { openSpool, DEFAULT_SPOOL_MAX_BYTES, type Spool, type SpoolOptions, type EmitResult } from './spool';
export { spoolStatus, type SpoolStatus } from './spool-status';
export { requeueDeadLetters, readDeadLetters, type DeadLetter } from './spool-dead';
export { heartbeatEvent, MAX_HEARTBEAT_FINDINGS, type HeartbeatPosture, type PostureFinding } from './heartbeat';
export type { SendOutcome, SendRecord } from './spool-state';
export { ReportError, type ReportErrorCode } from './errors';
export { sendPending, type SendOptions } from './sender';
export { startFlusher, type Flusher, type FlusherOptions } from './flusher';
export { collectorUrl, apiUrl, isLoopbackHost, readTokenFile, readCaFile } from './endpoint';
export { DEFAULT_RETRY, type RetryPolicy } from './retry';
