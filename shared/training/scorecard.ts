// The drill's scorecard, read from the audit trail alone (kind, payload, seq, time as the chain stores them): how
// the trainee worked, not only whether they found it. Each line says why it scored what it did and which events
// it read, so a trainer can open them; the same chain (live or imported and verified) gives the same card.
import { operatorCoverage, suspects } from '../domain/lab/coverage';
import { fixProof } from '../domain/lab/fix-proof';
import { completedRuns, isUnchangedCode, leakOutcome, type RunFacts } from '../domain/lab/run-facts';
import { plural } from '../domain/plural';
import type { RuleId } from '../domain/rules';
import { byKind, runsFromTrail, type TrailEvent, type TrailRun } from './trail-events';
import { DiagnosisSubmittedPayload, DrillStartedPayload, HintTakenPayload } from './training-audit-kinds';

export interface ScoreLine {
  id:
    | 'made-it-fail-first'
    | 'ran-a-control'
    | 'one-change-at-a-time'
    | 'halved-the-suspects'
    | 'experiments-and-hours'
    | 'hints-taken'
    | 'wrong-diagnoses'
    | 'time-to-diagnosis'
    | 'fix-verified';
  title: string;
  ruleId: RuleId;
  points: number;
  max: number;
  /** Why it scored what it did, with the figures. */
  why: string;
  /** The events behind the line, in seq order. */
  eventSeqs: number[];
}

export interface Scorecard {
  drillId: string;
  title: string;
  /** True once a right diagnosis was submitted and its fix proven A/B/A. */
  solved: boolean;
  points: number;
  max: number;
  lines: ScoreLine[];
}

export class ScorecardError extends Error {}

const seqs = (...lists: number[][]) => [...new Set(lists.flat())].sort((a, b) => a - b);
const runRef = (run: RunFacts) => `run #${run.seq}`;

/** A run that showed the failure: OOMs, killed containers, memory kept across restarts. */
function failed(run: RunFacts): boolean {
  return run.ooms > 0 || run.containersKilled > 0 || leakOutcome(run) === 'leak';
}

/** The full job as written with a failure provoked on purpose (restarts, a slow sink or swollen payloads). */
function provoked(run: RunFacts): boolean {
  const p = run.params;
  return (
    !p.control &&
    p.removed.length === 0 &&
    isUnchangedCode(run) &&
    (run.shutdownsFired > 0 || run.sinkPausesFired > 0 || p.payloadSpikes.length > 0)
  );
}

function madeItFailFirst(trail: readonly TrailEvent[], runs: readonly TrailRun[]): ScoreLine {
  const base = {
    id: 'made-it-fail-first' as const,
    title: 'Made it fail before writing a hypothesis',
    ruleId: 'make-it-fail' as const,
    max: 15,
  };
  const completedAt = (run: TrailRun) => Math.max(...run.seqs);
  const failing = runs.filter(
    (run) => !run.dashboard && run.facts.status === 'completed' && (failed(run.facts) || provoked(run.facts)),
  );
  const first = failing.sort((a, b) => completedAt(a) - completedAt(b))[0];
  const hypotheses = byKind(trail, 'hypothesis.added');
  const early = hypotheses.filter((h) => first === undefined || h.seq < completedAt(first));
  if (!first)
    return {
      ...base,
      points: 0,
      why: 'No run made the job fail on purpose.',
      eventSeqs: early.map((h) => h.seq),
    };
  if (early.length > 0)
    return {
      ...base,
      points: 5,
      why: `${early.length} hypothes${early.length === 1 ? 'is was' : 'es were'} written before ${runRef(first.facts)} made it fail: look first, then theorise.`,
      eventSeqs: seqs(
        early.map((h) => h.seq),
        first.seqs,
      ),
    };
  return {
    ...base,
    points: 15,
    why: `${runRef(first.facts)} made it fail${hypotheses.length > 0 ? ' before the first hypothesis' : ''}.`,
    eventSeqs: seqs(
      first.seqs,
      hypotheses.slice(0, 1).map((h) => h.seq),
    ),
  };
}

function ranAControl(runs: readonly TrailRun[]): ScoreLine {
  const base = {
    id: 'ran-a-control' as const,
    title: 'Ran a control',
    ruleId: 'divide-and-conquer' as const,
    max: 10,
  };
  const control = runs.find((run) => run.facts.params.control && run.facts.status === 'completed');
  if (!control) return { ...base, points: 0, why: 'No control job was run.', eventSeqs: [] };
  return {
    ...base,
    points: 10,
    why: `${runRef(control.facts)} ran the control job: ${control.facts.verdict ?? 'no verdict'}.`,
    eventSeqs: control.seqs,
  };
}

function oneChangeAtATime(trail: readonly TrailEvent[]): ScoreLine {
  const base = {
    id: 'one-change-at-a-time' as const,
    title: 'Peeled one change at a time',
    ruleId: 'change-one-thing' as const,
    max: 15,
  };
  const experiments = byKind(trail, 'experiment.created');
  const derived = experiments.filter((e) => e.payload.parentId !== null && e.payload.parentId !== undefined);
  const multi = derived.filter(
    (e) =>
      e.payload.multiChangeConfirmed === true || (Array.isArray(e.payload.diff) && e.payload.diff.length > 1),
  );
  if (derived.length === 0)
    return {
      ...base,
      points: 0,
      why: 'No experiment was derived from another: nothing was changed step by step.',
      eventSeqs: [],
    };
  const points = Math.round(15 * (1 - multi.length / derived.length));
  return {
    ...base,
    points,
    why:
      multi.length === 0
        ? derived.length === 1
          ? 'The one derived experiment changed one thing.'
          : `All ${derived.length} derived experiments changed one thing.`
        : `${multi.length} of ${plural(derived.length, 'step')} changed several things at once (${multi.map((e) => `#${String(e.payload.seq)}`).join(', ')}).`,
    eventSeqs: multi.map((e) => e.seq),
  };
}

/**
 * How close the peeling came to a bisection: for each run that removed operators, the share of the suspects
 * still standing (after the runs before it: not cleared by a clean run, not absent from a leaking one) that it
 * took out; 1/2 is ideal, all or none learns least.
 */
function halvedTheSuspects(
  runs: readonly TrailRun[],
  operators: DrillStartedPayload['operators'],
): ScoreLine {
  const base = {
    id: 'halved-the-suspects' as const,
    title: 'Halved the suspects',
    ruleId: 'divide-and-conquer' as const,
    max: 20,
  };
  const done = runs.filter((run) => run.facts.status === 'completed');
  const steps: Array<{ run: TrailRun; share: number; live: number }> = [];
  for (const [i, run] of done.entries()) {
    const p = run.facts.params;
    if (p.control || p.removed.length === 0 || !isUnchangedCode(run.facts)) continue;
    const before = completedRuns(done.slice(0, i).map((r) => r.facts));
    // As the lab's next step reads it: an operator the job leaked without is not the cause either.
    const leakedWithout = new Set(
      before
        .filter((r) => !r.params.control && isUnchangedCode(r) && leakOutcome(r) === 'leak')
        .flatMap((r) => operators.filter((op) => !r.operators.includes(op.id)).map((op) => op.id)),
    );
    const live = suspects(operatorCoverage(operators, before)).filter((id) => !leakedWithout.has(id));
    if (live.length < 2) continue;
    const out = live.filter((id) => !run.facts.operators.includes(id)).length;
    steps.push({ run, share: out / live.length, live: live.length });
  }
  if (steps.length === 0)
    return { ...base, points: 0, why: 'No run peeled operators off the job.', eventSeqs: [] };
  const quality = steps.reduce((sum, s) => sum + (1 - Math.abs(s.share - 0.5) * 2), 0) / steps.length;
  return {
    ...base,
    points: Math.round(20 * quality),
    why: `${steps.length} peeling run${steps.length === 1 ? '' : 's'}, removing ${steps
      .map((s) => `${Math.round(s.share * 100)}% of ${s.live} suspects (${runRef(s.run.facts)})`)
      .join(', ')}; a halving removes 50%.`,
    eventSeqs: seqs(...steps.map((s) => s.run.seqs)),
  };
}

function experimentsAndHours(
  trail: readonly TrailEvent[],
  runs: readonly TrailRun[],
  budgetHours: number,
): ScoreLine {
  const base = {
    id: 'experiments-and-hours' as const,
    title: 'Experiments and simulated hours',
    ruleId: 'make-it-fail' as const,
    max: 10,
  };
  const experiments = byKind(trail, 'experiment.created');
  // The dashboard's run came with the page; the budget is what the trainee spent.
  const own = runs.filter((run) => !run.dashboard);
  const hours = own.reduce((sum, run) => sum + (run.facts.params.hours ?? 0), 0);
  const within = hours <= budgetHours;
  const points = within ? 10 : Math.max(0, Math.round(10 * (1 - (hours - budgetHours) / budgetHours)));
  return {
    ...base,
    points,
    why: `${plural(experiments.length, 'experiment')}, ${plural(own.length, 'run')}, ${Math.round(hours * 10) / 10} of ${plural(budgetHours, 'simulated hour')}${within ? '' : ': over budget'}.`,
    eventSeqs: seqs(
      experiments.map((e) => e.seq),
      own.map((r) => r.seqs[0] as number),
    ),
  };
}

function hintsTaken(trail: readonly TrailEvent[]): ScoreLine {
  const base = {
    id: 'hints-taken' as const,
    title: 'Hints taken',
    ruleId: 'get-a-fresh-view' as const,
    max: 10,
  };
  const hints = byKind(trail, 'hint.taken').map((e) => ({ e, p: HintTakenPayload.parse(e.payload) }));
  const cost = hints.reduce((sum, h) => sum + h.p.cost, 0);
  return {
    ...base,
    points: Math.max(0, 10 - cost),
    why:
      hints.length === 0
        ? 'No hint taken.'
        : `${plural(hints.length, 'hint')} taken (${hints.map((h) => h.p.hintId).join(', ')}), costing ${plural(cost, 'point')}.`,
    eventSeqs: hints.map((h) => h.e.seq),
  };
}

function diagnoses(trail: readonly TrailEvent[]) {
  return byKind(trail, 'diagnosis.submitted').map((e) => ({
    e,
    p: DiagnosisSubmittedPayload.parse(e.payload),
  }));
}

function wrongDiagnoses(trail: readonly TrailEvent[]): ScoreLine {
  const base = {
    id: 'wrong-diagnoses' as const,
    title: 'Wrong diagnoses',
    ruleId: 'quit-thinking-and-look' as const,
    max: 10,
  };
  const all = diagnoses(trail);
  const firstRight = all.findIndex((d) => d.p.correct);
  const wrong = all.filter((d, i) => !d.p.correct && (firstRight < 0 || i < firstRight));
  return {
    ...base,
    points: Math.max(0, 10 - 4 * wrong.length),
    why:
      wrong.length === 0
        ? 'No wrong diagnosis.'
        : `${wrong.length} wrong diagnos${wrong.length === 1 ? 'is' : 'es'} before ${firstRight < 0 ? 'giving up' : 'the right one'}.`,
    eventSeqs: wrong.map((d) => d.e.seq),
  };
}

function timeToDiagnosis(
  trail: readonly TrailEvent[],
  start: TrailEvent,
  estimatedMinutes: number,
): ScoreLine {
  const base = {
    id: 'time-to-diagnosis' as const,
    title: 'Time to diagnosis',
    ruleId: 'keep-an-audit-trail' as const,
    max: 5,
  };
  const right = diagnoses(trail).find((d) => d.p.correct);
  if (!right) return { ...base, points: 0, why: 'No right diagnosis yet.', eventSeqs: [start.seq] };
  const minutes = Math.max(0, (right.e.at - start.at) / 60_000);
  const points = minutes <= estimatedMinutes ? 5 : minutes <= 2 * estimatedMinutes ? 3 : 1;
  return {
    ...base,
    points,
    why: `${plural(Math.round(minutes), 'minute')} from the start to the right diagnosis (estimate ${estimatedMinutes}).`,
    eventSeqs: [start.seq, right.e.seq],
  };
}

function fixVerified(trail: readonly TrailEvent[], runs: readonly TrailRun[]): ScoreLine {
  const base = {
    id: 'fix-verified' as const,
    title: 'Fix verified by A/B/A',
    ruleId: 'verify-the-fix' as const,
    max: 5,
  };
  const right = diagnoses(trail).find((d) => d.p.correct);
  const proof = fixProof(runs.map((run) => run.facts));
  const proofSeqs = proof.steps.flatMap((step) => runs.find((r) => r.facts.id === step.runId)?.seqs ?? []);
  const proves = proof.complete && (!right || proof.fixes.includes(right.p.fix));
  if (!proves)
    return {
      ...base,
      points: 0,
      why: proof.complete
        ? `The A/B/A proof is of ${proof.fixes.join(', ')}, not of the diagnosed fix.`
        : (proof.missing ?? 'No A/B/A proof.'),
      eventSeqs: seqs(proofSeqs),
    };
  const resolved = byKind(trail, 'resolution.marked');
  return {
    ...base,
    points: 5,
    why: `With ${proof.fixes.join(', ')} no leak, without it the failure again, with it no leak (${proof.steps
      .map((s) => runs.find((r) => r.facts.id === s.runId)?.facts.seq)
      .map((n) => `#${n}`)
      .join(', ')}).`,
    eventSeqs: seqs(
      proofSeqs,
      resolved.map((e) => e.seq),
    ),
  };
}

/** The scorecard of the drill started by the trail's `drill.started` event (the last one, if restarted). */
export function computeScorecard(trail: readonly TrailEvent[]): Scorecard {
  const start = byKind(trail, 'drill.started').at(-1);
  if (!start) throw new ScorecardError('The trail has no drill.started event: it is not a drill.');
  const info = DrillStartedPayload.parse(start.payload);
  const events = trail.filter((event) => event.seq >= start.seq);
  const runs = runsFromTrail(events, info.operators);
  const lines = [
    madeItFailFirst(events, runs),
    ranAControl(runs),
    oneChangeAtATime(events),
    halvedTheSuspects(runs, info.operators),
    experimentsAndHours(events, runs, info.budgetHours),
    hintsTaken(events),
    wrongDiagnoses(events),
    timeToDiagnosis(events, start, info.estimatedMinutes),
    fixVerified(events, runs),
  ];
  const right = diagnoses(events).some((d) => d.p.correct);
  const verified = (lines.at(-1) as ScoreLine).points > 0;
  return {
    drillId: info.drillId,
    title: info.title,
    solved: right && verified,
    points: lines.reduce((sum, line) => sum + line.points, 0),
    max: lines.reduce((sum, line) => sum + line.max, 0),
    lines,
  };
}
