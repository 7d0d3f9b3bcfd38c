// The simulator's entry points: createSimulation runs in chunks (a worker can report progress and stop on
// cancel), runSimulation in one go. Parameters in, a run out; nothing else is read or written.
import { FaultSchedule } from '../faults/fault-schedule';
import type { ScenarioDefinition } from '../scenarios/scenario-types';
import { EngineState } from './engine-state';
import { type ExperimentParams, normalizeExperimentParams } from './experiment-params';
import { planFromResolved } from './job-plan';
import { resolveExperiment } from './resolve-experiment';
import { analyzeRun } from './run-analysis';
import type { RunTaskManager, SimulationRun } from './run-types';
import { stepSecond } from './simulation-step';
import { startTaskManager } from './taskmanager-lifecycle';

export interface Simulation {
  readonly params: ExperimentParams;
  readonly durationSec: number;
  /** Simulated seconds done so far. */
  readonly nowSec: number;
  readonly done: boolean;
  /** Simulates up to `seconds` more seconds (fewer at the end). */
  advance(seconds: number): void;
  /** Runs whatever is left, then builds the run with its analysis. Call once. */
  finish(): SimulationRun;
}

class ChunkedSimulation implements Simulation {
  private readonly st: EngineState;
  private readonly faults: FaultSchedule;
  private finished = false;

  constructor(
    readonly params: ExperimentParams,
    scenario?: ScenarioDefinition,
  ) {
    const resolved = resolveExperiment(params, scenario);
    this.st = new EngineState(resolved);
    this.faults = new FaultSchedule(params, resolved.durationSec);
    for (let tm = 0; tm < this.st.taskManagers; tm++) startTaskManager(this.st, tm, 0);
  }

  get durationSec(): number {
    return this.st.durationSec;
  }

  get nowSec(): number {
    return this.st.nowSec;
  }

  get done(): boolean {
    return this.st.nowSec >= this.st.durationSec;
  }

  advance(seconds: number): void {
    const end = Math.min(this.st.durationSec, this.st.nowSec + Math.max(0, Math.floor(seconds)));
    while (this.st.nowSec < end) stepSecond(this.st, this.faults);
    this.st.series.flush(this.st.nowSec);
  }

  finish(): SimulationRun {
    if (this.finished) throw new Error('finish() was already called on this simulation');
    this.finished = true;
    this.advance(this.st.durationSec);
    const st = this.st;
    st.containers.forEach((containers, tm) => {
      st.series.markGaps(tm, containers, st.durationSec);
    });
    const plan = planFromResolved(st.r);
    const taskManagers: RunTaskManager[] = st.containers.map((containers, tm) => ({
      id: st.taskManagerId(tm),
      containers,
      directLimit: st.r.memory.maxDirectMemory,
      containerLimit: st.r.containerLimitBytes,
      series: st.series.record(tm),
      freshStartsSec: st.freshStartsSec[tm] ?? [],
      restartsSec: st.restartsSec[tm] ?? [],
    }));
    return {
      params: this.params,
      scenario: { id: st.r.scenario.id, title: st.r.scenario.title },
      config: st.r.memory,
      plan,
      durationSec: st.durationSec,
      taskManagers,
      operators: st.ops.map((op, o) => ({
        id: op.id,
        layer: op.layer,
        backPressuredTimeMsPerSecond: st.opBackPressured[o] as Float32Array,
        busyTimeMsPerSecond: st.opBusy[o] as Float32Array,
        idleTimeMsPerSecond: st.opIdle[o] as Float32Array,
      })),
      events: st.events.events,
      analysis: analyzeRun(st),
    };
  }
}

export interface SimulationOptions {
  /** A scenario from outside the catalog (a training drill's generated job); params.scenario must be its id. */
  scenario?: ScenarioDefinition;
}

/** Normalizes `params` (throwing ExperimentParamsError that names the field) and sets the run up at second 0. */
export function createSimulation(
  params: Partial<ExperimentParams> | ExperimentParams,
  options: SimulationOptions = {},
): Simulation {
  return new ChunkedSimulation(normalizeExperimentParams(params, options.scenario), options.scenario);
}

export function runSimulation(
  params: Partial<ExperimentParams> | ExperimentParams,
  options: SimulationOptions = {},
): SimulationRun {
  return createSimulation(params, options).finish();
}
