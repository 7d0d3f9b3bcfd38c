// The trail as the scorecard and the hints read it: audit events (seq, kind, time, payload) exactly as the chain
// stores them, and the lab's run facts rebuilt from the run events alone, so a score recomputed from an imported
// bundle's verified chain equals the one computed live.
import type { ExperimentParams, Verdict } from '../contract/lab-entities';
import type { RunFacts } from '../domain/lab/run-facts';

export interface TrailEvent {
  seq: number;
  kind: string;
  /** UTC epoch milliseconds. */
  at: number;
  payload: Record<string, unknown>;
}

export interface TrailOperator {
  id: string;
  layer: string;
}

const VERDICTS: readonly string[] = ['leak', 'sawtooth', 'blip', 'flat'];
const num = (value: unknown, fallback = 0): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const verdictOf = (value: unknown): Verdict | null =>
  typeof value === 'string' && VERDICTS.includes(value) ? (value as Verdict) : null;

export function byKind(events: readonly TrailEvent[], kind: string): TrailEvent[] {
  return events.filter((event) => event.kind === kind).sort((a, b) => a.seq - b.seq);
}

/** The operators that ran: the topology minus what was peeled (by id or layer); the control job has its own. */
export function operatorsThatRan(params: ExperimentParams, operators: readonly TrailOperator[]): string[] {
  if (params.control) return ['control-source', 'control-sink'];
  return operators
    .filter((op) => !params.removed.includes(op.id) && !params.removed.includes(op.layer))
    .map((op) => op.id);
}

export interface TrailRun {
  facts: RunFacts;
  /**
   * The run Peel made to show the page's dashboard (run.started carries `dashboard: true`): evidence like any
   * run, but not something the trainee did.
   */
  dashboard: boolean;
  /** Seqs of the events this run is read from (started, completed, verdict). */
  seqs: number[];
}

/**
 * Runs read from run.started / run.completed / verdict.recorded / run.cancelled / run.failed. Container shutdowns
 * and sink pauses "fired" are those the parameters schedule within the run (the trail does not list them).
 */
export function runsFromTrail(
  events: readonly TrailEvent[],
  operators: readonly TrailOperator[],
): TrailRun[] {
  const runs = new Map<string, TrailRun>();
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    const runId = str(event.payload.runId);
    if (runId === null) continue;
    if (event.kind === 'run.started') {
      const params = event.payload.params as ExperimentParams | undefined;
      if (!params || typeof params !== 'object') continue;
      const durationSec = Math.max(60, Math.round(num(params.hours, 0) * 3600));
      runs.set(runId, {
        seqs: [event.seq],
        dashboard: event.payload.dashboard === true,
        facts: {
          id: runId,
          seq: num(event.payload.seq),
          experimentId: str(event.payload.experimentId) ?? '',
          experimentSeq: num(event.payload.experimentSeq),
          params,
          status: 'running',
          startedAt: event.at,
          verdict: null,
          residentVerdict: null,
          confidence: null,
          retainedBytesPerRestart: null,
          ooms: 0,
          restarts: 0,
          containersKilled: 0,
          operators: operatorsThatRan(params, operators),
          shutdownsFired: (params.failContainers ?? []).filter((f) => f.atSec < durationSec).length,
          sinkPausesFired: (params.pauseSink ?? []).filter((p) => p.fromSec < durationSec).length,
        },
      });
      continue;
    }
    const run = runs.get(runId);
    if (!run) continue;
    const f = run.facts;
    if (event.kind === 'run.completed') {
      run.seqs.push(event.seq);
      f.status = 'completed';
      f.ooms = num(event.payload.ooms);
      f.restarts = num(event.payload.restarts);
      f.containersKilled = num(event.payload.containersKilled);
    } else if (event.kind === 'verdict.recorded') {
      run.seqs.push(event.seq);
      f.verdict = verdictOf(event.payload.verdict);
      f.residentVerdict = verdictOf(event.payload.residentVerdict);
      f.confidence = num(event.payload.confidence, 0);
      f.retainedBytesPerRestart = num(event.payload.retainedBytesPerRestart);
    } else if (event.kind === 'run.cancelled' || event.kind === 'run.failed') {
      run.seqs.push(event.seq);
      f.status = event.kind === 'run.cancelled' ? 'cancelled' : 'failed';
    }
  }
  return [...runs.values()].sort((a, b) => a.facts.seq - b.facts.seq);
}
