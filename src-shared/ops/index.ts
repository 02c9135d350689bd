export type { NewItemInput, OpContext } from './factories.js';
export {
  createItemOp,
  deleteItemOp,
  mergeItemOp,
  renameItemOp,
  restoreItemOp,
  updateItemOp,
} from './factories.js';
export { planRestore, type RestorePlan } from './restore-version.js';
