export * from './path.js';
export * from './op.js';
export * from './branch.js';
export * from './namespace.js';
export * from './queue-entry.js';
export * from './item.js';
export * from './op-identity.js';
