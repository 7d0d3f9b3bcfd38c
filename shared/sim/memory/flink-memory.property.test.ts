import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFlinkConfig } from '../config/flink-config';
import { FlinkConfigError } from '../config/flink-config-error';
import { deriveTaskManagerMemory, type MemoryBreakdown } from './flink-memory';

const MB = 1024 * 1024;

// Optional settings around a required size; ranges are wide enough to hit caps and failures both.
const extras = fc.record(
  {
    'taskmanager.memory.network.fraction': fc.double({ min: 0, max: 0.6, noNaN: true }).map(String),
    'taskmanager.memory.managed.fraction': fc.double({ min: 0, max: 0.6, noNaN: true }).map(String),
    'taskmanager.memory.jvm-overhead.fraction': fc.double({ min: 0, max: 0.4, noNaN: true }).map(String),
    'taskmanager.memory.network.min': fc.integer({ min: 0, max: 256 * MB }).map(String),
    'taskmanager.memory.network.max': fc.integer({ min: 256 * MB, max: 8 * 1024 * MB }).map(String),
    'taskmanager.memory.jvm-overhead.min': fc.integer({ min: 0, max: 256 * MB }).map(String),
    'taskmanager.memory.jvm-overhead.max': fc.integer({ min: 256 * MB, max: 2048 * MB }).map(String),
    'taskmanager.memory.task.off-heap.size': fc.integer({ min: 0, max: 2048 }).map((mb) => `${mb}m`),
    'taskmanager.memory.framework.off-heap.size': fc.integer({ min: 0, max: 512 }).map((mb) => `${mb}m`),
    'taskmanager.memory.jvm-metaspace.size': fc.integer({ min: 32, max: 512 }).map((mb) => `${mb}m`),
  },
  { requiredKeys: [] },
);

function deriveOrSkip(settings: Record<string, string>): MemoryBreakdown | null {
  try {
    return deriveTaskManagerMemory(createFlinkConfig(settings));
  } catch (error) {
    // Invalid combinations must fail with Flink's error type, never anything else.
    expect(error).toBeInstanceOf(FlinkConfigError);
    return null;
  }
}

function expectConsistent(b: MemoryBreakdown): void {
  const flinkParts = [b.frameworkHeap, b.taskHeap, b.managed, b.frameworkOffHeap, b.taskOffHeap, b.network];
  for (const part of [...flinkParts, b.jvmMetaspace, b.jvmOverhead]) {
    expect(Number.isSafeInteger(part) && part >= 0).toBe(true);
  }
  expect(b.totalFlinkMemory).toBe(flinkParts.reduce((sum, part) => sum + part, 0));
  expect(b.totalProcessMemory).toBe(b.totalFlinkMemory + b.jvmMetaspace + b.jvmOverhead);
  expect(b.maxDirectMemory).toBe(b.frameworkOffHeap + b.taskOffHeap + b.network);
  expect(b.jvmHeap).toBe(b.frameworkHeap + b.taskHeap);
  expect(b.networkBuffers).toBe(Math.floor(b.network / b.segmentSize));
  expect(b.jvmArgs).toBe(
    `-Xmx${b.jvmHeap} -Xms${b.jvmHeap} -XX:MaxDirectMemorySize=${b.maxDirectMemory} -XX:MaxMetaspaceSize=${b.jvmMetaspace}`,
  );
}

function inRange(
  value: number,
  settings: Record<string, string>,
  minKey: string,
  maxKey: string,
  min: number,
  max: number,
) {
  const low = settings[minKey] === undefined ? min : Number(settings[minKey]);
  const high = settings[maxKey] === undefined ? max : Number(settings[maxKey]);
  expect(value).toBeGreaterThanOrEqual(low);
  expect(value).toBeLessThanOrEqual(high);
}

describe('TaskManager memory derivation, for random valid configurations', () => {
  it('process.size: parts sum to the totals exactly and the process is what was configured', () => {
    let derived = 0;
    fc.assert(
      fc.property(fc.integer({ min: 512 * MB, max: 256 * 1024 * MB }), extras, (processBytes, more) => {
        const settings = { ...more, 'taskmanager.memory.process.size': String(processBytes) };
        const b = deriveOrSkip(settings);
        if (b === null) return;
        derived++;
        expectConsistent(b);
        expect(b.totalProcessMemory).toBe(processBytes);
        inRange(
          b.network,
          settings,
          'taskmanager.memory.network.min',
          'taskmanager.memory.network.max',
          64 * MB,
          Number.MAX_SAFE_INTEGER,
        );
        inRange(
          b.jvmOverhead,
          settings,
          'taskmanager.memory.jvm-overhead.min',
          'taskmanager.memory.jvm-overhead.max',
          192 * MB,
          1024 * MB,
        );
      }),
      { numRuns: 400 },
    );
    // Guard against a property that passes only because every case was skipped.
    expect(derived).toBeGreaterThan(100);
  });

  it('flink.size and fine-grained configs: parts sum to the totals exactly', () => {
    let derived = 0;
    const sizes = fc.oneof(
      fc.record({
        'taskmanager.memory.flink.size': fc.integer({ min: 256 * MB, max: 128 * 1024 * MB }).map(String),
      }),
      fc.record({
        'taskmanager.memory.task.heap.size': fc.integer({ min: 0, max: 32 * 1024 }).map((mb) => `${mb}m`),
        'taskmanager.memory.managed.size': fc.integer({ min: 0, max: 32 * 1024 }).map((mb) => `${mb}m`),
      }),
    );
    fc.assert(
      fc.property(sizes, extras, (required, more) => {
        const b = deriveOrSkip({ ...more, ...required });
        if (b === null) return;
        derived++;
        expectConsistent(b);
        const flinkSize = (required as Record<string, string>)['taskmanager.memory.flink.size'];
        if (flinkSize !== undefined) expect(b.totalFlinkMemory).toBe(Number(flinkSize));
      }),
      { numRuns: 400 },
    );
    expect(derived).toBeGreaterThan(100);
  });
});
