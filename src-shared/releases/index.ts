export * from './version.js';
export * from './gate.js';
export * from './sync-status.js';
export * from './release-view.js';
export * from './release-diff.js';
export * from './notify.js';
export * from './queued.js';
