import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function sim(...args: string[]) {
  const result = spawnSync('node_modules/.bin/tsx', ['electron/cli/sim.ts', ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('sim CLI', () => {
  it('--list --json prints every scenario with its operators, fixes and variants', () => {
    const { status, stdout } = sim('--list', '--json');
    expect(status).toBe(0);
    const list = JSON.parse(stdout) as Array<{
      id: string;
      title: string;
      operators: Array<{ id: string; layer: string }>;
      fixes: string[];
      variants: string[];
    }>;
    expect(list.map((s) => s.id)).toContain('offheap-map-leak');
    const seed = list.find((s) => s.id === 'offheap-map-leak');
    expect(Object.keys(seed ?? {})).toEqual(['id', 'title', 'operators', 'fixes', 'variants']);
    expect(seed?.operators).toContainEqual({ id: 'currency-convert', layer: 'layer3' });
    expect(seed?.fixes).toEqual(['free-map-in-close']);
    expect(seed?.variants).toEqual(['explicit-gc', 'unsafe-map', 'static-map']);
  });

  it('--json runs one experiment and prints the run as one JSON object', () => {
    const { status, stdout } = sim(
      '--scenario',
      'offheap-map-leak',
      '--hours',
      '0.5',
      '--parallelism',
      '2',
      '--fail-containers',
      '1@10m',
      '--remove',
      'layer2',
      '--set',
      'env.java.opts=',
      '--json',
    );
    expect(status).toBe(0);
    const run = JSON.parse(stdout);
    expect(Object.keys(run)).toEqual(
      expect.arrayContaining(['scenario', 'config', 'taskManagers', 'operators', 'events', 'analysis']),
    );
    expect(Object.keys(run.analysis)).toEqual(
      expect.arrayContaining([
        'verdict',
        'retainedBytesPerRestart',
        'ooms',
        'restarts',
        'fullGcs',
        'peakDirectBytes',
        'peakRssBytes',
      ]),
    );
    expect(run.taskManagers[0].series['Status.JVM.Memory.Direct.MemoryUsed']).toHaveLength(1800);
    expect(run.taskManagers[0].directLimit).toBe(run.config.maxDirectMemory);
    expect(run.operators.map((op: { id: string }) => op.id)).not.toContain('kvstore-enrich');
    expect(run.events.map((e: { kind: string }) => e.kind)).toContain('container-shutdown');
    expect(run.plan.explicitGcDisabled).toBe(false);
  });

  it('prints a readable summary by default', () => {
    const { status, stdout } = sim('--scenario', 'offheap-map-leak', '--hours', '0.25', '--parallelism', '2');
    expect(status).toBe(0);
    expect(stdout).toContain('Verdict:');
    expect(stdout).toContain('Back pressure');
  });

  it('exits with 2 and names the argument for an unknown operator, scenario or a malformed time', () => {
    const unknownOperator = sim('--scenario', 'offheap-map-leak', '--remove', 'no-such-operator');
    expect(unknownOperator.status).toBe(2);
    expect(unknownOperator.stderr).toMatch(/^sim: --remove: .*unknown operator or layer 'no-such-operator'/);
    const unknownScenario = sim('--scenario', 'nope');
    expect(unknownScenario.status).toBe(2);
    expect(unknownScenario.stderr).toMatch(/^sim: --scenario: .*unknown scenario 'nope'/);
    const badTime = sim('--scenario', 'offheap-map-leak', '--pause-sink', 'soon:later');
    expect(badTime.status).toBe(2);
    expect(badTime.stderr).toMatch(/^sim: --pause-sink: 'soon' is not a time/);
    const badSize = sim('--scenario', 'offheap-map-leak', '--set', 'taskmanager.memory.process.size=big');
    expect(badSize.status).toBe(2);
    expect(badSize.stderr).toMatch(
      /^sim: --set\/--config: configOverrides\.taskmanager\.memory\.process\.size/,
    );
  });
});
