import { describe, expect, it } from 'vitest';
import { createFlinkConfig, withOverrides } from '../../../shared/sim/config/flink-config';
import { planJob } from '../../../shared/sim/engine/job-plan';
import { deriveTaskManagerMemory } from '../../../shared/sim/memory/flink-memory';
import { seedPlatformConfig } from '../../../shared/sim/scenarios/seed-job';
import { distributeWidths, layoutMemoryBar } from './bar-layout';
import { partsTotal } from './memory-parts';

const MIB = 1024 * 1024;
const seedPlan = planJob({ scenario: 'offheap-map-leak' });
const seed = seedPlan.memory;
const flinkDefault = deriveTaskManagerMemory(
  createFlinkConfig({ 'taskmanager.memory.process.size': '1728m' }),
);

describe('the derived breakdowns the bar draws', () => {
  it('add up to the process size in both examples', () => {
    expect(partsTotal(seed)).toBe(seed.totalProcessMemory);
    expect(partsTotal(flinkDefault)).toBe(1811939328);
    expect(flinkDefault.taskOffHeap).toBe(0);
  });
});

describe('layoutMemoryBar', () => {
  const layout = layoutMemoryBar(seed, seedPlan.containerLimitBytes, { width: 900 });

  it("lays Flink's components out in the memory model's order, edge to edge over the width", () => {
    expect(layout.segments.map((s) => s.part)).toEqual([
      'frameworkHeap',
      'taskHeap',
      'managed',
      'frameworkOffHeap',
      'taskOffHeap',
      'network',
      'jvmMetaspace',
      'jvmOverhead',
    ]);
    for (let i = 1; i < layout.segments.length; i++) {
      const previous = layout.segments[i - 1]!;
      expect(layout.segments[i]!.x).toBeCloseTo(previous.x + previous.width);
    }
    expect(layout.barWidth).toBe(900);
    expect(layout.process).toMatchObject({ x: 0 });
    expect(layout.process.width).toBeCloseTo(900);
  });

  it('widens the 128 MiB parts to the minimum and keeps the big ones in proportion', () => {
    const width = (part: string) => layout.segments.find((s) => s.part === part)!.width;
    expect(width('frameworkHeap')).toBe(52);
    expect(width('frameworkOffHeap')).toBe(52);
    expect(width('taskHeap') / width('managed')).toBeCloseTo(seed.taskHeap / seed.managed, 5);
    expect(width('taskHeap')).toBeGreaterThan(width('jvmOverhead'));
  });

  it('spans the direct limit over framework off-heap, task off-heap and network', () => {
    const direct = layout.segments.filter((s) => s.group === 'direct');
    expect(direct.map((s) => s.part)).toEqual(['frameworkOffHeap', 'taskOffHeap', 'network']);
    expect(layout.groups.direct.x).toBe(direct[0]!.x);
    expect(layout.groups.direct.width).toBeCloseTo(direct.reduce((sum, s) => sum + s.width, 0));
    expect(seed.frameworkOffHeap + seed.taskOffHeap + seed.network).toBe(seed.maxDirectMemory);
    expect(layout.totalFlink.width).toBeCloseTo(
      layout.groups.heap.width + layout.groups.managed.width + layout.groups.direct.width,
    );
  });

  it('labels what fits: name and size in the task heap, nothing in a zero-size part', () => {
    const taskHeap = layout.segments.find((s) => s.part === 'taskHeap')!;
    expect(taskHeap).toMatchObject({ name: 'Task heap', size: '2.6 GiB' });
    const defaults = layoutMemoryBar(flinkDefault, 1728 * MIB, { width: 900 });
    const taskOffHeap = defaults.segments.find((s) => s.part === 'taskOffHeap')!;
    expect(taskOffHeap).toMatchObject({ zero: true, width: 4, name: null, size: null });
  });

  it('puts the container limit at the end of the process when it is the process size', () => {
    expect(seedPlan.containerLimitBytes).toBe(seed.totalProcessMemory);
    expect(layout.containerX).toBeCloseTo(900);
  });

  it('shares a scale: a bar of half the bytes takes half the width', () => {
    const half = layoutMemoryBar(seed, seedPlan.containerLimitBytes, {
      width: 900,
      scaleBytes: 2 * seed.totalProcessMemory,
    });
    expect(half.barWidth).toBeCloseTo(450);
    expect(half.process.width).toBeCloseTo(450);
  });

  it('follows a config change: more task off-heap moves the direct limit up', () => {
    const config = withOverrides(createFlinkConfig(seedPlatformConfig()), {
      'taskmanager.memory.task.off-heap.size': '1536m',
    });
    const bigger = deriveTaskManagerMemory(config);
    expect(bigger.maxDirectMemory - seed.maxDirectMemory).toBe(1024 * MIB);
    const after = layoutMemoryBar(bigger, bigger.totalProcessMemory, { width: 900 });
    expect(after.groups.direct.width).toBeGreaterThan(layout.groups.direct.width);
  });
});

describe('distributeWidths', () => {
  it('falls back to plain proportions when the bar is too narrow for the minimums', () => {
    const widths = distributeWidths([1, 1, 1, 100], 100, 52, 4);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(100);
  });
});
