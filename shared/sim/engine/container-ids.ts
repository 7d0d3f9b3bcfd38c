// YARN container ids as Flink on YARN shows them (the TaskManager's resource id): the JobManager holds container
// 000001, TaskManagers get 000002 onwards in order, and every replacement the next unused number.

const APPLICATION = 'container_e01_1700000000000_0001_01_';

export function containerId(sequence: number): string {
  return `${APPLICATION}${String(sequence).padStart(6, '0')}`;
}

/** Container number of TaskManager index `k` (0-based) at the start of the run. */
export function initialContainerSequence(k: number): number {
  return k + 2;
}
