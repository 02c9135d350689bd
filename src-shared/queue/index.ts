export * from './backoff.js';
export * from './keys.js';
export * from './policy.js';
export * from './reorder.js';
export * from './entry.js';
export * from './move-preview.js';
