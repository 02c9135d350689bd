import { SHORTCUTS, shortcutLabel } from '../app/shortcuts.js';
import { Dialog } from './common/Dialog.js';

const EXTRA: { keys: string; description: string }[] = [
  { keys: 'Esc', description: 'Close a dialog or menu' },
  { keys: 'Enter', description: 'Confirm a dialog' },
  { keys: 'Esc, then Tab', description: 'Leave the code editor with the keyboard' },
];

/** Every shortcut, generated from the same table the key handler uses, so the help cannot drift. */
export function ShortcutsDialog({ mac, onClose }: { mac: boolean; onClose: () => void }) {
  const global = SHORTCUTS.filter((s) => s.scope === 'global');
  const list = SHORTCUTS.filter((s) => s.scope === 'list');
  const saveKey = mac ? '⌘S' : 'Ctrl+S';
  const section = (title: string, rows: { keys: string; description: string }[]) => (
    <section className="shortcut-section">
      <h3>{title}</h3>
      <dl className="shortcut-list">
        {rows.map((r) => (
          <div key={`${r.keys}-${r.description}`} className="shortcut-row">
            <dt>{r.description}</dt>
            <dd>
              <kbd>{r.keys}</kbd>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
  // Several keys for one command (Ctrl+K and /) share a row.
  const rows = (list: typeof SHORTCUTS) => {
    const byCommand = new Map<string, { keys: string; description: string }>();
    for (const s of list) {
      const row = byCommand.get(s.command);
      const keys = shortcutLabel(s, mac);
      if (row) row.keys = `${row.keys} or ${keys}`;
      else byCommand.set(s.command, { keys, description: s.description });
    }
    return [...byCommand.values()];
  };
  return (
    <Dialog title="Keyboard shortcuts" testId="dialog-shortcuts" onClose={onClose} size="large">
      <div className="dialog-body shortcuts">
        {section('Anywhere', rows(global))}
        {section('In the item list', rows(list))}
        {section('In the editor and dialogs', [{ keys: saveKey, description: 'Save now' }, ...EXTRA])}
      </div>
    </Dialog>
  );
}
