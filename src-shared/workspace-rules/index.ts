export * from './item-paths.js';
export * from './namespaces.js';
export * from './sync-badge.js';
export * from './branches.js';
