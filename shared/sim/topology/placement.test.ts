import { describe, expect, it } from 'vitest';
import { seedJob } from '../scenarios/seed-job';
import { placeSubtasks } from './placement';

describe('placeSubtasks', () => {
  it('gives every TaskManager one subtask of each operator with one slot each (slot sharing)', () => {
    const operators = seedJob().operators;
    const placement = placeSubtasks(operators, 32, 1);
    expect(placement.taskManagers).toBe(32);
    expect(placement.subtasks).toBe(13 * 32);
    const perTm = new Map<number, number>();
    for (const tm of placement.taskManagerOf) perTm.set(tm, (perTm.get(tm) ?? 0) + 1);
    expect([...perTm.values()].every((n) => n === 13)).toBe(true);
  });

  it('packs slots into TaskManagers when a TaskManager has several', () => {
    const placement = placeSubtasks(seedJob().operators, 10, 4);
    expect(placement.taskManagers).toBe(3);
    expect(placement.taskManagerOf[(placement.offsets[1] as number) + 9]).toBe(2);
  });
});
