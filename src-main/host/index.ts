export {
  startHost,
  DEFAULT_PORT,
  DEFAULT_HOST,
  type StartHostOptions,
  type RunningHost,
} from './start-host.js';
export { BRIDGE_PATH } from './bridge-socket.js';
export { RENDERER_NOT_BUILT } from './static-files.js';
