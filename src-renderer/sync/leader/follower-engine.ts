import type { Branch, MainPolicy } from '../../../src-shared/model/index.js';
import type { UpdateCollaboratorsRequest } from '../../../src-shared/sync-protocol/index.js';
import type { MetaStore } from '../../db/index.js';
import { logWarning } from '../../log/report.js';
import type { SyncEngineApi } from '../../state/sync-slice.js';
import type { SyncEngineState, SyncPreview, SyncSummary } from '../types.js';
import { LeaderClient, type EngineTarget } from './relay.js';
import { readLeaderState } from './shared-state.js';

/**
 * The sync engine as a tab that does not lead sees it: the leader's state,
 * read from the database whenever it changes, and every action relayed to
 * the leader. The UI cannot tell it from the engine itself.
 */
export class FollowerEngine implements SyncEngineApi {
  private state: SyncEngineState;
  private readonly listeners = new Set<() => void>();
  private readonly client: LeaderClient;
  private readonly stopWatching: () => void;
  private reading = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly meta: MetaStore,
    channelName: string,
    initial: SyncEngineState,
  ) {
    this.state = initial;
    this.client = new LeaderClient(channelName);
    this.stopWatching = meta.changes(() => this.reread());
    this.reread();
  }

  getState(): SyncEngineState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  syncNow(branchId?: string): Promise<SyncSummary> {
    return this.relay('syncNow', [branchId]) as Promise<SyncSummary>;
  }
  preview(branchId?: string): Promise<SyncPreview> {
    return this.relay('preview', [branchId]) as Promise<SyncPreview>;
  }
  updateFromMain(branchId: string): Promise<{ conflicts: number }> {
    return this.relay('updateFromMain', [branchId]) as Promise<{ conflicts: number }>;
  }
  async setMainPolicy(branchId: string, policy: MainPolicy): Promise<void> {
    await this.relay('setMainPolicy', [branchId, policy]);
  }
  changeCollaborators(branchId: string, request: UpdateCollaboratorsRequest): Promise<Branch> {
    return this.relay('changeCollaborators', [branchId, request]) as Promise<Branch>;
  }
  dismissNotice(id: string): void {
    this.relay('dismissNotice', [id]).catch(() => undefined);
  }
  syncPending(): Promise<unknown> {
    return this.relay('syncPending', []);
  }
  async whenHistoryComplete(): Promise<boolean> {
    return (await this.relay('whenHistoryComplete', [])) === true;
  }
  runQueue(): Promise<unknown> {
    return this.relay('runQueue', []);
  }
  syncApprovalsSoon(): void {
    this.relay('syncApprovalsSoon', []).catch(() => undefined);
  }

  /** This tab leads now: calls still waiting run on its own engine. */
  handOver(engine: EngineTarget): void {
    this.stopped = true;
    this.stopWatching();
    this.client.handOver(engine);
    this.listeners.clear();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopWatching();
    this.client.close();
    this.listeners.clear();
    await this.reading;
  }

  private relay(method: Parameters<LeaderClient['call']>[0], args: unknown[]): Promise<unknown> {
    if (this.stopped) return Promise.reject(new Error('Sync has stopped'));
    return this.client.call(method, args);
  }

  /** Meta rows change often (checkpoints); reads run one after another, and only a new state notifies. */
  private reread(): void {
    this.reading = this.reading
      .then(async () => {
        if (this.stopped) return;
        const next = await readLeaderState(this.meta);
        if (this.stopped || JSON.stringify(next) === JSON.stringify(this.state)) return;
        this.state = next;
        for (const listener of this.listeners) listener();
      })
      .catch((err: unknown) => logWarning('Could not read the sync state of the leading tab', err));
  }
}
