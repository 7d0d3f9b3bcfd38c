import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labFixtureForEachTest } from './lab-fixture.test-support';

const MiB = 2 ** 20;
const DIRECT = 'flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed';

/** A Grafana export of one TaskManager whose direct memory keeps 16 MiB at each of 6 restarts. */
function leakCsv(): string {
  const rows = Array.from({ length: 420 }, (_, i) => {
    const wobble = ((i * 7919) % 13) * 64 * 1024;
    return `${1_795_500_000_000 + i * 15_000},${128 * MiB + Math.floor(i / 60) * 16 * MiB + wobble}`;
  });
  return [`"Time","${DIRECT}{tm_id=""tm-1""}"`, ...rows].join('\n');
}

const lab = labFixtureForEachTest();
const state = lab.state;

describe('the real-incident slice', () => {
  it('checks a config, imports a CSV, logs a real experiment and selects its run', async () => {
    await state().loadLab(lab.id);
    await state().loadReal(lab.id);
    expect(
      await state().checkRealConfig({
        config: { text: 'taskmanager.memory.process.size: 4096m\nenv.java.opts: -XX:+DisableExplicitGC' },
        containerBytes: 2 * 1024 * MiB,
      }),
    ).toBe(true);
    expect(state().configCheck?.findings.map((f) => f.id)).toContain('explicit-gc-disabled');

    expect(await state().importMetricsText('leak.csv', leakCsv())).toBe(true);
    const [imported] = state().metricImports;
    expect(imported?.series[0]).toMatchObject({ taskManager: 'tm-1', verdict: 'leak' });

    const parent = state().lab!.experiments[0]!;
    expect(
      await state().logRealExperiment({
        parentId: parent.id,
        params: parent.params,
        description: 'six restarts on the dev job',
        doneAt: 1_795_500_000_000,
        importIds: [imported!.id],
      }),
    ).toBe(true);
    expect(state().realRuns).toHaveLength(1);
    expect(state().selectedRunId).toBe(state().realRuns[0]?.runId);
    expect(state().lab?.experiments).toHaveLength(2);
  });

  it('follows a streamed file import to its end, and shows a refusal with its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peel-slice-'));
    try {
      writeFileSync(join(dir, 'leak.csv'), leakCsv());
      writeFileSync(join(dir, 'bad.csv'), `"Time","${DIRECT}"\n2000,1\n1000,2\n`);
      await state().loadLab(lab.id);
      await state().loadReal(lab.id);
      expect(await state().importMetricsFile(join(dir, 'leak.csv'))).toBe(true);
      // The job ends on its own: its end is pushed, the slice drops the progress and reloads the imports.
      await expect.poll(() => state().metricImports.length, { timeout: 30_000 }).toBe(1);
      await expect.poll(() => state().importJob, { timeout: 30_000 }).toBeNull();
      expect(await state().importMetricsFile(join(dir, 'bad.csv'))).toBe(true);
      await expect.poll(() => state().importError, { timeout: 30_000 }).toMatch(/bad\.csv: line 3/);
      expect(state().importJob).toBeNull();
      expect(state().metricImports).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
