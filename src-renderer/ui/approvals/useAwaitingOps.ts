import { useEffect, useState } from 'react';
import type { Op } from '../../../src-shared/model/index.js';
import { useApprovals } from '../../state/approvals-slice.js';
import { useSnapshot } from '../../state/workspace-store.js';
import { logError } from '../../log/report.js';

export interface LocalOps {
  byId: Map<string, Op>;
  awaiting: Op[];
  /** False until the first read is in: a composer picks its defaults from it. */
  loaded: boolean;
}

/** Local ops and the user's awaiting ones, re-read when the workspace or the requests change. */
export function useAwaitingOps(): LocalOps {
  const version = useSnapshot().version;
  const requests = useApprovals((s) => s.requests);
  const service = useApprovals((s) => s.service);
  const [state, setState] = useState<LocalOps>({ byId: new Map(), awaiting: [], loaded: false });
  useEffect(() => {
    let live = true;
    service
      ?.localOps()
      .then((ops) => live && setState({ ...ops, loaded: true }))
      .catch((err: unknown) => logError('Could not read the local ops awaiting approval', err));
    return () => {
      live = false;
    };
  }, [service, version, requests]);
  return state;
}
