export * from './reduce.js';
export * from './tray-view.js';
