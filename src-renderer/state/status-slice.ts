import { create } from 'zustand';
import type { AppStatus, Bridge } from '../../src-shared/bridge/index.js';

/** The app status as main last reported it (null until the first report arrives). */
export interface StatusState {
  status: AppStatus | null;
  setStatus: (status: AppStatus) => void;
}

export const useStatus = create<StatusState>()((set) => ({
  status: null,
  setStatus: (status) => set({ status }),
}));

/** Feeds the slice from main: the current status now, then every change. Returns the unsubscribe. */
export function connectStatus(bridge: Bridge): () => void {
  const { setStatus } = useStatus.getState();
  const off = bridge.on('status.changed', setStatus);
  bridge
    .call('status.get')
    .then(setStatus)
    .catch(() => undefined); // The next status.changed event fills it in.
  return off;
}
