// Cost that must not grow with the work: `lab.state` of an investigation holding 10 and 1,000 runs, and the lab
// reasoning a stored run triggers (the checklist evidence, which derives the lab state), at both sizes. The runs are
// copies of one real 6 h, parallelism 8 run of the seed job (its analysis, plan and events as stored, no series):
// what lab.state reads is the rows, so copies cost it what real runs would. Goal (issue 15): lab.state under 50 ms
// at 1,000 runs, and a new run's overhead beyond the simulation the same as with 10 runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend } from '../backend/backend';
import { labState } from '../backend/services/lab/lab-state';
import { inProcessRunner } from '../backend/workers/simulation-runner';
import type { Benchmark, BenchRow } from './bench-row';

const SIZES = [10, 1000];
const REPETITIONS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function measure(log: (line: string) => void): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'peel-bench-lab-scale-'));
  const backend = openBackend({
    dataDir,
    host: 'browser',
    version: 'bench',
    user: 'bench',
    runner: inProcessRunner,
  });
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
    let copies = 1;
    const copy = backend.store.db.transaction((count: number) => {
      for (let i = 0; i < count; i++) {
        copies++;
        backend.store.runs.insertCopy({ ...original, id: `copy-${copies}`, seq: copies });
      }
    });
    for (const size of SIZES) {
      copy(size - copies);
      const stateMs: number[] = [];
      for (let i = 0; i < REPETITIONS; i++) {
        const at = performance.now();
        await call('lab.state', { investigationId });
        stateMs.push(performance.now() - at);
      }
      // What every stored run adds on the main thread beyond its own rows: the lab state for checklist evidence.
      const derivedMs: number[] = [];
      for (let i = 0; i < REPETITIONS; i++) {
        const at = performance.now();
        labState(backend.context, investigationId);
        derivedMs.push(performance.now() - at);
      }
      log(`${size} runs: lab.state ${median(stateMs).toFixed(1)} ms (goal < 50 ms at 1,000)`);
      rows.push({
        bench: 'lab-scale',
        runs: size,
        labStateMs: median(stateMs),
        perStoredRunLabStateMs: median(derivedMs),
        goalMs: size === 1000 ? 50 : null,
        withinGoal: size === 1000 ? median(stateMs) < 50 : null,
        machine: `${cpus()[0]?.model ?? 'unknown cpu'} x${availableParallelism()} (shared, loaded)`,
      });
    }
    return rows;
  } finally {
    backend.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: 'lab-scale',
  description:
    'lab.state and the lab reasoning each stored run triggers, at 10 and 1,000 runs of the seed job; goal lab.state < 50 ms at 1,000 runs',
  run: measure,
};
