// The replay slice's shape: re-running the open investigation's recorded simulations and what that proved.
import type { ReplayResult } from '../../shared/contract/trail-entities';

export interface ReplayState {
  replayId: string;
  investigationId: string;
  done: number;
  total: number;
  current: string;
  result: ReplayResult | null;
}

export interface ReplaySlice {
  replay: ReplayState | null;
  startReplay(investigationId: string): Promise<void>;
  cancelReplay(): Promise<void>;
  dismissReplay(): void;
  receiveReplayProgress(payload: Omit<ReplayState, 'result'>): void;
  receiveReplayFinished(payload: { replayId: string; investigationId: string; result: ReplayResult }): void;
}
