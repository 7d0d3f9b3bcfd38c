// What the lab's reasoning needs to know about a run, extracted once when the run finishes: its parameters, its
// verdicts, and which operators were in the job. Coverage, proof, next step and warnings all read these facts.
import type { ExperimentParams, Verdict } from '../../contract/lab-entities';

export interface RunFacts {
  id: string;
  seq: number;
  experimentId: string;
  experimentSeq: number;
  params: ExperimentParams;
  status: 'running' | 'completed' | 'cancelled' | 'failed';
  startedAt: number;
  verdict: Verdict | null;
  residentVerdict: Verdict | null;
  confidence: number | null;
  retainedBytesPerRestart: number | null;
  ooms: number;
  restarts: number;
  /** Containers YARN killed for exceeding their size: what an Unsafe (native) leak ends in. */
  containersKilled: number;
  /** Operators of the job that ran (after peeling; not the generated discarding sink). */
  operators: string[];
  /** Container shutdowns that actually happened, and sink pauses that began. */
  shutdownsFired: number;
  sinkPausesFired: number;
}

export type LeakOutcome = 'leak' | 'no-leak' | 'unclear';

const leaky = (verdict: Verdict | null) => verdict === 'leak' || verdict === 'sawtooth';

/**
 * Did memory leak across restarts in this run? A staircase or saw-tooth in direct memory is a leak. Resident memory
 * counts only when it ended in YARN killing containers: a JVM's resident memory also climbs while it first touches
 * its heap, so its staircase alone is not evidence (an Unsafe leak, invisible in direct memory, ends in kills).
 * A flat line or a blip is no leak, provided the job was actually restarted (no restart, no evidence); a run
 * whose analysis is unsure (confidence below one half) is unclear.
 */
export function leakOutcome(facts: RunFacts): LeakOutcome {
  if (facts.status !== 'completed' || facts.verdict === null) return 'unclear';
  if (leaky(facts.verdict)) return (facts.confidence ?? 1) >= 0.5 ? 'leak' : 'unclear';
  if (leaky(facts.residentVerdict) && facts.containersKilled > 0) return 'leak';
  return facts.restarts > 0 ? 'no-leak' : 'unclear';
}

/** The job as written: no fix applied, no defect switched by hand (runs that test the code as it is). */
export function isUnchangedCode(facts: RunFacts): boolean {
  return facts.params.fixes.length === 0 && Object.keys(facts.params.defects).length === 0;
}

export function completedRuns(runs: readonly RunFacts[]): RunFacts[] {
  return runs.filter((run) => run.status === 'completed').sort((a, b) => a.seq - b.seq);
}
