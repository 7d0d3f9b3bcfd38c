import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFlinkMemoryArgs, UsageError } from './flink-memory';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const workDir = mkdtempSync(join(tmpdir(), 'peel-flink-memory-'));

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// tsx starts with `#!/usr/bin/env node`: put this test's Node (the project's 22) first on PATH.
function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(tsx, ['electron/cli/flink-memory.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeConfig(name: string, text: string): string {
  const dir = mkdtempSync(join(workDir, 'conf-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const SIZE_KEYS = [
  'frameworkHeap',
  'taskHeap',
  'managed',
  'frameworkOffHeap',
  'taskOffHeap',
  'network',
  'jvmMetaspace',
  'jvmOverhead',
  'totalFlinkMemory',
  'totalProcessMemory',
  'jvmHeap',
  'maxDirectMemory',
];

describe('flink-memory CLI', () => {
  it('prints the breakdown of a nested config.yaml as JSON, sizes first, in bytes', {
    timeout: 30_000,
  }, () => {
    const path = writeConfig('config.yaml', 'taskmanager:\n  memory:\n    process:\n      size: 1728m\n');
    const result = run(['--config', path, '--json']);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(json).slice(0, SIZE_KEYS.length)).toEqual(SIZE_KEYS);
    // Reference a.6, the shipped default.
    expect(json).toMatchObject({
      frameworkHeap: 134217728,
      taskHeap: 402653174,
      managed: 536870920,
      frameworkOffHeap: 134217728,
      taskOffHeap: 0,
      network: 134217730,
      jvmMetaspace: 268435456,
      jvmOverhead: 201326592,
      totalFlinkMemory: 1342177280,
      totalProcessMemory: 1811939328,
      jvmHeap: 536870902,
      maxDirectMemory: 268435458,
    });
  });

  it('applies --set over a legacy flink-conf.yaml, an override beating the file', { timeout: 30_000 }, () => {
    const path = writeConfig(
      'flink-conf.yaml',
      'taskmanager.memory.process.size: 4g # comment\nbroken line\n',
    );
    const result = run([
      '--config',
      path,
      '--set',
      'taskmanager.memory.process.size=1728m',
      '--set=env.java.opts=',
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Total Process Memory:          1.688gb (1811939328 bytes)');
    expect(result.stdout).toContain(
      'JVM arguments: -Xmx536870902 -Xms536870902 -XX:MaxDirectMemorySize=268435458 -XX:MaxMetaspaceSize=268435456',
    );
    expect(result.stderr).toContain('flink-conf.yaml:2');
  });

  it("exits 2 with Flink's message for a bad configuration", { timeout: 30_000 }, () => {
    const path = writeConfig('config.yaml', 'taskmanager.memory.process.size: 300m\n');
    const result = run(['--config', path, '--json']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'TaskManager memory configuration failed: Sum of configured JVM Metaspace (256.000mb (268435456 bytes)) and JVM Overhead (192.000mb (201326592 bytes)) exceed configured Total Process Memory (300.000mb (314572800 bytes)).',
    );
  });

  it('exits 2 with E1 when no memory is configured at all', { timeout: 30_000 }, () => {
    const result = run([]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'TaskManager memory configuration failed: Either required fine-grained memory',
    );
  });

  it('exits 2 naming the argument for a missing file, a malformed --set or an unknown flag', {
    timeout: 30_000,
  }, () => {
    const missing = run(['--config', join(workDir, 'nope', 'config.yaml')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--config');
    expect(missing.stderr).toContain('cannot read the file');
    const badSet = run(['--set', 'taskmanager.memory.process.size']);
    expect(badSet.status).toBe(2);
    expect(badSet.stderr).toContain("--set 'taskmanager.memory.process.size' is not key=value");
    const unknown = run(['--verbose']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown argument '--verbose'");
  });

  it('exits 2 naming the line of a broken config.yaml', { timeout: 30_000 }, () => {
    const path = writeConfig('config.yaml', 'a: 1\na: 2\n');
    const result = run(['--config', path]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('line 2');
  });
});

describe('parseFlinkMemoryArgs', () => {
  it('reads flags in both --flag value and --flag=value forms, --set values may be empty', () => {
    expect(
      parseFlinkMemoryArgs(['--config=conf/config.yaml', '--set', 'a=b=c', '--set=env.java.opts=', '--json']),
    ).toEqual({
      configPath: 'conf/config.yaml',
      overrides: { a: 'b=c', 'env.java.opts': '' },
      json: true,
    });
  });

  it('rejects a flag without its value, an empty key and a repeated --config', () => {
    expect(() => parseFlinkMemoryArgs(['--config'])).toThrow(new UsageError('--config needs a value'));
    expect(() => parseFlinkMemoryArgs(['--set', '=1g'])).toThrow(UsageError);
    expect(() => parseFlinkMemoryArgs(['--config', 'a', '--config', 'b'])).toThrow('--config given twice');
    expect(() => parseFlinkMemoryArgs(['--json=yes'])).toThrow("unknown argument '--json=yes'");
  });
});
