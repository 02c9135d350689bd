export * from './version.js';
export * from './gate.js';
export * from './sync-status.js';
