import { useRef } from 'react';
import { Upload } from 'lucide-react';
import type { ImportResult } from '../../sync/queue/local-work.js';
import { plural } from '../format.js';

export function importSummary(result: ImportResult): string {
  const ops = result.opsAdded + result.opsRestored;
  if (ops === 0 && result.entriesAdded === 0)
    return 'Nothing to import: everything in that file is already here.';
  const parts = [plural(ops, 'change')];
  if (result.entriesAdded > 0) parts.push(plural(result.entriesAdded, 'queued action'));
  return `Imported ${parts.join(' and ')}; they will sync.`;
}

/** Picks an exported file and imports it (the file's text goes to `onText`). */
export function ImportButton({ disabled, onText }: { disabled: boolean; onText: (text: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        disabled={disabled}
        onClick={() => input.current?.click()}
      >
        <Upload size={13} aria-hidden /> Import…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="queue-import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void file.text().then(onText);
        }}
      />
    </>
  );
}
