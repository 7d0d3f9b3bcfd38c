// Cost that must not grow with the work: `lab.state` of an investigation holding 10 and 1,000 runs, and what storing
// one more run costs on the main thread beyond its simulation (its row, the run list brought up to date, the checklist
// evidence it may tick), at both sizes. The runs are
// copies of one real 6 h, parallelism 8 run of the seed job (its analysis, plan and events as stored, no series):
// what lab.state reads is the rows, so copies cost it what real runs would. Goal (issue 15): lab.state under 50 ms
// at 1,000 runs, and a new run's overhead beyond the simulation the same as with 10 runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend } from '../backend/backend';
import { commit } from '../backend/services/commit';
import { tickFromEvidence } from '../backend/services/lab/evidence-ticks';
import { dehydrateJson } from '../backend/store/hydration';
import { packJsonText } from '../backend/store/packed-json';
import { inProcessRunner } from '../backend/workers/simulation-runner';
import type { Benchmark, BenchRow } from './bench-row';

const SIZES = [10, 1000];
const REPETITIONS = 7;
const STORED_REPETITIONS = 21;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function measure(log: (line: string) => void): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'peel-bench-lab-scale-'));
  const open = () =>
    openBackend({ dataDir, host: 'browser', version: 'bench', user: 'bench', runner: inProcessRunner });
  let backend = open();
  const rows: BenchRow[] = [];
  try {
    const call = async (channel: string, request: unknown) => {
      const answer = await backend.dispatch(channel, request);
      if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`);
      return answer.value as Record<string, unknown>;
    };
    const investigation = await call('investigations.create', {
      title: 'bench',
      summary: '',
      startedAt: 0,
    });
    const investigationId = investigation.id as string;
    const experiment = await call('experiments.create', {
      investigationId,
      parentId: null,
      params: { scenario: 'offheap-map-leak', hours: 6, parallelism: 8 },
    });
    const started = await call('runs.start', { experimentId: experiment.id });
    await backend.context.lab.jobs.get(started.id as string)?.stored;
    const original = backend.store.runs.get(started.id as string)!;
    // A stored run's row as runs.ts writes it: its detail JSON made off the main thread (prepare-run.ts).
    const outcome = { ...original, status: 'completed' as const, finishedAt: original.finishedAt ?? 0 };
    const detailText = {
      analysis: dehydrateJson(original.analysis),
      topology: dehydrateJson(original.topology),
      events: packJsonText(dehydrateJson(original.events)),
    };
    let copies = 1;
    const copy = backend.store.db.transaction((count: number) => {
      for (let i = 0; i < count; i++) {
        copies++;
        backend.store.runs.insertCopy({ ...original, id: `copy-${copies}`, seq: copies });
      }
    });
    let baseline = { perRun: 0, reasoning: 0 };
    for (const size of SIZES) {
      copy(size - copies);
      // The copies' megabytes out of the write-ahead log first, so no figure pays for checkpointing them.
      backend.store.db.pragma('wal_checkpoint(TRUNCATE)');
      const stateMs: number[] = [];
      for (let i = 0; i < REPETITIONS; i++) {
        const at = performance.now();
        await call('lab.state', { investigationId });
        stateMs.push(performance.now() - at);
      }
      // What every stored run adds on the main thread beyond its simulation: its row written, then (as runs.ts does
      // in the same transaction) the checklist evidence it may tick, which reads the run list; and the commit, whose
      // log sync (synchronous=FULL) is the disk's time and varies with the machine's other work. The reasoning is
      // also timed alone: it is what used to grow with the runs. Nothing ticks here (the copies repeat the first
      // run), so the ticks' own audit events are not part of the figures.
      const storedMs: number[] = [];
      const reasoningMs: number[] = [];
      for (let i = 0; i < STORED_REPETITIONS; i++) {
        const at = performance.now();
        commit(backend.context, (record, now) => {
          copies++;
          const id = `copy-${copies}`;
          backend.store.runs.insert({ ...original, id });
          backend.store.runs.finish(id, outcome, detailText);
          const reasoningAt = performance.now();
          tickFromEvidence(backend.context, investigationId, record, now);
          reasoningMs.push(performance.now() - reasoningAt);
        });
        storedMs.push(performance.now() - at);
      }
      const perRun = median(storedMs);
      const reasoning = median(reasoningMs);
      if (size === SIZES[0]) baseline = { perRun, reasoning };
      // "The same" allows the noise of a shared machine: within 1.5× of the figure at 10 runs, or 0.5 ms.
      const same = (value: number, at10: number) => value <= Math.max(at10 * 1.5, at10 + 0.5);
      log(
        `${size} runs: lab.state ${median(stateMs).toFixed(1)} ms (goal < 50 ms at 1,000); a stored run's ` +
          `overhead ${perRun.toFixed(2)} ms, of which its lab reasoning ${reasoning.toFixed(2)} ms (goal: as with ` +
          `10 runs, ${baseline.perRun.toFixed(2)} / ${baseline.reasoning.toFixed(2)} ms)`,
      );
      rows.push({
        bench: 'lab-scale',
        runs: size,
        labStateMs: median(stateMs),
        goalMs: size === 1000 ? 50 : null,
        withinGoal: size === 1000 ? median(stateMs) < 50 : null,
        perStoredRunMs: perRun,
        perStoredRunReasoningMs: reasoning,
        perStoredRunGoal:
          size === 1000
            ? `as at 10 runs (${baseline.perRun.toFixed(2)} / ${baseline.reasoning.toFixed(2)} ms)`
            : null,
        perStoredRunWithinGoal:
          size === 1000 ? same(perRun, baseline.perRun) && same(reasoning, baseline.reasoning) : null,
        loadAverage: Number(loadavg()[0]!.toFixed(1)),
        machine: `${cpus()[0]?.model ?? 'unknown cpu'} x${availableParallelism()} (shared, loaded)`,
      });
    }
    // 1,000 runs each in its own experiment, as auto-peel, derivations and sweeps make them: lab.state then also
    // reads and reasons over 1,000 experiments (their parameters, their A/B/A setups, which of them a run verified).
    const perExperiment = await call('investigations.create', { title: 'bench', summary: '', startedAt: 0 });
    const perExperimentId = perExperiment.id as string;
    const insertExperimentsAndRuns = backend.store.db.transaction(() => {
      for (let i = 1; i <= 1000; i++) {
        const experimentId = `experiment-${i}`;
        backend.store.experiments.insertCopy({
          ...backend.store.experiments.get(experiment.id as string)!,
          id: experimentId,
          investigationId: perExperimentId,
          seq: i,
          parentId: null,
          // Each its own setup, as a derivation's removals make them.
          params: { ...backend.store.experiments.get(experiment.id as string)!.params, seed: i },
        });
        backend.store.runs.insertCopy({
          ...original,
          id: `run-of-experiment-${i}`,
          seq: i,
          investigationId: perExperimentId,
          experimentId,
        });
      }
    });
    insertExperimentsAndRuns();
    backend.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const perExperimentMs: number[] = [];
    for (let i = 0; i < REPETITIONS; i++) {
      const at = performance.now();
      await call('lab.state', { investigationId: perExperimentId });
      perExperimentMs.push(performance.now() - at);
    }
    log(
      `1000 runs in 1000 experiments: lab.state ${median(perExperimentMs).toFixed(1)} ms (goal < 50 ms at 1,000)`,
    );
    rows.push({
      bench: 'lab-scale',
      runs: 1000,
      experiments: 1000,
      labStateMs: median(perExperimentMs),
      goalMs: 50,
      withinGoal: median(perExperimentMs) < 50,
      loadAverage: Number(loadavg()[0]!.toFixed(1)),
      machine: `${cpus()[0]?.model ?? 'unknown cpu'} x${availableParallelism()} (shared, loaded)`,
    });
    // The first open after a start: nothing kept in memory yet, every run's row read (what a user waits for once).
    backend.close();
    backend = open();
    const at = performance.now();
    await call('lab.state', { investigationId });
    const firstMs = performance.now() - at;
    log(`${copies} runs: lab.state right after a start ${firstMs.toFixed(1)} ms (goal < 50 ms)`);
    rows.push({
      bench: 'lab-scale',
      runs: copies,
      labStateAfterStartMs: firstMs,
      goalMs: 50,
      withinGoal: firstMs < 50,
      loadAverage: Number(loadavg()[0]!.toFixed(1)),
      machine: `${cpus()[0]?.model ?? 'unknown cpu'} x${availableParallelism()} (shared, loaded)`,
    });
    return rows;
  } finally {
    backend.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: 'lab-scale',
  description:
    'lab.state and the main-thread overhead of one more stored run, at 10 and 1,000 runs of the seed job; goals lab.state < 50 ms at 1,000 runs, the overhead as at 10',
  run: measure,
};
