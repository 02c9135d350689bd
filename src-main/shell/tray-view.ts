// The tray's texts are pure and shared: browser mode draws the same tray in the page.
export * from '../../src-shared/status/tray-view.js';
