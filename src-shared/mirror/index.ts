export * from './naming.js';
export * from './commit-message.js';
export * from './changes.js';
export * from './outside-edit.js';
export * from './git-queue.js';
export * from './folder-status.js';
