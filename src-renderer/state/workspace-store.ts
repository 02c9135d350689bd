import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { AppInfo, Bridge } from '../../src-shared/bridge/index.js';
import type { Workspace, WorkspaceSnapshot } from '../workspace/index.js';

/** What boot hands to the app: the bridge to main, what main said about itself, the open workspace. */
export interface AppServices {
  bridge: Bridge;
  info: AppInfo;
  workspace: Workspace;
}

export const ServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices needs a ServicesContext provider (set up in main.tsx)');
  return services;
}

export function useWorkspace(): Workspace {
  return useServices().workspace;
}

/**
 * The workspace snapshot, re-rendering on every change. The workspace owns the
 * data; the UI reads it from here and never copies it into a store.
 */
export function useSnapshot(): WorkspaceSnapshot {
  const workspace = useWorkspace();
  // Bound here so the workspace's methods may rely on `this`.
  const subscribe = useCallback((listener: () => void) => workspace.subscribe(listener), [workspace]);
  const getSnapshot = useCallback(() => workspace.getSnapshot(), [workspace]);
  return useSyncExternalStore(subscribe, getSnapshot);
}
