import { Notification } from 'electron';
import type { NativeNotification, NotificationAction } from '../../src-shared/bridge/sync-settings.js';
import type { NativeNotifier } from '../handlers/sync-settings.js';

/**
 * Native notifications. A newer one with the same key replaces the shown one
 * (coalescing: "Sync complete" replaces "Syncing…"). Buttons exist only on
 * macOS; elsewhere a click shows the details (never a surprise retry).
 */
export function electronNotifier(opts: {
  onAction(action: NotificationAction): void;
  reveal(): void;
}): NativeNotifier {
  const shown = new Map<string, Notification>();
  return {
    show(note: NativeNotification) {
      if (!Notification.isSupported()) return;
      shown.get(note.key)?.close();
      const native = new Notification({
        title: note.title,
        body: note.body,
        actions: note.actions.map((a) => ({ type: 'button' as const, text: a.label })),
      });
      native.on('click', () => {
        opts.reveal();
        const details = note.actions.some((a) => a.id === 'details');
        opts.onAction({ key: note.key, action: details ? 'details' : 'open' });
      });
      native.on('action', (_event, index) => {
        const action = note.actions[index];
        if (action) opts.onAction({ key: note.key, action: action.id });
      });
      native.on('close', () => {
        if (shown.get(note.key) === native) shown.delete(note.key);
      });
      shown.set(note.key, native);
      native.show();
    },
  };
}
