import { BridgeError, type HandlerMap } from '../../src-shared/bridge/contract.js';
import type { MirrorService } from '../mirror/mirror-service.js';

/** Shows a folder dialog (Electron); absent in browser mode. */
export type FolderPicker = () => Promise<string | null>;

export function createGitHandlers(
  mirror: MirrorService,
  pickFolder: FolderPicker | null,
): HandlerMap<
  | 'mirror.getSettings'
  | 'mirror.setSettings'
  | 'mirror.pickFolder'
  | 'mirror.publish'
  | 'mirror.applied'
  | 'mirror.status'
  | 'git.commitNow'
  | 'git.pull'
  | 'git.push'
  | 'git.tagRelease'
> {
  return {
    'mirror.getSettings': async () => mirror.getSettings(),
    'mirror.setSettings': (settings) => mirror.setSettings(settings),
    'mirror.pickFolder': async () => {
      if (!pickFolder) {
        throw new BridgeError({
          code: 'bad_request',
          message: 'A folder dialog exists only in the desktop app; type the folder path instead',
          retryable: false,
        });
      }
      return { folder: await pickFolder() };
    },
    'mirror.publish': async (publish) => {
      mirror.publish(publish);
      return undefined;
    },
    'mirror.applied': async (applied) => {
      await mirror.applied(applied);
      return undefined;
    },
    'mirror.status': async () => mirror.status(),
    'git.commitNow': () => mirror.commitNow(),
    'git.pull': () => mirror.pull(),
    'git.push': () => mirror.push(),
    'git.tagRelease': async ({ tags }) => ({ tags: await mirror.tagRelease(tags) }),
  };
}
