// The tray's texts are pure and shared: browser mode draws the same tray in the page.
export * from '../../src-shared/status/tray-view.js';
export { trayFolderLine } from '../../src-shared/mirror/folder-status.js';
