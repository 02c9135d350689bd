import { useEffect, useRef, useState } from 'react';
import type { Workspace } from '../../workspace/index.js';
import { describeError } from '../../app/errors.js';
import { Autosaver, type SaveState } from '../../state/autosave.js';
import { toastError } from '../../state/toast-slice.js';

export interface AutosaveHandle {
  state: SaveState;
  error: string | null;
  change: (text: string) => void;
  flush: () => void;
  hasUnsaved: () => boolean;
}

/** One Autosaver per open item; leaving the item writes what is pending (and says so if that fails). */
export function useAutosave(workspace: Workspace, itemId: string, path: string): AutosaveHandle {
  // Tagged with the item so a newly opened item starts as "saved" rather than showing the last one's state.
  const [status, setStatus] = useState<{ itemId: string; state: SaveState; error: string | null }>({
    itemId,
    state: 'saved',
    error: null,
  });
  const saverRef = useRef<Autosaver | null>(null);
  const pathRef = useRef(path);
  useEffect(() => {
    pathRef.current = path;
  }, [path]);

  useEffect(() => {
    const saver = new Autosaver({
      save: (content) => workspace.updateContent(itemId, content),
      onState: (state, err) =>
        setStatus({ itemId, state, error: err ? describeError(err, 'Not saved') : null }),
    });
    saverRef.current = saver;
    return () => {
      saver.dispose();
      saver
        .flush()
        .catch((err: unknown) => toastError(describeError(err, `Couldn't save ${pathRef.current}`)));
      saverRef.current = null;
    };
  }, [workspace, itemId]);

  const current = status.itemId === itemId ? status : { state: 'saved' as const, error: null };
  return {
    state: current.state,
    error: current.error,
    change: (text) => saverRef.current?.change(text),
    flush: () => void saverRef.current?.flush().catch(() => undefined),
    hasUnsaved: () => saverRef.current?.hasUnsaved ?? false,
  };
}
