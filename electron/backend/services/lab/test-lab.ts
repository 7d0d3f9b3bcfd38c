// Test support for the lab services: a backend on a temp database that runs simulations in-process, a small quick
// experiment of the seed's scenario, and helpers to run an experiment to its stored end and read the trail.
import type { AuditEvent } from '../../../../shared/contract/entities';
import type { Experiment, ExperimentParamsInput, RunSummary } from '../../../../shared/contract/lab-entities';
import type { ExperimentParams } from '../../../../shared/sim/engine/experiment-params';
import type { ScenarioSource } from '../../workers/scenario-source';
import {
  inProcessRunner,
  type ProgressListener,
  type RunReply,
  SimulationCancelled,
  type SimulationJob,
  type SimulationRunner,
  storingWholeRuns,
} from '../../workers/simulation-runner';
import { createTestBackend, FIXED_START, type TestBackend } from '../test-backend';
import { runSummary } from './run-records';

/** The run list window's sizes, for tests of the lab screen (which reach the backend only through helpers like these). */
export { RECENT_EXPERIMENTS, RUNS_PER_EXPERIMENT } from './run-window';

export const SCENARIO = 'offheap-map-leak';
export const FIX = 'free-map-in-close';

/**
 * Two TaskManagers for two simulated hours, tm-2 shut down every ten minutes: tm-1 is restarted in place eleven
 * times, enough for the leaked maps to pile up into OOMs (a few hundred milliseconds a run). Without the seed's
 * replay spikes: five minutes of them after every ten-minute restart would swell half the run, and these tests are
 * about the services, not Layer 2's payloads (the seed's own schedule is tested in sample-investigation.test.ts).
 */
export const SMALL = {
  scenario: SCENARIO,
  parallelism: 2,
  hours: 2,
  failContainers: Array.from({ length: 11 }, (_, i) => ({ atSec: 600 * (i + 1), names: ['tm-2'] })),
  payloadSpikes: [],
} satisfies ExperimentParamsInput;

/**
 * Simulations (in-process) that start only once the test calls `open()`, so the runs holding the queue's slots stay
 * there while a test looks at the line. `started` lists each simulation handed to the runner.
 */
export function gatedRunner(): { runner: SimulationRunner; open(): void; started: string[] } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const started: string[] = [];
  const runner = ((
    params: ExperimentParams,
    onProgress: ProgressListener,
    source?: ScenarioSource,
    reply: RunReply = 'run',
  ) => {
    let inner: SimulationJob<unknown> | null = null;
    let cancelled = false;
    started.push(JSON.stringify(params));
    const result = gate.then(() => {
      if (cancelled) throw new SimulationCancelled();
      inner =
        reply === 'prepared'
          ? inProcessRunner(params, onProgress, source, reply)
          : inProcessRunner(params, onProgress, source);
      return inner.result;
    });
    return {
      result,
      cancel: () => {
        cancelled = true;
        inner?.cancel();
      },
    };
  }) as SimulationRunner;
  return { runner, open, started };
}

export function createLabBackend(): TestBackend {
  return createTestBackend({ runner: inProcessRunner });
}

/**
 * Runs stored whole, every series on disk, as Peel stored them before lean runs (store/kept-series.ts): what a
 * version 1 bundle carries.
 */
export const wholeRunsRunner: SimulationRunner = storingWholeRuns(inProcessRunner);

export function createWholeRunsBackend(): TestBackend {
  return createTestBackend({ runner: wholeRunsRunner });
}

export async function newInvestigation(
  t: TestBackend,
  title = 'Direct OOMs in ads-metrics',
): Promise<string> {
  const investigation = await t.call('investigations.create', { title, summary: '', startedAt: FIXED_START });
  return investigation.id;
}

/** A fresh lab backend with one new investigation: the set-up most lab tests begin with. */
export async function newLabInvestigation(): Promise<{ t: TestBackend; id: string }> {
  const t = createLabBackend();
  return { t, id: await newInvestigation(t) };
}

export async function createBaseline(
  t: TestBackend,
  investigationId: string,
  params: ExperimentParamsInput = SMALL,
): Promise<Experiment> {
  return t.call('experiments.create', { investigationId, parentId: null, params });
}

export async function derive(
  t: TestBackend,
  parent: Experiment,
  changes: Partial<ExperimentParamsInput>,
  extra: { hypothesisId?: string; confirmMultiChange?: boolean } = {},
): Promise<Experiment> {
  return t.call('experiments.create', {
    investigationId: parent.investigationId,
    parentId: parent.id,
    params: { ...parent.params, ...changes },
    ...extra,
  });
}

/** Resolves once the run's outcome (completed, cancelled or failed) is stored. */
export async function awaitRun(t: TestBackend, runId: string): Promise<void> {
  await t.backend.context.lab.jobs.get(runId)?.stored;
}

/** Starts a run of the experiment and waits for its stored outcome. */
export async function runToEnd(t: TestBackend, experimentId: string): Promise<RunSummary> {
  const started = await t.call('runs.start', { experimentId });
  await awaitRun(t, started.id);
  return storedRun(t, started.id);
}

/** A stored run as the lab lists it, whatever its outcome (`runs.get` answers completed runs only). */
export async function storedRun(t: TestBackend, runId: string): Promise<RunSummary> {
  const run = t.backend.store.runs.get(runId, false);
  if (!run) throw new Error(`no run ${runId}`);
  // Read by id: a lab state carries only a window of the run list.
  return runSummary(run);
}

/** The investigation's audit trail, oldest first. */
export async function trail(t: TestBackend, investigationId: string): Promise<AuditEvent[]> {
  const events = await t.call('audit.list', { investigationId, limit: 500 });
  return [...events].sort((a, b) => a.seq - b.seq);
}

export async function eventsOfKind(
  t: TestBackend,
  investigationId: string,
  kind: AuditEvent['kind'],
): Promise<AuditEvent[]> {
  return (await trail(t, investigationId)).filter((event) => event.kind === kind);
}
