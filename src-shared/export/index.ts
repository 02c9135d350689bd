export * from './local-work.js';
