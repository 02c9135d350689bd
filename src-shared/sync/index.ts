export type { RemoteApi } from './remote-api.js';
export { syncKeys } from './keys.js';
export { classifySyncError, retryDelayMs, type SyncFailure } from './errors.js';
export { planPush, splitBatches, branchNeedsPush, branchPushKey, type PushPlan } from './push-plan.js';
export {
  applyAcks,
  localOpOf,
  sortPulledOps,
  sameServerFields,
  type PulledChanges,
} from './server-fields.js';
export {
  DEFAULT_MAIN_POLICY,
  branchesToPull,
  baseFollowsMain,
  movedBase,
  mainChangesTouchingBranch,
  type MainChange,
} from './main-policy.js';
export { receiveBranch, type BranchArrival } from './branch-records.js';
