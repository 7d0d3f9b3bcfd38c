// Real incidents through the app's channels: a config checked and recorded with its hash, metrics imported from
// a real JVM's capture, a real experiment logged in the lineage with the imported series as its run, and verify
// holding all of it against the chain.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBaseline, createLabBackend, newInvestigation, trail } from '../lab/test-lab';
import type { TestBackend } from '../test-backend';
import { verifyDatabase } from '../trail/verify-audit';
import { sha256Hex } from './content-hash';

const here = dirname(fileURLToPath(import.meta.url));
const REAL_JVM = join(here, '../../../../shared/sim/analysis/real-jvm');
const MiB = 2 ** 20;

/** A capture of DirectLeakProbe.java (a real JVM), its column named as Flink's Prometheus reporter names it. */
function captureAsGrafana(file: string, tm: string): string {
  const [, ...rows] = readFileSync(join(REAL_JVM, file), 'utf8').trim().split('\n');
  const header = `"Time","flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed{job_name=""ads"", tm_id=""${tm}""}"`;
  return [header, ...rows].join('\n');
}

let t: TestBackend;
let investigationId: string;

beforeEach(async () => {
  t = createLabBackend();
  investigationId = await newInvestigation(t);
});
afterEach(() => t.dispose());

const events = () => trail(t, investigationId);

describe('checking a real Flink config', () => {
  it('derives the memory model, flags DisableExplicitGC and a small container, diffs the last good config, and records hashes only', async () => {
    const current = [
      'taskmanager.memory.process.size: 4096m',
      'taskmanager.memory.task.off-heap.size: 256m',
      'env.java.opts.taskmanager: -XX:+DisableExplicitGC -Dsecret.token=hunter2',
    ].join('\n');
    const lastGood = 'taskmanager.memory.process.size: 4096m\ntaskmanager.memory.task.off-heap.size: 1g\n';
    const check = await t.call('real.checkConfig', {
      investigationId,
      config: { text: current, fileName: 'flink-conf.yaml' },
      lastGood: { text: lastGood, fileName: 'flink-conf.yaml' },
      containerBytes: 3 * 1024 * MiB,
    });
    expect(check.memory?.totalProcessMemory).toBe(4096 * MiB);
    expect(check.findings.map((f) => f.id)).toEqual(
      expect.arrayContaining(['explicit-gc-disabled', 'container-smaller-than-process']),
    );
    expect(check.diff?.keys.map((k) => k.key)).toEqual([
      'env.java.opts.taskmanager',
      'taskmanager.memory.task.off-heap.size',
    ]);
    const offHeap = check.diff?.keys.find((k) => k.key === 'taskmanager.memory.task.off-heap.size');
    expect(offHeap?.effect.changes.map((c) => c.component)).toContain('taskOffHeap');
    const recorded = (await events()).find((e) => e.kind === 'config.imported');
    expect(recorded?.payload).toMatchObject({
      contentSha256: sha256Hex(current),
      fileName: 'flink-conf.yaml',
    });
    expect(JSON.stringify(recorded?.payload)).not.toContain('hunter2');
  });

  it('refuses a config Flink could not read, naming the file', async () => {
    await expect(
      t.call('real.checkConfig', {
        investigationId,
        config: { text: 'taskmanager:\n  memory: [1,\n', fileName: 'config.yaml' },
      }),
    ).rejects.toThrow(/invalid-request: real\.checkConfig: config\.yaml: /);
  });
});

describe('importing real metrics and logging a real experiment', () => {
  it('imports a real JVM capture, logs it as a real run of the lineage with its verdict, and verify holds it', async () => {
    const text = captureAsGrafana('leak.csv', 'tm-1');
    const imported = await t.call('real.importText', { investigationId, fileName: 'leak-direct.csv', text });
    expect(imported).toMatchObject({
      format: 'grafana-csv-joined',
      contentSha256: sha256Hex(text),
      origin: 'file',
    });
    expect(imported.series).toHaveLength(1);
    expect(imported.series[0]).toMatchObject({ taskManager: 'tm-1', kind: 'direct-used', verdict: 'leak' });

    const baseline = await createBaseline(t, investigationId);
    const logged = await t.call('experiments.logReal', {
      investigationId,
      parentId: baseline.id,
      params: { ...baseline.params, removed: ['layer3'] },
      description: 'signalled 3 containers GRACEFUL_SHUTDOWN at 14:05 on the dev job with layer 3 removed',
      doneAt: 1_795_521_785_000,
      importIds: [imported.id],
    });
    expect(logged.experiment.diff).toHaveLength(1);
    expect(logged.experiment.parentId).toBe(baseline.id);
    expect(logged.run).toMatchObject({ status: 'completed', verdict: 'leak' });
    expect(logged.real.sources).toEqual([
      { importId: imported.id, source: 'leak-direct.csv', contentSha256: sha256Hex(text) },
    ]);

    const lab = await t.call('lab.state', { investigationId });
    expect(lab.experiments.map((e) => e.id)).toContain(logged.experiment.id);
    const series = await t.call('runs.series', {
      runId: logged.run.id,
      keys: ['tm/tm-1/Status.JVM.Memory.Direct.MemoryUsed'],
      points: 200,
    });
    expect(series[0]?.values.length).toBeGreaterThan(10);
    expect(await t.call('real.runs', { investigationId })).toEqual([logged.real]);
    // Heap was not imported: an empty slice saying so, beside the direct memory that was, never an error.
    const heap = 'tm/tm-1/Status.JVM.Memory.Heap.Used';
    const mixed = await t.call('runs.series', {
      runId: logged.run.id,
      keys: [heap, series[0]!.key],
      points: 200,
    });
    expect(mixed[0]).toMatchObject({ key: heap, notImported: true, points: 0, values: '' });
    expect(mixed[1]).toMatchObject({ points: series[0]!.points });
    expect(mixed[1]?.notImported).toBeUndefined();
    expect(logged.run.origin).toBe('real');
    const listed = (await t.call('lab.state', { investigationId })).experiments.flatMap((e) => e.runs);
    expect(listed.map((r) => [r.id, r.origin])).toEqual([[logged.run.id, 'real']]);

    const kinds = (await events()).map((e) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'metrics.imported',
        'run.completed',
        'verdict.recorded',
        'experiment.real-logged',
      ]),
    );
    expect(verifyDatabase(t.backend.store).state).toMatchObject({ ok: true, firstMismatch: null });
  });

  it('travels in a bundle: the colleague who imports it sees the imported series and the real run, and verify holds them', async () => {
    const imported = await t.call('real.importText', {
      investigationId,
      fileName: 'leak.csv',
      text: captureAsGrafana('leak.csv', 'tm-1'),
    });
    const baseline = await createBaseline(t, investigationId);
    const logged = await t.call('experiments.logReal', {
      investigationId,
      parentId: baseline.id,
      params: baseline.params,
      description: 'restarted the dev job 6 times',
      doneAt: 1_795_521_785_000,
      importIds: [imported.id],
    });
    const key = 'tm/tm-1/Status.JVM.Memory.Direct.MemoryUsed';
    const seriesOf = (b: TestBackend, runId: string) =>
      b.call('runs.series', { runId, keys: [key], points: 20_000 });
    const bundle = await t.call('exports.render', { investigationId, format: 'json' });
    expect(JSON.parse(bundle.text).metricImports).toHaveLength(1);
    const other = createLabBackend();
    try {
      const info = await other.call('bundles.import', { text: bundle.text });
      expect(info.chain).toMatchObject({ ok: true });
      const id = info.investigationId;
      // The import as the exporter read it: the same source, hash, numbers and per-series verdicts.
      const [arrived] = await other.call('real.imports', { investigationId: id });
      const { id: _a, investigationId: _b, ...sent } = imported;
      expect(arrived).toMatchObject(sent);
      expect(arrived?.id).not.toBe(imported.id);
      const realRuns = await other.call('real.runs', { investigationId: id });
      expect(realRuns.map((r) => r.description)).toEqual(['restarted the dev job 6 times']);
      expect(realRuns[0]?.sources[0]?.contentSha256).toBe(logged.real.sources[0]?.contentSha256);
      expect(await seriesOf(other, realRuns[0]!.runId)).toEqual(await seriesOf(t, logged.run.id));
      expect(verifyDatabase(other.backend.store).state).toMatchObject({ ok: true, firstMismatch: null });

      // Continued in a branch, the imports and the real run come along, and verify still holds them.
      const branch = await other.call('imports.continue', { investigationId: id });
      expect(await other.call('real.imports', { investigationId: branch.id })).toHaveLength(1);
      expect((await other.call('real.runs', { investigationId: branch.id }))[0]?.description).toBe(
        'restarted the dev job 6 times',
      );
      expect(verifyDatabase(other.backend.store).state).toMatchObject({ ok: true, firstMismatch: null });

      // An imported series rewritten in the importing database is named by verify.
      other.backend.store.db
        .prepare('UPDATE metric_import_series SET vals = zeroblob(length(vals)) WHERE import_id = ?')
        .run(arrived!.id);
      expect(verifyDatabase(other.backend.store).state.firstMismatch).toMatchObject({
        subject: 'metric-import',
        investigationId: id,
        message: expect.stringContaining('its series are not what event'),
      });
    } finally {
      other.dispose();
    }
  });

  it('refuses a bundle whose imported series or real run series were edited, importing nothing', async () => {
    const imported = await t.call('real.importText', {
      investigationId,
      fileName: 'leak.csv',
      text: captureAsGrafana('leak.csv', 'tm-1'),
    });
    const baseline = await createBaseline(t, investigationId);
    await t.call('experiments.logReal', {
      investigationId,
      parentId: baseline.id,
      params: baseline.params,
      description: 'restarted the dev job 6 times',
      doneAt: 1_795_521_785_000,
      importIds: [imported.id],
    });
    const text = (await t.call('exports.render', { investigationId, format: 'json' })).text;
    const other = createLabBackend();
    try {
      // One value of the imported series doubled, its base64 re-encoded as a careful forger would.
      const edited = JSON.parse(text);
      const series = edited.metricImports[0].series[0];
      const values = Buffer.from(series.values, 'base64');
      values.writeDoubleLE(values.readDoubleLE(80) * 2, 80);
      series.values = values.toString('base64');
      await expect(other.call('bundles.import', { text: JSON.stringify(edited) })).rejects.toThrow(
        /metric import #1: its series are not what event #\d+ recorded .*Nothing was imported/,
      );
      // Cut short: the lengths no longer agree.
      const cut = JSON.parse(text);
      cut.metricImports[0].series[0].times = Buffer.from(cut.metricImports[0].series[0].times, 'base64')
        .subarray(8)
        .toString('base64');
      await expect(other.call('bundles.import', { text: JSON.stringify(cut) })).rejects.toThrow(
        /metricImports\[0\]\.series\[0\] \('flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed'\)\.times holds/,
      );
      // Left out: the chain recorded the import.
      const dropped = JSON.parse(text);
      dropped.metricImports = [];
      await expect(other.call('bundles.import', { text: JSON.stringify(dropped) })).rejects.toThrow(
        /metric import #1 recorded by event #\d+ is missing/,
      );
      // The real run's own series edited.
      const run = JSON.parse(text);
      const realRun = run.runs.find((r: { analysis: { real?: unknown } }) => r.analysis.real);
      realRun.series.pop();
      await expect(other.call('bundles.import', { text: JSON.stringify(run) })).rejects.toThrow(
        /run \d+: its series are not what event #\d+ recorded/,
      );
      expect(await other.call('investigations.list', {})).toEqual([]);

      // A bundle written before imports travelled (no metricImports at all) still imports, its real run with it.
      const older = JSON.parse(text);
      delete older.metricImports;
      const info = await other.call('bundles.import', { text: JSON.stringify(older) });
      expect(await other.call('real.imports', { investigationId: info.investigationId })).toEqual([]);
      expect(await other.call('real.runs', { investigationId: info.investigationId })).toHaveLength(1);
      expect(verifyDatabase(other.backend.store).state).toMatchObject({ ok: true });
      // Continued in a branch: nothing to carry, and the branch's own imports are held to its own events.
      const branch = await other.call('imports.continue', { investigationId: info.investigationId });
      expect(await other.call('real.imports', { investigationId: branch.id })).toEqual([]);
      const own = await other.call('real.importText', {
        investigationId: branch.id,
        fileName: 'again.csv',
        text: captureAsGrafana('fixed.csv', 'tm-1'),
      });
      expect(verifyDatabase(other.backend.store).state).toMatchObject({ ok: true });
      other.backend.store.db
        .prepare('UPDATE metric_import_series SET vals = zeroblob(length(vals)) WHERE import_id = ?')
        .run(own.id);
      expect(verifyDatabase(other.backend.store).state.firstMismatch).toMatchObject({
        subject: 'metric-import',
        investigationId: branch.id,
      });
    } finally {
      other.dispose();
    }
  });

  it("draws a real run's direct-memory limit from its experiment's config: the checked real config's", async () => {
    const check = await t.call('real.checkConfig', {
      investigationId,
      config: {
        text: 'taskmanager.memory.process.size: 4096m\ntaskmanager.memory.task.off-heap.size: 256m\n',
        fileName: 'flink-conf.yaml',
      },
    });
    const imported = await t.call('real.importText', {
      investigationId,
      fileName: 'leak.csv',
      text: captureAsGrafana('leak.csv', 'tm-1'),
    });
    const baseline = await createBaseline(t, investigationId);
    // "Simulate with this config" makes the real config an experiment; the real run logged from it carries it.
    const logged = await t.call('experiments.logReal', {
      investigationId,
      parentId: baseline.id,
      params: { ...baseline.params, configOverrides: check.config },
      description: 'restarted the job running the real config',
      doneAt: 1_795_521_785_000,
      importIds: [imported.id],
    });
    const limit = check.memory!.maxDirectMemory;
    expect(limit).toBeGreaterThan(0);
    expect(logged.run.directLimitBytes).toBe(limit);
    const detail = await t.call('runs.get', { runId: logged.run.id });
    expect(detail.plan.directLimitBytes).toBe(limit);
    expect(detail.taskManagers.map((tm) => tm.directLimit)).toEqual([limit]);
  });

  it('real runs complete the A/B/A proof: with the fix flat, without it the leak, with it again flat', async () => {
    /** One TaskManager restarted every 15 minutes (numRestarts says so), keeping `rise` bytes each time. */
    const capture = (rise: number, startMs: number) => {
      const rows = Array.from({ length: 420 }, (_, i) => {
        const wobble = ((i * 7919) % 13) * 64 * 1024;
        const restarts = Math.floor(i / 60);
        return `${startMs + i * 15_000},${128 * MiB + restarts * rise + wobble},${restarts}`;
      });
      return [
        `"Time","flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed{tm_id=""tm-1""}","flink_jobmanager_job_numRestarts"`,
        ...rows,
      ].join('\n');
    };
    const baseline = await createBaseline(t, investigationId);
    const fix = 'free-map-in-close';
    const log = async (parentId: string, params: typeof baseline.params, rise: number, startMs: number) => {
      const imported = await t.call('real.importText', {
        investigationId,
        fileName: `capture-${startMs}.csv`,
        text: capture(rise, startMs),
      });
      return t.call('experiments.logReal', {
        investigationId,
        parentId,
        params,
        description: rise > 0 ? 'ran without the fix' : 'ran with the fix deployed',
        doneAt: startMs,
        importIds: [imported.id],
      });
    };
    const withFix = { ...baseline.params, fixes: [fix] };
    const a = await log(baseline.id, withFix, 0, 1_795_500_000_000);
    expect(a.run).toMatchObject({ verdict: 'flat', restarts: 6 });
    const b = await log(a.experiment.id, baseline.params, 16 * MiB, 1_795_600_000_000);
    expect(b.run.verdict).toBe('leak');
    const c = await log(b.experiment.id, withFix, 0, 1_795_700_000_000);
    const lab = await t.call('lab.state', { investigationId });
    expect(lab.proof).toMatchObject({ complete: true, fixes: [fix] });
    expect(lab.proof.steps.map((step) => step.runId)).toEqual([a.run.id, b.run.id, c.run.id]);
  });

  it('decides the hypothesis a real experiment tests, from its verdict, and verify holds it', async () => {
    const hypothesis = await t.call('hypotheses.add', {
      investigationId,
      statement: 'Layer 3 leaks on the real job too',
      ruleId: null,
      predicts: 'leak',
    });
    const imported = await t.call('real.importText', {
      investigationId,
      fileName: 'leak.csv',
      text: captureAsGrafana('leak.csv', 'tm-1'),
    });
    const baseline = await createBaseline(t, investigationId);
    const logged = await t.call('experiments.logReal', {
      investigationId,
      parentId: baseline.id,
      params: baseline.params,
      description: 'restarted the dev job with layer 3 in',
      doneAt: 1_795_521_785_000,
      importIds: [imported.id],
      hypothesisId: hypothesis.id,
    });
    const investigation = await t.call('investigations.get', { id: investigationId });
    expect(investigation.hypotheses.find((h) => h.id === hypothesis.id)).toMatchObject({
      status: 'supported',
      decidedByRunId: logged.run.id,
    });
    expect(verifyDatabase(t.backend.store).state).toMatchObject({ ok: true });
  });

  it('keeps the one-change guard: two changes from the parent need confirming', async () => {
    const imported = await t.call('real.importText', {
      investigationId,
      fileName: 'fixed.csv',
      text: captureAsGrafana('fixed.csv', 'tm-1'),
    });
    const baseline = await createBaseline(t, investigationId);
    await expect(
      t.call('experiments.logReal', {
        investigationId,
        parentId: baseline.id,
        params: { ...baseline.params, removed: ['layer3'], parallelism: 3 },
        description: 'changed two things at once',
        doneAt: 1,
        importIds: [imported.id],
      }),
    ).rejects.toThrow(/conflict: This experiment changes 2 things/);
    expect((await t.call('lab.state', { investigationId })).experiments).toHaveLength(1);
  });

  it('refuses a bad CSV with its line and imports nothing', async () => {
    const text =
      '"Time","flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed{tm_id=""tm-1""}"\n2000,1\n1000,2\n';
    await expect(t.call('real.importText', { investigationId, fileName: 'bad.csv', text })).rejects.toThrow(
      /invalid-request: real\.importText: bad\.csv: line 3, column 2, .*times must increase/,
    );
    expect(await t.call('real.imports', { investigationId })).toEqual([]);
  });

  it('verify names an imported series rewritten in the database', async () => {
    const imported = await t.call('real.importText', {
      investigationId,
      fileName: 'leak.csv',
      text: captureAsGrafana('leak.csv', 'tm-1'),
    });
    t.backend.store.db
      .prepare('UPDATE metric_import_series SET vals = zeroblob(length(vals)) WHERE import_id = ?')
      .run(imported.id);
    expect(verifyDatabase(t.backend.store).state.firstMismatch).toMatchObject({
      subject: 'metric-import',
      id: imported.id,
      message: expect.stringContaining('its series are not what event'),
    });
  });
});
