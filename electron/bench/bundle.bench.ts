// The worked example handed over: its JSON bundle's size (per run and whole), export (exports.render) and import
// (bundles.import into another database, which re-derives the simulated runs in its worker pool and checks them
// against the chain) through dispatch, as the app does, and the longest main-thread stall during each (the event
// loop delay: a stall there is a frozen UI in browser mode and stalled IPC in the desktop app).
// Goals (issue 15): <= 150 KB per 6 h P8 run, export < 1 s, import < 2 s, no main-thread task over 100 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type Backend, openBackend } from '../backend/backend';
import { createSampleInvestigation } from '../backend/services/lab/sample-investigation';
import { createWorkerRunner } from '../backend/workers/worker-runner';
import type { Benchmark, BenchRow } from './bench-row';

async function call(backend: Backend, channel: string, request: unknown): Promise<Record<string, unknown>> {
  const answer = await backend.dispatch(channel, request);
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`);
  return answer.value as Record<string, unknown>;
}

/** Times `work` and the longest event-loop stall while it runs. */
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; stallMs: number }> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  // Let the sampler's timer fire once more: a stall at the very end is only recorded when it does.
  await new Promise((resolve) => setTimeout(resolve, 20));
  loop.disable();
  return { value, ms, stallMs: loop.max / 1e6 };
}

async function measure(log: (line: string) => void): Promise<BenchRow[]> {
  const exportDir = mkdtempSync(join(tmpdir(), 'peel-bench-bundle-'));
  const importDir = mkdtempSync(join(tmpdir(), 'peel-bench-bundle-import-'));
  const runner = createWorkerRunner();
  const importRunner = createWorkerRunner();
  const exporter = openBackend({
    dataDir: exportDir,
    host: 'browser',
    version: 'bench',
    user: 'bench',
    runner,
  });
  const importer = openBackend({
    dataDir: importDir,
    host: 'browser',
    version: 'bench',
    user: 'bench',
    runner: importRunner,
  });
  try {
    const investigationId = await createSampleInvestigation(
      {
        call: (channel, request) => call(exporter, channel, request) as never,
        awaitRun: async (runId) => exporter.context.lab.jobs.get(runId)?.stored,
      },
      Date.UTC(2026, 0, 5),
    );
    const runs = exporter.store.runs.listForInvestigation(investigationId).length;
    // Warm each side once (code compiled, the import's workers started), then measure the next round.
    const warm = await call(exporter, 'exports.render', { investigationId, format: 'json' });
    await call(importer, 'bundles.import', { text: warm.text, fileName: 'warm.peel.json' });
    const exported = await timed(() => call(exporter, 'exports.render', { investigationId, format: 'json' }));
    const text = exported.value.text as string;
    const imported = await timed(() =>
      call(importer, 'bundles.import', { text, fileName: 'worked-example.peel.json' }),
    );
    const bytes = Buffer.byteLength(text);
    const kbPerRun = bytes / 1024 / runs;
    log(
      `worked example (${runs} runs): ${(bytes / 1024).toFixed(0)} KB, ${kbPerRun.toFixed(1)} KB per run; export ${exported.ms.toFixed(0)} ms, import ${imported.ms.toFixed(0)} ms`,
    );
    const machine = `${cpus()[0]?.model ?? 'unknown cpu'} x${availableParallelism()} (shared, loaded)`;
    return [
      {
        bench: 'bundle',
        figure: 'worked example bundle (all series bound to the chain)',
        runs,
        totalKb: bytes / 1024,
        kbPerRun,
        goalKbPerRun: 150,
        withinGoal: kbPerRun <= 150,
        machine,
      },
      {
        bench: 'bundle',
        figure: 'worked example export (exports.render json)',
        ms: exported.ms,
        mainThreadMaxStallMs: exported.stallMs,
        goalMs: 1000,
        goalStallMs: 100,
        withinGoal: exported.ms < 1000 && exported.stallMs <= 100,
        machine,
      },
      {
        bench: 'bundle',
        figure: 'worked example import (runs re-derived in the worker pool and checked)',
        ms: imported.ms,
        mainThreadMaxStallMs: imported.stallMs,
        goalMs: 2000,
        goalStallMs: 100,
        withinGoal: imported.ms < 2000 && imported.stallMs <= 100,
        machine,
      },
    ];
  } finally {
    exporter.close();
    importer.close();
    await runner.close();
    await importRunner.close();
    rmSync(exportDir, { recursive: true, force: true });
    rmSync(importDir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: 'bundle',
  description:
    'the worked example handed over through dispatch: KB per run (goal <= 150), export (goal < 1 s) and import with re-derivation (goal < 2 s), longest main-thread stall (goal <= 100 ms)',
  run: measure,
};
