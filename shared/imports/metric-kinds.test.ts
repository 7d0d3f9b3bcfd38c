import { describe, expect, it } from 'vitest';
import { recogniseMetric, taskManagerOf } from './metric-kinds';

describe('recogniseMetric', () => {
  it.each([
    ['Status.JVM.Memory.Direct.MemoryUsed', {}, 'direct-used'],
    [
      '10.0.0.7.taskmanager.container_e05_1700000000000_0042_01_000002.Status.JVM.Memory.Direct.TotalCapacity',
      {},
      'direct-capacity',
    ],
    ['flink_taskmanager_Status_JVM_Memory_Direct_Count', {}, 'direct-count'],
    ['flink_taskmanager_Status_JVM_Memory_Heap_Used', {}, 'heap-used'],
    ['flink_taskmanager_Status_JVM_Memory_NonHeap_Used', {}, 'non-heap-used'],
    ['flink_taskmanager_Status_JVM_Memory_Mapped_MemoryUsed', {}, 'mapped-used'],
    ['flink_taskmanager_Status_Shuffle_Netty_UsedMemory', {}, 'network-used'],
    ['flink_taskmanager_Status_JVM_GarbageCollector_G1_Old_Generation_Time', {}, 'gc-time'],
    ['flink_jobmanager_job_numRestarts', {}, 'restarts'],
    ['flink_jobmanager_job_uptime', {}, 'uptime'],
    ['jvm_buffer_pool_used_bytes', { pool: 'direct' }, 'direct-used'],
    ['jvm_memory_used_bytes', { area: 'heap' }, 'heap-used'],
    ['process_resident_memory_bytes', {}, 'resident'],
    ['Process.ResidentMemory', {}, 'resident'],
  ])('%s is %s', (name, labels, kind) => {
    expect(recogniseMetric(name, labels)?.kind).toBe(kind);
  });

  it('names the collector of GC metrics in both spellings', () => {
    expect(recogniseMetric('Status.JVM.GarbageCollector.G1 Young Generation.Count')?.collector).toBe(
      'G1 Young Generation',
    );
    expect(
      recogniseMetric('flink_taskmanager_Status_JVM_GarbageCollector_G1_Young_Generation_Count')?.flinkName,
    ).toBe('Status.JVM.GarbageCollector.G1 Young Generation.Count');
  });

  it('knows nothing of other metrics', () => {
    expect(recogniseMetric('http_requests_total')).toBeNull();
    expect(recogniseMetric('jvm_buffer_pool_used_bytes', { pool: 'other' })).toBeNull();
    expect(recogniseMetric('tm-1 direct')).toBeNull();
  });
});

describe('taskManagerOf', () => {
  it('reads tm_id, then the dotted scope, then the scrape target', () => {
    expect(taskManagerOf('x', { tm_id: 'tm-9', instance: 'h:1' })).toBe('tm-9');
    expect(taskManagerOf('10.0.0.7.taskmanager.container_1.Status.JVM.Memory.Heap.Used')).toBe('container_1');
    expect(taskManagerOf('jvm_buffer_pool_used_bytes', { instance: '127.0.0.1:9404' })).toBe(
      '127.0.0.1:9404',
    );
    expect(taskManagerOf('Status.JVM.Memory.Heap.Used')).toBeNull();
  });
});
