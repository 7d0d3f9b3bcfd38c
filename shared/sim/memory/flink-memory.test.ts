import { describe, expect, it } from 'vitest';
import { createFlinkConfig } from '../config/flink-config';
import { describeConfigError, FlinkConfigError } from '../config/flink-config-error';
import { deriveTaskManagerMemory, logTaskExecutorConfiguration, type MemoryBreakdown } from './flink-memory';

const MB = 1024 * 1024;
const PREFIX = 'TaskManager memory configuration failed: ';

function derive(settings: Record<string, string>): MemoryBreakdown {
  return deriveTaskManagerMemory(createFlinkConfig(settings));
}

function failure(settings: Record<string, string>): FlinkConfigError {
  try {
    derive(settings);
  } catch (error) {
    if (error instanceof FlinkConfigError) return error;
    throw error;
  }
  throw new Error('expected the derivation to fail');
}

describe('the shipped default, taskmanager.memory.process.size: 1728m (reference a.6)', () => {
  const b = derive({ 'taskmanager.memory.process.size': '1728m' });

  it('reproduces every component to the byte', () => {
    expect(b).toMatchObject({
      totalProcessMemory: 1811939328,
      jvmOverhead: 201326592,
      jvmMetaspace: 268435456,
      totalFlinkMemory: 1342177280,
      managed: 536870920,
      network: 134217730,
      frameworkHeap: 134217728,
      frameworkOffHeap: 134217728,
      taskOffHeap: 0,
      taskHeap: 402653174,
      jvmHeap: 536870902,
      maxDirectMemory: 268435458,
      mode: 'total-process',
    });
  });

  it('writes the JVM arguments Flink starts the TaskManager with', () => {
    expect(b.jvmArgs).toBe(
      '-Xmx536870902 -Xms536870902 -XX:MaxDirectMemorySize=268435458 -XX:MaxMetaspaceSize=268435456',
    );
  });

  it('gives the network pool 4096 buffers of 32kb', () => {
    expect(b.segmentSize).toBe(32768);
    expect(b.networkBuffers).toBe(4096);
  });

  it('logs the block BashJavaUtils prints', () => {
    expect(logTaskExecutorConfiguration(b)).toBe(
      [
        'Final TaskExecutor Memory configuration:',
        '  Total Process Memory:          1.688gb (1811939328 bytes)',
        '    Total Flink Memory:          1.250gb (1342177280 bytes)',
        '      Total JVM Heap Memory:     512.000mb (536870902 bytes)',
        '        Framework:               128.000mb (134217728 bytes)',
        '        Task:                    384.000mb (402653174 bytes)',
        '      Total Off-heap Memory:     768.000mb (805306378 bytes)',
        '        Managed:                 512.000mb (536870920 bytes)',
        '        Total JVM Direct Memory: 256.000mb (268435458 bytes)',
        '          Framework:             128.000mb (134217728 bytes)',
        '          Task:                  0 bytes',
        '          Network:               128.000mb (134217730 bytes)',
        '    JVM Metaspace:               256.000mb (268435456 bytes)',
        '    JVM Overhead:                192.000mb (201326592 bytes)',
      ].join('\n'),
    );
  });

  it('says where each part came from, for the memory bar', () => {
    expect(b.sources.taskHeap.how).toBe('rest of total Flink memory');
    expect(b.sources.network.how).toBe('0.1 × total Flink, capped to [64m, ∞)');
    expect(b.sources.jvmOverhead).toMatchObject({
      how: '0.1 × total process, capped to [192m, 1g]',
      capped: 'min',
    });
    expect(b.sources.frameworkHeap.how).toBe('default 128m');
    expect(b.sources.totalProcessMemory.settings).toEqual([
      { key: 'taskmanager.memory.process.size', value: '1728m', isDefault: false },
    ]);
    expect(b.notes[0]).toBe(
      'The derived from fraction jvm overhead memory (172.800mb (181193935 bytes)) is less than its min value 192.000mb (201326592 bytes), min value will be used instead',
    );
  });
});

describe('total process memory', () => {
  it('matches a real TaskManager log for process.size 2g', () => {
    // From a Flink TaskManager log ("Final TaskExecutor Memory configuration", process.size: 2g).
    const b = derive({ 'taskmanager.memory.process.size': '2g' });
    expect(logTaskExecutorConfiguration(b).split('\n').slice(1)).toEqual([
      '  Total Process Memory:          2.000gb (2147483648 bytes)',
      '    Total Flink Memory:          1.550gb (1664299824 bytes)',
      '      Total JVM Heap Memory:     665.600mb (697932173 bytes)',
      '        Framework:               128.000mb (134217728 bytes)',
      '        Task:                    537.600mb (563714445 bytes)',
      '      Total Off-heap Memory:     921.600mb (966367651 bytes)',
      '        Managed:                 634.880mb (665719939 bytes)',
      '        Total JVM Direct Memory: 286.720mb (300647712 bytes)',
      '          Framework:             128.000mb (134217728 bytes)',
      '          Task:                  0 bytes',
      '          Network:               158.720mb (166429984 bytes)',
      '    JVM Metaspace:               256.000mb (268435456 bytes)',
      '    JVM Overhead:                204.800mb (214748368 bytes)',
    ]);
  });

  it('takes JVM overhead from its fraction when it lies in range (mem_setup.md, first example)', () => {
    // 1000m × 0.1f = 104857601.56..., inside [64m, 128m].
    const b = derive({
      'taskmanager.memory.process.size': '1000m',
      'taskmanager.memory.jvm-overhead.min': '64m',
      'taskmanager.memory.jvm-overhead.max': '128m',
      'taskmanager.memory.jvm-overhead.fraction': '0.1',
    });
    expect(b.jvmOverhead).toBe(104857601);
    expect(b.sources.jvmOverhead.capped).toBeUndefined();
    expect(b.totalFlinkMemory).toBe(1000 * MB - 256 * MB - 104857601);
  });

  it('caps JVM overhead to its min (mem_setup.md, second example)', () => {
    const b = derive({
      'taskmanager.memory.process.size': '1000m',
      'taskmanager.memory.jvm-overhead.min': '128m',
      'taskmanager.memory.jvm-overhead.max': '256m',
      'taskmanager.memory.jvm-overhead.fraction': '0.1',
    });
    expect(b.jvmOverhead).toBe(128 * MB);
    expect(b.sources.jvmOverhead.capped).toBe('min');
  });

  it('fails with E5 for the docs-vs-code case: network, not overhead, is the rest (reference a.4)', () => {
    const error = failure({
      'taskmanager.memory.process.size': '1000m',
      'taskmanager.memory.task.heap.size': '100m',
      'taskmanager.memory.jvm-overhead.min': '64m',
      'taskmanager.memory.jvm-overhead.max': '256m',
      'taskmanager.memory.jvm-overhead.fraction': '0.1',
    });
    expect(error.message).toBe(
      `${PREFIX}If Total Flink, Task Heap and (or) Managed Memory sizes are explicitly configured then the Network Memory size is the rest of the Total Flink memory after subtracting all other configured types of memory, but the derived Network Memory is inconsistent with its configuration.`,
    );
    // 1000m − 256m − 100m (overhead) = 644m; 644m − 128m − 128m − 100m − 0.4f × 644m = 30.4m < 64m.
    expect(describeConfigError(error).split('\n')[1]).toBe(
      'Caused by: Derived Network Memory size (30.400mb (31876706 bytes)) is not in configured Network Memory range [64.000mb (67108864 bytes), 8388608.000tb (9223372036854775807 bytes)].',
    );
    expect(error.keys).toContain('taskmanager.memory.network.min');
  });

  it('makes network the rest when task heap is set, if it fits the range', () => {
    const b = derive({ 'taskmanager.memory.process.size': '4g', 'taskmanager.memory.task.heap.size': '1g' });
    expect(b.network).toBe(b.totalFlinkMemory - 128 * MB - 128 * MB - 1024 * MB - b.managed);
    expect(b.sources.network.how).toBe('rest of total Flink memory, must lie in [64m, ∞)');
    expect(b.taskHeap).toBe(1024 * MB);
  });
});

describe('total Flink memory', () => {
  it('with flink.size 1280m only, gives the same parts as the 1728m default', () => {
    // Overhead = (1280m + 256m) × 0.1f/(1 − 0.1f) = 178956973 < 192m → 192m, so process = 1728m.
    const b = derive({ 'taskmanager.memory.flink.size': '1280m' });
    expect(b).toMatchObject({
      mode: 'total-flink',
      totalProcessMemory: 1811939328,
      jvmOverhead: 201326592,
      managed: 536870920,
      network: 134217730,
      taskHeap: 402653174,
    });
    expect(b.sources.totalProcessMemory.how).toBe('total Flink + JVM metaspace + JVM overhead');
  });

  it('raises network to its min when the fraction falls below it', () => {
    // 600m × 0.1f = 62914560 < 64m; managed 600m × 0.4f = 251658243.75 → 251658243.
    const b = derive({ 'taskmanager.memory.flink.size': '600m' });
    expect(b.network).toBe(64 * MB);
    expect(b.sources.network.capped).toBe('min');
    expect(b.managed).toBe(251658243);
    expect(b.taskHeap).toBe(600 * MB - 2 * 128 * MB - 251658243 - 64 * MB);
  });

  it('lowers network to its max when the fraction exceeds it', () => {
    const b = derive({ 'taskmanager.memory.flink.size': '10g', 'taskmanager.memory.network.max': '512m' });
    expect(b.network).toBe(512 * MB);
    expect(b.sources.network.capped).toBe('max');
    expect(b.sources.network.how).toBe('0.1 × total Flink, capped to [64m, 512m]');
    expect(b.networkBuffers).toBe(16384);
  });

  it('takes JVM overhead as the rest when process.size is set too', () => {
    const b = derive({ 'taskmanager.memory.flink.size': '1536m', 'taskmanager.memory.process.size': '2g' });
    expect(b.jvmOverhead).toBe(2048 * MB - 1536 * MB - 256 * MB);
    expect(b.sources.jvmOverhead.how).toBe('rest of total process memory, must lie in [192m, 1g]');
  });
});

describe('fine-grained task heap + managed', () => {
  it('derives network with the inverse fraction and the totals from the parts', () => {
    // S = 128m + 128m + 512m + 0 + 512m = 1280m; network = S × (0.1f / (1 − 0.1f)) = S × 0.11111111295076065
    // = 149130811.7... → 149130811; overhead = (S + network + 256m) × the same ratio = 195527064 → 192m.
    const b = derive({
      'taskmanager.memory.task.heap.size': '512m',
      'taskmanager.memory.managed.size': '512m',
    });
    expect(b.mode).toBe('fine-grained');
    expect(b.network).toBe(149130811);
    expect(b.totalFlinkMemory).toBe(1280 * MB + 149130811);
    expect(b.jvmOverhead).toBe(192 * MB);
    expect(b.totalProcessMemory).toBe(1280 * MB + 149130811 + 256 * MB + 192 * MB);
    expect(b.sources.network.how).toBe('0.1/(1 − 0.1) × the other Flink components, capped to [64m, ∞)');
  });

  it('makes network the rest of flink.size when that is set too', () => {
    const b = derive({
      'taskmanager.memory.task.heap.size': '512m',
      'taskmanager.memory.managed.size': '512m',
      'taskmanager.memory.flink.size': '1408m',
    });
    expect(b.network).toBe(128 * MB);
    expect(b.mode).toBe('fine-grained');
  });

  it('needs both keys: task heap alone with process.size is the total-process mode', () => {
    expect(
      derive({ 'taskmanager.memory.managed.size': '100m', 'taskmanager.memory.process.size': '1728m' }),
    ).toMatchObject({ mode: 'total-process', managed: 100 * MB });
  });
});

describe('deprecated keys', () => {
  it('reads taskmanager.memory.size as the managed size, and the current key wins over it', () => {
    const old = derive({ 'taskmanager.memory.process.size': '1728m', 'taskmanager.memory.size': '300m' });
    expect(old.managed).toBe(300 * MB);
    expect(old.sources.managed.settings).toEqual([
      { key: 'taskmanager.memory.size', value: '300m', isDefault: false },
    ]);
    const both = derive({
      'taskmanager.memory.process.size': '1728m',
      'taskmanager.memory.size': '300m',
      'taskmanager.memory.managed.size': '200m',
    });
    expect(both.managed).toBe(200 * MB);
  });

  it('reads taskmanager.network.memory.* for network, and the current keys win', () => {
    // 1280m × 0.2f = 268435460.0...
    const old = derive({
      'taskmanager.memory.process.size': '1728m',
      'taskmanager.network.memory.fraction': '0.2',
    });
    expect(old.network).toBe(268435460);
    const capped = derive({
      'taskmanager.memory.process.size': '1728m',
      'taskmanager.network.memory.max': '100m',
      'taskmanager.memory.network.max': '110m',
    });
    expect(capped.network).toBe(110 * MB);
  });

  it('counts a deprecated managed size for the fine-grained mode, as Configuration.contains does', () => {
    expect(
      derive({ 'taskmanager.memory.task.heap.size': '512m', 'taskmanager.memory.size': '512m' }).mode,
    ).toBe('fine-grained');
  });
});

describe("errors E1-E9, with Flink's texts", () => {
  it('E1: no memory configured', () => {
    const error = failure({ 'taskmanager.memory.task.heap.size': '1g' });
    expect(error.message).toBe(
      `${PREFIX}Either required fine-grained memory (taskmanager.memory.task.heap.size and taskmanager.memory.managed.size), or Total Flink Memory size (Key: 'taskmanager.memory.flink.size' , default: null (fallback keys: [])), or Total Process Memory size (Key: 'taskmanager.memory.process.size' , default: null (fallback keys: [])) need to be configured explicitly.`,
    );
    expect(error.keys).toContain('taskmanager.memory.process.size');
  });

  it('E2: min above max, or a fraction outside [0, 1)', () => {
    expect(
      failure({
        'taskmanager.memory.process.size': '1728m',
        'taskmanager.memory.network.min': '1g',
        'taskmanager.memory.network.max': '512m',
      }).message,
    ).toBe(
      `${PREFIX}Inconsistently configured Key: 'taskmanager.memory.network.fraction' , default: 0.1 (fallback keys: [{key=taskmanager.network.memory.fraction, isDeprecated=true}]) (0.10000000149011612) and its min (1024.000mb (1073741824 bytes)), max (512.000mb (536870912 bytes)) value`,
    );
    expect(
      failure({ 'taskmanager.memory.process.size': '1728m', 'taskmanager.memory.jvm-overhead.fraction': '1' })
        .message,
    ).toBe(
      `${PREFIX}Inconsistently configured Key: 'taskmanager.memory.jvm-overhead.fraction' , default: 0.1 (fallback keys: []) (1.0) and its min (192.000mb (201326592 bytes)), max (1024.000mb (1073741824 bytes)) value`,
    );
    const managed = failure({
      'taskmanager.memory.flink.size': '1g',
      'taskmanager.memory.managed.fraction': '-0.1',
    });
    expect(managed.message).toBe(
      `${PREFIX}Inconsistently configured Key: 'taskmanager.memory.managed.fraction' , default: 0.4 (fallback keys: []) (-0.10000000149011612) and its min (0 bytes), max (8388608.000tb (9223372036854775807 bytes)) value`,
    );
    expect(managed.keys).toEqual(['taskmanager.memory.managed.fraction']);
  });

  it('E3: the fixed parts exceed total Flink memory', () => {
    expect(
      failure({
        'taskmanager.memory.task.heap.size': '1g',
        'taskmanager.memory.managed.size': '1g',
        'taskmanager.memory.flink.size': '1g',
      }).message,
    ).toBe(
      `${PREFIX}Sum of configured Framework Heap Memory (128.000mb (134217728 bytes)), Framework Off-Heap Memory (128.000mb (134217728 bytes)), Task Heap Memory (1024.000mb (1073741824 bytes)), Task Off-Heap Memory (0 bytes) and Managed Memory (1024.000mb (1073741824 bytes)) exceed configured Total Flink Memory (1024.000mb (1073741824 bytes)).`,
    );
  });

  it('E4: the parts exceed total Flink memory when task heap is the rest', () => {
    // 200m: managed 0.4f × 200m = 83886081, network raised to 64m.
    expect(failure({ 'taskmanager.memory.flink.size': '200m' }).message).toBe(
      `${PREFIX}Sum of configured Framework Heap Memory (128.000mb (134217728 bytes)), Framework Off-Heap Memory (128.000mb (134217728 bytes)), Task Off-Heap Memory (0 bytes), Managed Memory (80.000mb (83886081 bytes)) and Network Memory (64.000mb (67108864 bytes)) exceed configured Total Flink Memory (200.000mb (209715200 bytes)).`,
    );
  });

  it('E5: a rest network above its max', () => {
    // 2g − 128m − 128m − 100m − 100m = 1592m of network, above the 1g max.
    const error = failure({
      'taskmanager.memory.flink.size': '2g',
      'taskmanager.memory.task.heap.size': '100m',
      'taskmanager.memory.managed.size': '100m',
      'taskmanager.memory.network.max': '1g',
    });
    expect(error.message).toContain(`${PREFIX}If Total Flink, Task Heap and (or) Managed Memory sizes`);
    expect(describeConfigError(error)).toContain(
      'Caused by: Derived Network Memory size (1.555gb (1669332992 bytes)) is not in configured Network Memory range [64.000mb (67108864 bytes), 1024.000mb (1073741824 bytes)].',
    );
  });

  it('E6: process smaller than total Flink + metaspace', () => {
    expect(
      failure({ 'taskmanager.memory.flink.size': '1g', 'taskmanager.memory.process.size': '1g' }).message,
    ).toBe(
      `${PREFIX}The configured Total Process Memory size (1024.000mb (1073741824 bytes)) is less than the sum of the derived Total Flink Memory size (1024.000mb (1073741824 bytes)) and the configured or default JVM Metaspace size  (256.000mb (268435456 bytes)).`,
    );
  });

  it('E7: a rest JVM overhead outside its range', () => {
    expect(
      failure({
        'taskmanager.memory.flink.size': '1g',
        'taskmanager.memory.process.size': `${1024 + 256 + 100}m`,
      }).message,
    ).toBe(
      `${PREFIX}Derived JVM Overhead size (100.000mb (104857600 bytes)) is not in configured JVM Overhead range [192.000mb (201326592 bytes), 1024.000mb (1073741824 bytes)].`,
    );
  });

  it('E8: metaspace + overhead larger than the process', () => {
    expect(failure({ 'taskmanager.memory.process.size': '300m' }).message).toBe(
      `${PREFIX}Sum of configured JVM Metaspace (256.000mb (268435456 bytes)) and JVM Overhead (192.000mb (201326592 bytes)) exceed configured Total Process Memory (300.000mb (314572800 bytes)).`,
    );
  });

  it('E9: an unreadable size, with the parse failure as its cause', () => {
    const error = failure({ 'taskmanager.memory.process.size': '1.5g' });
    expect(describeConfigError(error).split('\n')).toEqual([
      `${PREFIX}Cannot read memory size from config option 'taskmanager.memory.process.size'.`,
      "Caused by: Could not parse value '1.5g' for key 'taskmanager.memory.process.size'.",
      "Caused by: Memory size unit '.5g' does not match any of the recognized units: (b | bytes) / (k | kb | kibibytes) / (m | mb | mebibytes) / (g | gb | gibibytes) / (t | tb | tebibytes)",
    ]);
    expect(error.keys).toEqual(['taskmanager.memory.process.size']);
    const deprecated = failure({
      'taskmanager.memory.process.size': '1728m',
      'taskmanager.memory.size': '-1m',
    });
    expect(deprecated.message).toBe(
      `${PREFIX}Cannot read memory size from config option 'taskmanager.memory.managed.size'.`,
    );
    expect(deprecated.keys).toEqual(['taskmanager.memory.managed.size', 'taskmanager.memory.size']);
  });

  it("an unparseable fraction is Flink's plain parse error, without the prefix", () => {
    const error = failure({
      'taskmanager.memory.process.size': '1728m',
      'taskmanager.memory.managed.fraction': 'half',
    });
    expect(error.message).toBe("Could not parse value 'half' for key 'taskmanager.memory.managed.fraction'.");
  });

  it('rejects a segment size that is not a power of two', () => {
    expect(
      failure({ 'taskmanager.memory.process.size': '1728m', 'taskmanager.memory.segment-size': '5000' })
        .message,
    ).toBe(
      'Invalid configuration value for taskmanager.memory.segment-size : 5000 - Memory segment size must be a power of 2.',
    );
  });
});
