import { describe, expect, it } from 'vitest';
import { planJob } from '../../../shared/sim/engine/job-plan';
import { changedParts, diffMemory } from './memory-diff';

const before = planJob({ scenario: 'offheap-map-leak' });
// The seed's band-aid: task off-heap 512m -> 1.5g (network stays 0.1 of total Flink).
const after = planJob({
  scenario: 'offheap-map-leak',
  configOverrides: { 'taskmanager.memory.task.off-heap.size': '1536m' },
});

describe('diffMemory', () => {
  it('leads with the direct limit and says by how much it moved', () => {
    const changes = diffMemory(before, after);
    expect(changes[0]).toMatchObject({
      id: 'maxDirectMemory',
      before: '1.14 GiB',
      after: '2.14 GiB',
      delta: '+1 GiB',
      emphasis: true,
    });
  });

  it('shows the heap paying for it, and leaves out what did not change', () => {
    const changes = diffMemory(before, after);
    const ids = changes.map((c) => c.id);
    expect(ids).toContain('taskHeap');
    expect(ids).toContain('jvmHeap');
    expect(ids).not.toContain('network');
    expect(ids).not.toContain('totalProcessMemory');
    expect(changes.find((c) => c.id === 'taskHeap')?.delta).toBe('-1 GiB');
  });

  it('counts network buffers and follows a bigger container', () => {
    const bigger = planJob({
      scenario: 'offheap-map-leak',
      configOverrides: { 'taskmanager.memory.process.size': '8g' },
    });
    const changes = diffMemory(before, bigger);
    expect(changes.find((c) => c.id === 'networkBuffers')?.delta).toMatch(/^\+\d+$/);
    expect(changes.find((c) => c.id === 'containerLimitBytes')).toMatchObject({
      before: '6 GiB',
      after: '8 GiB',
    });
  });

  it('is empty for the same configuration', () => {
    expect(diffMemory(before, before)).toEqual([]);
  });
});

describe('changedParts', () => {
  it('names the components whose size differs', () => {
    expect([...changedParts(before.memory, after.memory)].sort()).toEqual(['taskHeap', 'taskOffHeap']);
  });
});
