export { Workspace, type WorkspaceOptions } from './workspace.js';
export type { WorkspaceSnapshot } from './snapshot.js';
export type { Identity } from './identity.js';
export type { ItemSyncBadge, NamespaceInfo } from '../../src-shared/workspace-rules/index.js';
