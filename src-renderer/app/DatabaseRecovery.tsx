import { useState } from 'react';
import { localWorkFileName } from '../../src-shared/export/local-work.js';
import { getBridge } from '../bridge/index.js';
import { deleteLocalDatabase, salvageLocalWork } from '../storage/salvage.js';
import { saveTextFile } from './save-file.js';

type Phase = 'idle' | 'working' | 'exported' | 'failed';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The way out of an unreadable local database: first save whatever
 * unsynced work can still be read, then throw the database away and start
 * again from the server (a fresh client pulls current items first).
 */
export function DatabaseRecovery() {
  const [phase, setPhase] = useState<Phase>('idle');
  const [note, setNote] = useState<string | null>(null);

  const exportReadable = async () => {
    setPhase('working');
    try {
      const bridge = getBridge();
      const info = await bridge.call('app.getInfo');
      const { file, unreadableRows } = await salvageLocalWork({
        indexedDB: window.indexedDB,
        dbName: `tether-${info.instanceId}`,
        identity: { userName: info.userName, instanceId: info.instanceId },
        at: Date.now(),
      });
      const name = localWorkFileName(file.reason, file.exportedAt);
      const saved = await saveTextFile(bridge, info, name, JSON.stringify(file, null, 2));
      const lost = unreadableRows > 0 ? ` ${plural(unreadableRows, 'damaged row')} could not be read.` : '';
      setNote(
        saved.saved
          ? `Saved ${plural(file.ops.length, 'unsynced change')} as ${saved.path ?? name}.${lost}`
          : 'Export cancelled; nothing was saved.',
      );
      setPhase(saved.saved ? 'exported' : 'idle');
    } catch (err) {
      setNote(`Could not export: ${err instanceof Error ? err.message : String(err)}`);
      setPhase('failed');
    }
  };

  const startOver = async () => {
    const sure =
      phase === 'exported' ||
      window.confirm('Start over without exporting? Unsynced work in this database will be lost.');
    if (!sure) return;
    const info = await getBridge().call('app.getInfo');
    await deleteLocalDatabase(window.indexedDB, `tether-${info.instanceId}`);
    window.location.reload();
  };

  return (
    <div className="boot-recovery" data-testid="database-recovery">
      <p className="boot-hint">
        If Retry does not help: save what can still be read, then rebuild this computer’s copy from the
        server.
      </p>
      <div className="boot-recovery-actions">
        <button
          type="button"
          className="btn"
          disabled={phase === 'working'}
          onClick={() => void exportReadable()}
          data-testid="recovery-export"
        >
          Export what can be read
        </button>
        <button
          type="button"
          className="btn"
          disabled={phase === 'working'}
          onClick={() => void startOver()}
          data-testid="recovery-start-over"
        >
          Start over from the server
        </button>
      </div>
      {note && (
        <p className="boot-hint" role="status" data-testid="recovery-note">
          {note}
        </p>
      )}
    </div>
  );
}
