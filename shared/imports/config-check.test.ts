// Node's crypto stands in for the host's SHA-256, as the services hand it in.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FlinkConfigError } from '../sim/config/flink-config-error';
import { checkFlinkConfig, readConfigText } from './config-check';
import { diffFlinkConfigs } from './config-diff';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const MiB = 2 ** 20;

const FLAT = `# flink-conf.yaml of the seed job
taskmanager.memory.process.size: 1728m
taskmanager.numberOfTaskSlots: 2
env.java.opts.taskmanager: -XX:+UseG1GC -XX:+DisableExplicitGC
env.java.opts.jobmanager: -XX:+ExplicitGCInvokesConcurrent
`;

const NESTED = `taskmanager:
  memory:
    process:
      size: 1728m
    task:
      off-heap:
        size: 64m
env:
  java:
    opts:
      all: -XX:+DisableExplicitGC -XX:-DisableExplicitGC
`;

describe('checkFlinkConfig', () => {
  it('derives memory from a flat paste exactly as the simulator does and flags the GC flags per key', () => {
    const check = checkFlinkConfig({ text: FLAT }, sha256Hex);
    expect(check.dialect).toBe('legacy-flink-conf');
    expect(check.memory?.maxDirectMemory).toBe(268435458);
    expect(check.memory?.totalProcessMemory).toBe(1811939328);
    expect(check.contentSha256).toBe(sha256Hex(FLAT));
    const gc = check.findings.filter((f) => f.id.startsWith('explicit-gc'));
    expect(gc.map((f) => [f.id, f.keys[0], f.line])).toEqual([
      ['explicit-gc-disabled', 'env.java.opts.taskmanager', 4],
      ['explicit-gc-concurrent', 'env.java.opts.jobmanager', 5],
    ]);
    expect(gc[0]?.message).toMatch(/System\.gc\(\) does nothing/);
    expect(gc[1]?.message).toMatch(/jobmanager process only/);
  });

  it('reads a nested config.yaml, where the last flag wins', () => {
    const check = checkFlinkConfig({ text: NESTED }, sha256Hex);
    expect(check.dialect).toBe('standard-yaml');
    expect(check.config['taskmanager.memory.task.off-heap.size']).toBe('64m');
    expect(check.memory?.maxDirectMemory).toBe(268435458 + 64 * MiB);
    expect(check.findings).toEqual([]);
  });

  it('flags a direct-memory limit below the observed peak, and one near it', () => {
    const below = checkFlinkConfig({ text: FLAT, observedDirectPeakBytes: 300 * MiB }, sha256Hex);
    const finding = below.findings.find((f) => f.id === 'direct-limit-below-peak');
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toContain('-XX:MaxDirectMemorySize=268435458');
    expect(finding?.message).toContain('314572800 bytes');
    const near = checkFlinkConfig({ text: FLAT, observedDirectPeakBytes: 250 * MiB }, sha256Hex);
    expect(near.findings.map((f) => f.id)).toContain('direct-peak-near-limit');
    const fine = checkFlinkConfig({ text: FLAT, observedDirectPeakBytes: 100 * MiB }, sha256Hex);
    expect(fine.findings.map((f) => f.id)).not.toContain('direct-peak-near-limit');
  });

  it('flags a container smaller than the process, naming the line', () => {
    const check = checkFlinkConfig({ text: FLAT, containerBytes: 1536 * MiB }, sha256Hex);
    const finding = check.findings.find((f) => f.id === 'container-smaller-than-process');
    expect(finding?.line).toBe(2);
    expect(finding?.message).toMatch(
      /container \(1\.500gb.*1536 MiB\) is smaller than the TaskManager process/,
    );
    expect(
      checkFlinkConfig({ text: FLAT, containerBytes: 1728 * MiB }, sha256Hex).findings.map((f) => f.id),
    ).not.toContain('container-smaller-than-process');
  });

  it("reports Flink's own error when the memory cannot be derived, and still checks the rest", () => {
    const check = checkFlinkConfig(
      { text: 'taskmanager.memory.process.size: 100m\nenv.java.opts: -XX:+DisableExplicitGC\n' },
      sha256Hex,
    );
    expect(check.memory).toBeNull();
    expect(check.findings[0]?.message).toMatch(
      /^TaskManager memory configuration failed: Sum of configured JVM Metaspace/,
    );
    expect(check.findings[1]?.id).toBe('explicit-gc-disabled');
  });

  it('refuses unreadable YAML naming the file and line', () => {
    expect(() => readConfigText({ text: 'taskmanager:\n  memory: {\n', fileName: 'config.yaml' })).toThrow(
      FlinkConfigError,
    );
    expect(() => readConfigText({ text: 'a: 1\na: 2\n', fileName: 'config.yaml' })).toThrow(
      /config\.yaml line 2: duplicate key 'a'/,
    );
  });
});

describe('diffFlinkConfigs', () => {
  it('lists every changed key with its own effect on each memory component', () => {
    const lastGood =
      'taskmanager.memory.process.size: 1728m\ntaskmanager.memory.task.off-heap.size: 64m\nenv.java.opts: -XX:+UseG1GC\n';
    const current =
      'taskmanager.memory.process.size: 2g\nenv.java.opts: -XX:+UseG1GC -XX:+DisableExplicitGC\ntaskmanager.numberOfTaskSlots: 4\n';
    const diff = diffFlinkConfigs({ text: lastGood }, { text: current });
    expect(diff.keys.map((k) => [k.key, k.before, k.after])).toEqual([
      ['env.java.opts', '-XX:+UseG1GC', '-XX:+UseG1GC -XX:+DisableExplicitGC'],
      ['taskmanager.memory.process.size', '1728m', '2g'],
      ['taskmanager.memory.task.off-heap.size', '64m', null],
      ['taskmanager.numberOfTaskSlots', null, '4'],
    ]);
    const [javaOpts, process, offHeap] = diff.keys;
    expect(javaOpts?.effect.changes).toEqual([]);
    expect(process?.effect.changes.find((c) => c.component === 'totalProcessMemory')).toEqual({
      component: 'totalProcessMemory',
      beforeBytes: 1811939328,
      afterBytes: 2147483648,
    });
    expect(offHeap?.effect.changes.find((c) => c.component === 'maxDirectMemory')).toEqual({
      component: 'maxDirectMemory',
      beforeBytes: 268435458 + 64 * MiB,
      afterBytes: 268435458,
    });
    expect(diff.total.changes.map((c) => c.component)).toContain('taskHeap');
    expect(diff.before?.totalProcessMemory).toBe(1811939328);
    expect(diff.after?.totalProcessMemory).toBe(2147483648);
  });

  it("says which side Flink refuses, in Flink's words", () => {
    const diff = diffFlinkConfigs(
      { text: 'taskmanager.memory.process.size: 1728m\n' },
      { text: 'taskmanager.memory.process.size: 100m\n' },
    );
    expect(diff.total.error?.side).toBe('after');
    expect(diff.keys[0]?.effect.error?.message).toMatch(/^TaskManager memory configuration failed/);
    expect(diff.after).toBeNull();
  });
});
