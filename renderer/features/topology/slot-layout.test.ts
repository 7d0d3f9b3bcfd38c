import { describe, expect, it } from 'vitest';
import { planJob } from '../../../shared/sim/engine/job-plan';
import { densityFor, layoutSlots } from './slot-layout';

const SCENARIO = 'offheap-map-leak';

describe('layoutSlots', () => {
  it('gives each TaskManager a column and each operator a row, one cell per subtask', () => {
    const plan = planJob({ scenario: SCENARIO });
    const grid = layoutSlots(plan);
    expect(grid.columns.map((c) => c.taskManager)).toEqual(plan.taskManagers.map((tm) => tm.id));
    expect(grid.rows.map((r) => r.operator)).toEqual(plan.operators.map((op) => op.id));
    expect(grid.cells).toHaveLength(plan.subtasks);
    const cell = grid.cells.find((c) => c.subtask === 'currency-convert#3');
    expect(cell).toMatchObject({ taskManager: 'tm-4', slot: 0, layer: 'layer3' });
    expect(cell?.x).toBe(grid.columns[3]?.x);
    expect(grid.everyOperatorEverywhere).toBe(true);
    expect(grid.density).toBe('roomy');
    expect(grid.columns[0]?.label).toBe('tm-1');
  });

  it('separates layers with a gap and never overlaps cells', () => {
    const grid = layoutSlots(planJob({ scenario: SCENARIO }));
    const y = (id: string) => grid.rows.find((r) => r.operator === id)!.y;
    const pitch = y('kafka-clicks') - y('kafka-impressions');
    expect(y('join-engagements') - y('deserialize-conversions')).toBeGreaterThan(pitch);
    const seen = new Set(grid.cells.map((c) => `${c.x},${c.y}`));
    expect(seen.size).toBe(grid.cells.length);
  });

  it('splits a TaskManager column into its slots', () => {
    const plan = planJob({
      scenario: SCENARIO,
      parallelism: 12,
      configOverrides: { 'taskmanager.numberOfTaskSlots': '4' },
    });
    const grid = layoutSlots(plan);
    expect(grid.columns).toHaveLength(3);
    const cells = grid.cells.filter((c) => c.operator === 'druid-sink' && c.taskManager === 'tm-2');
    expect(cells.map((c) => c.slot)).toEqual([0, 1, 2, 3]);
    expect(cells.map((c) => c.index)).toEqual([4, 5, 6, 7]);
    expect(new Set(cells.map((c) => c.x)).size).toBe(4);
    for (const c of cells) {
      expect(c.x).toBeGreaterThanOrEqual(grid.columns[1]!.x);
      expect(c.x + grid.cellWidth).toBeLessThanOrEqual(grid.columns[1]!.x + grid.columns[1]!.width);
    }
  });

  it('stays compact at parallelism 32 and dense at 128, labelling fewer columns', () => {
    const compact = layoutSlots(planJob({ scenario: SCENARIO, parallelism: 32 }));
    expect(compact.density).toBe('compact');
    expect(compact.width).toBeLessThan(900);
    const dense = layoutSlots(planJob({ scenario: SCENARIO, parallelism: 128 }));
    expect(dense.density).toBe('dense');
    expect(dense.width).toBeLessThan(1400);
    expect(dense.columns.filter((c) => c.label !== null).length).toBeLessThan(20);
  });

  it('picks the density from the number of slot columns', () => {
    expect(densityFor(8)).toBe('roomy');
    expect(densityFor(32)).toBe('compact');
    expect(densityFor(64)).toBe('dense');
  });
});
