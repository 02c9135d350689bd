export * from './lock.js';
export * from './order.js';
export * from './resolve.js';
export * from './status.js';
export * from './import.js';
export * from './preview.js';
export * from './facts.js';
