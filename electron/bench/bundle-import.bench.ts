// Peak resident memory of bundle imports (issue 11: "three 250 MB bundle imports at once took 2.09 GB"). A bundle
// of about PEEL_BENCH_BUNDLE_MB (default 240) is made from real runs (48 h at parallelism 16) stored whole, every
// series on disk as Peel stored runs before lean runs, so the bundle carries every series as a version 1 bundle
// did (a lean run would travel as its parameters and seed, a few KB), and exported; then
// two fresh processes import it: three text imports at once (the request path as it was: three bodies held and
// parsed), and three imports from disk at once (the job: streamed, one at a time, the others refused). Each
// prints its peak RSS, and the second the p99 and max latency of a cheap call while the import runs.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Backend, openBackend } from '../backend/backend';
import { type SimulationRunner, storingWholeRuns } from '../backend/workers/simulation-runner';
import { createWorkerRunner } from '../backend/workers/worker-runner';
import type { Benchmark, BenchRow } from './bench-row';

const TARGET_MB = Number(process.env.PEEL_BENCH_BUNDLE_MB ?? 240);
const LONG_RUN = { scenario: 'offheap-map-leak', hours: 48, parallelism: 16 };
const GOAL_MB = 2090;

type Call = (channel: string, request: unknown) => Promise<Record<string, unknown>>;
const caller =
  (backend: Backend): Call =>
  async (channel, request) => {
    const answer = await backend.dispatch(channel, request);
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`);
    return answer.value as Record<string, unknown>;
  };

/** Exports an investigation grown run by run until its bundle is about `targetBytes`; returns the bundle's text. */
export async function makeBundle(
  dataDir: string,
  targetBytes: number,
  log: (line: string) => void,
): Promise<string> {
  const pool = createWorkerRunner();
  // Simulated in the pool, then prepared for storage whole (every series) instead of lean.
  const runner: SimulationRunner = storingWholeRuns(pool);
  const backend = openBackend({ dataDir, host: 'browser', version: 'bench', user: 'bench', runner });
  try {
    const call = caller(backend);
    const investigation = await call('investigations.create', {
      title: 'bundle bench',
      summary: '',
      startedAt: 0,
    });
    await call('lab.setScenario', { investigationId: investigation.id, scenarioId: LONG_RUN.scenario });
    const experiment = await call('experiments.create', {
      investigationId: investigation.id,
      parentId: null,
      params: LONG_RUN,
    });
    const runTwo = async () => {
      const ids = [
        (await call('runs.start', { experimentId: experiment.id })).id as string,
        (await call('runs.start', { experimentId: experiment.id })).id as string,
      ];
      await Promise.all(ids.map((id) => backend.context.lab.jobs.get(id)?.stored));
    };
    await runTwo();
    const probe = (await call('exports.render', { investigationId: investigation.id, format: 'json' }))
      .text as string;
    const perRun = Buffer.byteLength(probe) / 2;
    const more = Math.max(0, Math.floor(targetBytes / perRun) - 2);
    log(`bundle: ${(perRun / 1e6).toFixed(1)} MB per run, ${more + 2} runs`);
    for (let i = 0; i < more; i += 2) await runTwo();
    return (await call('exports.render', { investigationId: investigation.id, format: 'json' }))
      .text as string;
  } finally {
    backend.close();
    await pool.close();
  }
}

function importInChild(mode: 'text' | 'file', bundlePath: string): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), `peel-bench-bundle-${mode}-`));
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(new URL('./bundle-import-child.ts', import.meta.url)),
      mode,
      bundlePath,
      dataDir,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      rmSync(dataDir, { recursive: true, force: true });
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last) reject(new Error(`bundle-import-child ${mode} failed (exit code ${code})`));
      else resolve(JSON.parse(last) as Record<string, unknown>);
    });
  });
}

async function measure(log: (line: string) => void): Promise<BenchRow[]> {
  const sourceDir = mkdtempSync(join(tmpdir(), 'peel-bench-bundle-source-'));
  const bundleDir = mkdtempSync(join(tmpdir(), 'peel-bench-bundle-file-'));
  try {
    const bundlePath = join(bundleDir, 'bench.peel.json');
    writeFileSync(bundlePath, await makeBundle(sourceDir, TARGET_MB * 1e6, log));
    const bundleMb = statSync(bundlePath).size / 1e6;
    log(`bundle file: ${bundleMb.toFixed(0)} MB`);
    const text = await importInChild('text', bundlePath);
    log(`three text imports at once: peak RSS ${Number(text.peakRssMb).toFixed(0)} MB`);
    const file = await importInChild('file', bundlePath);
    log(
      `three imports from disk at once: peak RSS ${Number(file.peakRssMb).toFixed(0)} MB (goal < ${GOAL_MB} MB), ` +
        `cheap call p99 ${Number(file.probeP99Ms).toFixed(0)} ms, max ${Number(file.probeMaxMs).toFixed(0)} ms`,
    );
    const machine = `${cpus()[0]?.model ?? 'unknown cpu'} x${cpus().length} (shared, loaded)`;
    return [
      {
        bench: 'bundle-import',
        figure: `three ${bundleMb.toFixed(0)} MB bundle imports at once as text (the request path before the job)`,
        peakRssMb: Number(text.peakRssMb),
        accepted: Number(text.accepted),
        imported: Number(text.imported),
        ms: Number(text.ms),
        was: `${GOAL_MB} MB (issue 11, measured through the browser host)`,
        machine,
      },
      {
        bench: 'bundle-import',
        figure: `three ${bundleMb.toFixed(0)} MB bundle imports at once from disk (job: streamed, one at a time)`,
        peakRssMb: Number(file.peakRssMb),
        accepted: Number(file.accepted),
        refused: Number(file.refused),
        imported: Number(file.imported),
        ms: Number(file.ms),
        cheapCallP99Ms: Number(file.probeP99Ms),
        cheapCallMaxMs: Number(file.probeMaxMs),
        goalPeakRssMb: GOAL_MB,
        withinGoal: Number(file.peakRssMb) < GOAL_MB,
        machine,
      },
    ];
  } finally {
    rmSync(sourceDir, { recursive: true, force: true });
    rmSync(bundleDir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: 'bundle-import',
  description: `peak RSS of three ~${TARGET_MB} MB bundle imports at once: as text (before) and from disk as a job (after; goal well under ${GOAL_MB} MB), and the cheap-call latency during the job`,
  run: measure,
};
