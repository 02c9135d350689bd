export * from './lock.js';
export * from './order.js';
export * from './resolve.js';
export * from './status.js';
