export * from './merge-model.js';
export { describeModel } from './projection.js';
export * from './session.js';
export * from './sides.js';
export * from './policy.js';
export { checkItemPath } from './path-check.js';
export * from './branch-merge-plan.js';
export * from './pane-rows.js';
