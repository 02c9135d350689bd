export { itemStateFromOps, itemStateFromHeads, conflictKind } from './item-state.js';
export { lowestCommonAncestor } from './lca.js';
export { materializeView } from './materialize.js';
export { compareOps, newerOp } from './order.js';
export { ViewIndex } from './view-index.js';
