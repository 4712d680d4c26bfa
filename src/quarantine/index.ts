export { quarantineEntry, discardRecord, stashAccount, type QuarantineContext, type Quarantined } from './quarantine';
export { restoreRecord } from './restore';
export { listRecords, readRecord, quarantineDir, activeRecordExists, type RecordList } from './store';
export { sanitizeEntry, type Sanitized } from './sanitize';
export { QuarantineError, type QuarantineErrorCode } from './errors';
export type { QuarantineRecord, StashedSecret, RestoreOptions, RestoreResult } from './record';
