import type { AppInfo, HandlerMap } from '../../src-shared/bridge/contract.js';

export function createAppHandlers(info: AppInfo): HandlerMap<'app.getInfo'> {
  return {
    'app.getInfo': async () => ({ ...info }),
  };
}
