// Puts subtasks into slots and slots into TaskManagers the way Flink's default slot sharing does: every operator
// in one slot-sharing group, so slot i runs subtask i of every operator, and TaskManager k holds slots
// k * slotsPerTaskManager ... (one YARN container per TaskManager).
import type { OperatorSpec } from './job-graph';

export interface Placement {
  taskManagers: number;
  slotsPerTaskManager: number;
  /** Operators in the order their subtasks are laid out (the caller's order, usually topological). */
  operators: OperatorSpec[];
  parallelism: number;
  /** First subtask index of each operator; subtasks of operator o are [offset[o], offset[o] + parallelism). */
  offsets: Int32Array;
  /** TaskManager of each subtask. */
  taskManagerOf: Int32Array;
  subtasks: number;
}

export function placeSubtasks(
  operators: OperatorSpec[],
  parallelism: number,
  slotsPerTaskManager: number,
): Placement {
  const subtasks = operators.length * parallelism;
  const offsets = new Int32Array(operators.length);
  const taskManagerOf = new Int32Array(subtasks);
  operators.forEach((_, o) => {
    offsets[o] = o * parallelism;
    for (let i = 0; i < parallelism; i++)
      taskManagerOf[o * parallelism + i] = Math.floor(i / slotsPerTaskManager);
  });
  return {
    taskManagers: Math.ceil(parallelism / slotsPerTaskManager),
    slotsPerTaskManager,
    operators,
    parallelism,
    offsets,
    taskManagerOf,
    subtasks,
  };
}
