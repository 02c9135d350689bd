export * from './contract.js';
export * from './status.js';
export * from './connection.js';
export * from './wire.js';
export * from './dispatch.js';
export * from './sync-settings.js';
export * from './files.js';
export * from './log.js';
