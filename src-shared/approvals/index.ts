export * from './local-request.js';
export * from './ownership.js';
export * from './new-namespace.js';
export * from './diff.js';
export * from './awaiting.js';
export * from './review.js';
export * from './pending.js';
