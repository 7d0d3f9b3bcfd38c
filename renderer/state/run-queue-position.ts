// Where a run stands in the simulation workers' queue, read from the queue the backend last pushed.
import type { RunQueueState } from '../../shared/contract/capacity-entities';

/** The run's place in line (1 = next to start), or null when it is not waiting. */
export function queuePositionOf(queue: RunQueueState | null, runId: string): number | null {
  return queue?.waiting.find((entry) => entry.runId === runId)?.position ?? null;
}
