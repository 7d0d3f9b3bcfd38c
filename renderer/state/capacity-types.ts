// The capacity slice's shape: the run queue the backend pushes (who waits for a simulation worker, in what order),
// the open investigation's disk figure, and what a run of the selected experiment would add.
import type { DiskUse, RunQueueState, RunSizeEstimate } from '../../shared/contract/capacity-entities';

export interface CapacitySlice {
  /** Every waiting and running simulation, as last pushed or read; null until the lab first asks. */
  runQueue: RunQueueState | null;
  /** The open investigation's disk figure. */
  diskUse: { investigationId: string; disk: DiskUse } | null;
  /** About what a run of the selected experiment adds; null when no experiment is selected. */
  runEstimate: RunSizeEstimate | null;
  loadCapacity(investigationId: string, experimentId: string | null): Promise<void>;
  receiveRunQueue(queue: RunQueueState): void;
}
