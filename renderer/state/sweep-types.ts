// The sweep slice's shape: the lab's running or finished sweep.
import type { RequestOf } from '../../shared/contract/channels';
import type { SweepResult } from '../../shared/contract/lab-entities';

export interface SweepProgress {
  sweepId: string;
  done: number;
  total: number;
  current: string;
  result: SweepResult | null;
}

export interface SweepSlice {
  sweep: SweepProgress | null;
  startSweep(experimentId: string, include: RequestOf<'sweeps.start'>['include']): Promise<void>;
  cancelSweep(): Promise<void>;
  receiveSweepProgress(payload: {
    sweepId: string;
    investigationId: string;
    done: number;
    total: number;
    current: string;
  }): void;
  receiveSweepFinished(payload: { sweepId: string; investigationId: string; result: SweepResult }): void;
}
