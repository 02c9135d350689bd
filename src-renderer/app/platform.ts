import { isMacPlatform } from './shortcuts.js';

/** ⌘ on macOS, Ctrl elsewhere: read once, the platform does not change while the app runs. */
export const IS_MAC = typeof navigator !== 'undefined' && isMacPlatform(navigator.platform);
