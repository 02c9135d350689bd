export { SyncEngine, type SyncEngineOptions } from './engine.js';
export type { SyncEngineState, SyncNotice, SyncPreview, SyncProgress, SyncSummary } from './types.js';
