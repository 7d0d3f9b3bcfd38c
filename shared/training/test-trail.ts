// Test support: a drill's audit trail written the way the services write it (experiment.created with its diff,
// run.started / run.completed / verdict.recorded, hypotheses, hints, diagnoses, the resolution), with run outcomes
// given by the test: a recorded trail, not a simulation.
import type { ExperimentParams } from '../contract/lab-entities';
import { diffExperimentParams, labelFromDiff } from '../domain/lab/experiment-diff';
import type { DiagnosisInput } from './diagnosis';
import { checkDiagnosis } from './diagnosis';
import { drillParams } from './drill-runs';
import { startDrill } from './drill-start';
import type { DrillDefinition, DrillVariant, HintId } from './drill-types';
import { takeHint } from './hints';
import type { TrailEvent } from './trail-events';

export interface Outcome {
  verdict: 'leak' | 'sawtooth' | 'blip' | 'flat';
  ooms?: number;
  containersKilled?: number;
}

export class TrailBuilder {
  readonly events: TrailEvent[] = [];
  readonly variant: DrillVariant;
  private at = Date.UTC(2026, 11, 7, 9, 0, 0);
  private experiments = 0;
  private runs = 0;
  private readonly operators: Array<{ id: string; layer: string }>;

  constructor(
    readonly drill: DrillDefinition,
    seed: number,
  ) {
    const started = startDrill(drill, seed);
    this.variant = started.variant;
    this.operators = started.payload.operators;
    this.push('drill.started', started.payload as unknown as Record<string, unknown>);
  }

  push(kind: string, payload: Record<string, unknown>, minutes = 2): TrailEvent {
    this.at += minutes * 60_000;
    const event = { seq: this.events.length + 1, kind, at: this.at, payload };
    this.events.push(event);
    return event;
  }

  experiment(
    changes: Partial<ExperimentParams>,
    parent: { id: string; seq: number; params: ExperimentParams } | null = null,
  ): { id: string; seq: number; params: ExperimentParams } {
    const params = drillParams(this.variant, {
      hours: 6,
      parallelism: 4,
      ...parent?.params,
      ...changes,
    }) as ExperimentParams;
    const diff = diffExperimentParams(parent?.params ?? null, params);
    const seq = ++this.experiments;
    const id = `exp-${seq}`;
    this.push('experiment.created', {
      experimentId: id,
      seq,
      parentId: parent?.id ?? null,
      parentSeq: parent?.seq ?? null,
      label: labelFromDiff(diff),
      diff,
      multiChangeConfirmed: diff.length > 1,
      hypothesisId: null,
      params,
    });
    return { id, seq, params };
  }

  run(
    experiment: { id: string; seq: number; params: ExperimentParams },
    outcome: Outcome,
    extra: Record<string, unknown> = {},
  ): void {
    const seq = ++this.runs;
    const runId = `run-${seq}`;
    const base = { runId, seq, experimentId: experiment.id, experimentSeq: experiment.seq };
    this.push(
      'run.started',
      { ...base, seed: experiment.params.seed, params: experiment.params, ...extra },
      1,
    );
    this.push(
      'run.completed',
      {
        ...base,
        restarts: experiment.params.control || experiment.params.failContainers.length > 0 ? 11 : 0,
        ooms: outcome.ooms ?? 0,
        containersKilled: outcome.containersKilled ?? 0,
        fullGcs: 0,
      },
      3,
    );
    this.push(
      'verdict.recorded',
      {
        ...base,
        verdict: outcome.verdict,
        confidence: 0.9,
        residentVerdict: 'flat',
        retainedBytesPerRestart: 0,
      },
      0,
    );
  }

  /** Leaks when the culprit ran (and its fix was not applied), as the hidden answer would have it. */
  outcomeOf(params: ExperimentParams): Outcome {
    const culprit = this.variant.answer.culprit;
    const present =
      culprit.kind === 'platform' ||
      (!params.control &&
        !params.removed.includes(culprit.operatorId) &&
        !params.removed.includes(culprit.layer));
    const fixed = params.fixes.some((fix) => this.variant.answer.acceptedFixes.includes(fix));
    return present && !fixed ? { verdict: 'leak', ooms: 30 } : { verdict: 'flat' };
  }

  hypothesis(statement: string): void {
    this.push('hypothesis.added', { hypothesisId: `h-${this.events.length}`, statement, predicts: null });
  }

  hint(id: HintId): void {
    const payload = takeHint(this.drill.hints, id, { trail: this.events, operators: this.operators });
    this.push('hint.taken', payload);
  }

  diagnose(input: DiagnosisInput): boolean {
    const result = checkDiagnosis(this.variant, input);
    if (result.status === 'invalid') throw new Error(result.message);
    this.push('diagnosis.submitted', { ...input, correct: result.status === 'right' });
    return result.status === 'right';
  }

  rightDiagnosis(): DiagnosisInput {
    const { answer } = this.variant;
    return {
      culprit: answer.acceptedCulprits[0] as string,
      cause: answer.defect,
      fix: answer.fix,
      notes: 'It climbs one map per restart while that operator runs.',
    };
  }

  resolve(): void {
    this.push('resolution.marked', { reason: 'A/B/A proof complete', fixes: [this.variant.answer.fix] });
  }

  get drillOperators(): Array<{ id: string; layer: string }> {
    return this.operators;
  }
}
