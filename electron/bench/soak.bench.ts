// A soak of Peel's server: one host process (browser mode, as `npm start -- --browser` runs it) drives N runs of a
// short experiment through the real HTTP API with the calls the lab screen makes (create the experiment; start the
// run and refresh the lab state and its capacity, as startRun does; wait for its `run.finished` push on the event
// stream; then, as the finished push does, refresh the lab state, its capacity and the investigation, and read the
// run, its direct-memory series and its heat map), and the host's resident memory is sampled from /proc every few
// runs. The bench forces no GC; the app's own bounded collections (workers/collect-after-run.ts) run as in use.
// The direct-memory series are read as the lab screen reads them (run-results-slice.ts: the graph's metric, one
// series per TaskManager). Until December 2026 the soak read every series with "Direct" in its key, the buffer count
// and capacity too, which a lean run does not keep: each soak run was then simulated a second time to re-derive them,
// which the lab screen does only when the user picks one of those metrics.
// The series is read by Peel's own resident-memory analysis (see soak-reading.ts): the goal (issue 15) is "flat".
// Then the host idles IDLE_SEC seconds and its RSS is read again (not part of the analysed series).
// The series is also written as a CSV Peel imports, to bench-output/ (PEEL_BENCH_OUT to change). Every cycle the
// host's memory is also broken down (process-memory-map.ts: /proc smaps by mapping; memory-probe.mjs: the main
// thread's and the worker's JS heaps) into soak-memory-map.csv, to say which part grows.
// PEEL_BENCH_SOAK_RUNS sets the run count (default 1,000, at least 100).
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  makeDataDir,
  type PeelHost,
  projectRoot,
  removeDataDir,
  startPeelHost,
} from '../../e2e/fixtures/peel-host';
import { METRIC } from '../../shared/sim/engine/metric-names';
import type { Benchmark, BenchRow } from './bench-row';
import { MAPPING_KINDS, type MemoryMap, readMemoryMap, readRssParts } from './process-memory-map';
import { readResidentBytes } from './process-rss';
import { planSoak, type RssSample, readSoak, soakCsv, soakRunsFrom } from './soak-reading';

const DEFAULT_RUNS = 1000;
/** Short runs, so a thousand of them fit in a few minutes on a loaded two-core machine. */
const PARAMS = { scenario: 'offheap-map-leak', hours: 1, parallelism: 2 } as const;
const SERIES_POINTS = 1200;
/** The lab screen's first graph after a run: direct memory, one series per TaskManager (run-results-slice.ts). */
const DIRECT_MEMORY_USED = METRIC.directMemoryUsed;
/** The heat map's width the run panel asks for (run-results-slice.ts). */
const HEATMAP_COLUMNS = 720;
/**
 * After the last run the host is left idle this long, sampled every second: V8 shrinks an idle heap by itself (its
 * memory reducer), so memory that comes back then was garbage waiting for a GC, not memory kept.
 */
const IDLE_SEC = 20;

type Json = Record<string, unknown>;

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** Calls a channel over HTTP as the browser-mode UI does; a refused call stops the soak with the channel's error. */
async function call(host: PeelHost, channel: string, request: unknown): Promise<Json> {
  const response = await fetch(`${host.origin}/api/call/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-peel-token': host.token },
    body: JSON.stringify(request),
  });
  if (!response.ok) throw new Error(`${channel}: HTTP ${response.status}`);
  const answer = (await response.json()) as { ok: boolean; value?: Json; error?: { message: string } };
  if (!answer.ok) throw new Error(`${channel}: ${answer.error?.message ?? 'refused'}`);
  return answer.value as Json;
}

/**
 * Subscribes to the host's push events, as the UI does for its whole session, and resolves waiters on `run.finished`.
 * One stream for the soak: a leak of subscribers per run would show in the server's memory, not be hidden by it.
 */
async function openEvents(host: PeelHost): Promise<{
  finished(runId: string): Promise<Json>;
  close(): void;
}> {
  const abort = new AbortController();
  const response = await fetch(`${host.origin}/api/events`, {
    headers: { 'x-peel-token': host.token },
    signal: abort.signal,
  });
  if (!response.ok || !response.body) throw new Error(`/api/events: HTTP ${response.status}`);
  const waiting = new Map<string, (run: Json) => void>();
  const arrived = new Map<string, Json>();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffered += value;
        let end = buffered.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          end = buffered.indexOf('\n\n');
          if (!frame.startsWith('data: ')) continue;
          const event = JSON.parse(frame.slice('data: '.length)) as { name: string; payload: Json };
          if (event.name !== 'run.finished') continue;
          const run = event.payload.run as Json;
          const id = run.id as string;
          const resolve = waiting.get(id);
          if (resolve) {
            waiting.delete(id);
            resolve(run);
          } else arrived.set(id, run);
        }
      }
    } catch {
      // Closed by close(): nothing waits any more.
    }
  })();
  return {
    finished(runId) {
      const early = arrived.get(runId);
      if (early) {
        arrived.delete(runId);
        return Promise.resolve(early);
      }
      return new Promise((resolve) => waiting.set(runId, resolve));
    },
    close: () => abort.abort(),
  };
}

/** The main thread's JS memory as the host's memory probe prints it on SIGUSR2 (memory-probe.mjs). */
interface JsMemory {
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  codeSpace: number;
  /** The main thread's young generation (new space and its large objects) and old generation, committed. */
  newSpace: number;
  oldSpace: number;
  /** The simulation worker threads' V8 heaps, summed. */
  workers: number;
  workersHeapTotal: number;
  workersHeapUsed: number;
  workersMalloced: number;
}

async function readJsMemory(host: PeelHost): Promise<JsMemory> {
  const seen = host.output().split('memory-probe ').length;
  process.kill(host.pid, 'SIGUSR2');
  for (let waited = 0; waited < 5000; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const parts = host.output().split('memory-probe ');
    if (parts.length > seen) {
      const line = (parts[seen] ?? '').split('\n')[0] ?? '';
      return JSON.parse(line) as JsMemory;
    }
  }
  throw new Error('soak: the host did not answer its memory probe in 5 s');
}

/** One row of the breakdown: where the host's memory is after `runs` runs. */
interface BreakdownSample {
  runs: number;
  map: MemoryMap;
  anonBytes: number;
  fileBytes: number;
  shmemBytes: number;
  js: JsMemory;
}

function breakdownCsv(rows: readonly BreakdownSample[]): string {
  const jsKeys = [
    'heapUsed',
    'heapTotal',
    'external',
    'arrayBuffers',
    'codeSpace',
    'newSpace',
    'oldSpace',
    'workers',
    'workersHeapTotal',
    'workersHeapUsed',
    'workersMalloced',
  ] as const;
  const head = ['runs', 'rssAnon', 'rssFile', 'rssShmem', ...MAPPING_KINDS, ...jsKeys.map((k) => `js.${k}`)];
  const lines = [head.join(',')];
  for (const row of rows) {
    lines.push(
      [
        row.runs,
        row.anonBytes,
        row.fileBytes,
        row.shmemBytes,
        ...MAPPING_KINDS.map((kind) => row.map[kind]),
        ...jsKeys.map((key) => row.js[key]),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** "kind +x.x" for each part that moved by at least 0.1 MiB between two breakdowns. */
function breakdownChange(from: BreakdownSample, to: BreakdownSample): string {
  const parts: [string, number][] = [
    ...MAPPING_KINDS.map((kind): [string, number] => [kind, to.map[kind] - from.map[kind]]),
    ['js.heapTotal', to.js.heapTotal - from.js.heapTotal],
    ['js.heapUsed', to.js.heapUsed - from.js.heapUsed],
    ['js.newSpace', to.js.newSpace - from.js.newSpace],
    ['js.oldSpace', to.js.oldSpace - from.js.oldSpace],
    ['js.external', to.js.external - from.js.external],
    ['workers.heapTotal', to.js.workersHeapTotal - from.js.workersHeapTotal],
  ];
  return parts
    .filter(([, bytes]) => Math.abs(bytes) >= 0.1 * 2 ** 20)
    .map(([name, bytes]) => `${name} ${bytes >= 0 ? '+' : ''}${(bytes / 2 ** 20).toFixed(1)}`)
    .join(', ');
}

/** A variable of a process's environment as it started (/proc/<pid>/environ), or null when it has none. */
function hostVariable(pid: number, name: string): string | null {
  const entry = readFileSync(`/proc/${pid}/environ`, 'utf8')
    .split('\0')
    .find((line) => line.startsWith(`${name}=`));
  return entry === undefined ? null : entry.slice(name.length + 1);
}

/** The signal the host's Node is told (--heapsnapshot-signal) to write a heap snapshot on. */
const SNAPSHOT_SIGNAL = 'SIGTTIN';

/** The run counts to snapshot after, from PEEL_BENCH_SOAK_SNAPSHOTS ("200,1000"); bad text is refused by name. */
function snapshotRunsFrom(text: string | undefined, runs: number): Set<number> {
  if (text === undefined || text.trim() === '') return new Set();
  return new Set(
    text.split(',').map((part) => {
      const at = Number(part.trim());
      if (!Number.isInteger(at) || at < 1 || at > runs) {
        throw new Error(`PEEL_BENCH_SOAK_SNAPSHOTS: '${part}' is not a run count from 1 to ${runs}`);
      }
      return at;
    }),
  );
}

/** Signals the host to write a heap snapshot and waits until the file is complete (its size stops changing). */
async function writeHeapSnapshot(
  host: PeelHost,
  dir: string,
  runs: number,
  log: (line: string) => void,
): Promise<void> {
  const before = new Set(readdirSync(dir).filter((name) => name.endsWith('.heapsnapshot')));
  process.kill(host.pid, SNAPSHOT_SIGNAL);
  for (let waited = 0, lastSize = -1; waited < 120_000; waited += 500) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const made = readdirSync(dir).find((name) => name.endsWith('.heapsnapshot') && !before.has(name));
    if (!made) continue;
    const size = statSync(join(dir, made)).size;
    if (size > 0 && size === lastSize) {
      const named = join(dir, `soak-${runs}.heapsnapshot`);
      renameSync(join(dir, made), named);
      log(`heap snapshot after ${runs} runs: ${named}`);
      return;
    }
    lastSize = size;
  }
  throw new Error(`soak: the host wrote no heap snapshot in 120 s after ${runs} runs`);
}

async function soak(log: (line: string) => void): Promise<BenchRow[]> {
  if (process.platform !== 'linux') {
    log('skipped: resident memory is read from /proc (Linux only)');
    return [];
  }
  const plan = planSoak(soakRunsFrom(process.env.PEEL_BENCH_SOAK_RUNS, DEFAULT_RUNS, 'PEEL_BENCH_SOAK_RUNS'));
  if (!existsSync(join(projectRoot, 'dist/electron/start.js'))) {
    log('building first (npm run build)');
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: projectRoot, stdio: 'inherit' });
  }
  const dataDir = makeDataDir();
  // PEEL_BENCH_SOAK_LIVE=1: a diagnostic soak whose probe collects fully before each breakdown (memory-probe.mjs),
  // so the main thread's heapUsed there is its live heap; its RSS is then not what the app's is.
  const live = process.env.PEEL_BENCH_SOAK_LIVE === '1';
  if (live) log("diagnostic: full collections before each breakdown; the RSS reading is not the app's");
  // PEEL_BENCH_SOAK_SNAPSHOTS="200,1000": the host writes a heap snapshot (live objects only) after those runs, into
  // the output folder, to compare what the main thread keeps (also a diagnostic: a snapshot pauses the host).
  const snapshotAt = snapshotRunsFrom(process.env.PEEL_BENCH_SOAK_SNAPSHOTS, plan.runs);
  const outDir = process.env.PEEL_BENCH_OUT ?? join(projectRoot, 'bench-output');
  mkdirSync(outDir, { recursive: true });
  const host = await startPeelHost(dataDir, {
    nodeArgs: [
      ...(live ? ['--expose-gc'] : []),
      ...(snapshotAt.size > 0
        ? [`--heapsnapshot-signal=${SNAPSHOT_SIGNAL}`, `--diagnostic-dir=${outDir}`]
        : []),
      '--import',
      pathToFileURL(join(projectRoot, 'electron/bench/memory-probe.mjs')).href,
    ],
    env: live ? { PEEL_PROBE_GC: '1' } : {},
  });
  // What the launcher set for the host (start-entry.ts): the process's environment as it started.
  const arenaMax = hostVariable(host.pid, 'MALLOC_ARENA_MAX');
  log(`host ${host.pid}: MALLOC_ARENA_MAX=${arenaMax ?? '(unset)'}`);
  const events = await openEvents(host);
  const samples: RssSample[] = [];
  const sample = (runs: number) =>
    samples.push({ runs, rssBytes: readResidentBytes(host.pid), atMs: Date.now() });
  const breakdown: BreakdownSample[] = [];
  const sampleBreakdown = async (runs: number) =>
    breakdown.push({
      runs,
      map: readMemoryMap(host.pid),
      ...readRssParts(host.pid),
      js: await readJsMemory(host),
    });
  const runMs: number[] = [];
  const idle: RssSample[] = [];
  const loadBefore = loadavg()[0] ?? 0;
  const started = performance.now();
  try {
    const investigation = await call(host, 'investigations.create', {
      title: 'Memory soak',
      summary: `${plan.runs} runs of ${PARAMS.hours} h at parallelism ${PARAMS.parallelism}`,
      startedAt: Date.now(),
    });
    const investigationId = investigation.id as string;
    sample(0);
    await sampleBreakdown(0);
    for (let i = 1; i <= plan.runs; i++) {
      const at = performance.now();
      const experiment = await call(host, 'experiments.create', {
        investigationId,
        parentId: null,
        params: { ...PARAMS, seed: i },
      });
      const run = await call(host, 'runs.start', { experimentId: experiment.id });
      // startRun's refresh; the lab screen reads the capacity whenever a lab state lands (LabView).
      await call(host, 'lab.state', { investigationId });
      await call(host, 'lab.capacity', { investigationId, experimentId: experiment.id });
      const done = await events.finished(run.id as string);
      if (done.status !== 'completed')
        throw new Error(`run ${i}: ${String(done.status)}: ${String(done.error)}`);
      const detail = await call(host, 'runs.get', { runId: run.id });
      if (!(detail.seriesKeys as string[]).some((key) => key.endsWith(DIRECT_MEMORY_USED)))
        throw new Error(`run ${i}: no direct-memory series among ${String(detail.seriesKeys)}`);
      await call(host, 'runs.series', {
        runId: run.id,
        taskManagerMetric: DIRECT_MEMORY_USED,
        points: SERIES_POINTS,
      });
      await call(host, 'runs.heatmap', { runId: run.id, columns: HEATMAP_COLUMNS });
      // receiveRunFinished's refreshes: the lab state (and so its capacity) and the investigation.
      await call(host, 'lab.state', { investigationId });
      await call(host, 'lab.capacity', { investigationId, experimentId: experiment.id });
      await call(host, 'investigations.get', { id: investigationId });
      runMs.push(performance.now() - at);
      if (i % plan.sampleEvery === 0) sample(i);
      if (snapshotAt.has(i)) await writeHeapSnapshot(host, outDir, i, log);
      if (i % plan.cycleRuns === 0) {
        const last = samples.at(-1)!;
        await sampleBreakdown(i);
        const change = breakdownChange(breakdown.at(-2)!, breakdown.at(-1)!);
        log(
          `${i}/${plan.runs} runs, RSS ${mib(last.rssBytes)}, ${((performance.now() - started) / 1000).toFixed(0)} s; ${change}`,
        );
      }
    }
    for (let second = 1; second <= IDLE_SEC; second++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      idle.push({ runs: plan.runs, rssBytes: readResidentBytes(host.pid), atMs: Date.now() });
    }
    await sampleBreakdown(plan.runs);
  } finally {
    events.close();
    await host.stop();
    removeDataDir(dataDir);
  }
  const wallSec = (performance.now() - started) / 1000 - IDLE_SEC;
  const reading = readSoak(samples, plan);
  const csvPath = join(outDir, 'soak-rss.csv');
  writeFileSync(csvPath, soakCsv([...samples, ...idle]));
  const breakdownPath = join(outDir, 'soak-memory-map.csv');
  writeFileSync(breakdownPath, breakdownCsv(breakdown));
  log(`${reading.summary}; slope ${mib(reading.slopeBytesPer100Runs)} per 100 runs; series in ${csvPath}`);
  const firstCycle = runMs.slice(plan.warmUpRuns, 2 * plan.cycleRuns).sort((a, b) => a - b);
  const lastCycle = runMs.slice(-plan.cycleRuns).sort((a, b) => a - b);
  return [
    {
      bench: 'soak',
      runs: plan.runs,
      experiment: `${PARAMS.scenario} ${PARAMS.hours} h x parallelism ${PARAMS.parallelism}, one investigation, via HTTP`,
      sampleEveryRuns: plan.sampleEvery,
      verdict: reading.verdict,
      goal: 'flat',
      withinGoal: reading.verdict === 'flat',
      summary: reading.summary,
      slopeBytesPer100Runs: Math.round(reading.slopeBytesPer100Runs),
      rssAfterWarmUpMiB: reading.afterWarmUpBytes / 2 ** 20,
      rssEndMiB: reading.endBytes / 2 ** 20,
      rssPeakMiB: reading.peakBytes / 2 ** 20,
      rssAfterIdleMiB: (idle.at(-1)?.rssBytes ?? Number.NaN) / 2 ** 20,
      idleSec: IDLE_SEC,
      runMsSecondCycleMedian: firstCycle[Math.floor(firstCycle.length / 2)] ?? null,
      runMsLastCycleMedian: lastCycle[Math.floor(lastCycle.length / 2)] ?? null,
      wallSec,
      csv: csvPath,
      hostMallocArenaMax: arenaMax ?? 'unset',
      loadAverage: `${loadBefore.toFixed(2)} -> ${(loadavg()[0] ?? 0).toFixed(2)}`,
      machine: `${cpus()[0]?.model ?? 'unknown cpu'} x${availableParallelism()} (shared, loaded)`,
    },
  ];
}

export const benchmark: Benchmark = {
  name: 'soak',
  description:
    "the server's resident memory over N runs in one session (PEEL_BENCH_SOAK_RUNS, default 1,000), read by Peel's resident-memory analysis; goal flat",
  run: soak,
};
