// Builds a database whose investigation has a very long audit trail (100,000 events by default) for the verify
// benchmark and for trying the timeline at that size: a real investigation created through the services, then
// events appended through the store in batched transactions, with payloads shaped like the ones the sample writes
// (notes of a few hundred characters, experiments with their parameters, preflight checks, run results, verdicts).

import { RULES } from '../../shared/domain/rules';
import { type ExperimentParams, normalizeExperimentParams } from '../../shared/sim/engine/experiment-params';
import { Prng } from '../../shared/sim/random/prng';
import { openBackend } from '../backend/backend';
import type { RecordAudit } from '../backend/services/commit';
import type { ServiceContext } from '../backend/services/context';

export interface LargeTrail {
  investigationId: string;
  events: number;
  buildMs: number;
}

const BATCH = 2_000;
const WORDS = (
  'direct memory back pressure sink paused restart container shut down staircase retained per restart off-heap ' +
  'map close free layer operator subtask TaskManager slot checkpoint failover region Thrift RPC buffer Netty ' +
  'allocator leak flat blip sawtooth verdict baseline control job peel the onion enrichment join transform ' +
  'kafka source deserializer GC full collection MaxDirectMemorySize network memory task off-heap framework'
).split(' ');

function sentence(random: Prng, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[random.nextInt(WORDS.length)]!);
  const text = out.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

const hex = (random: Prng, length: number) => {
  let out = '';
  while (out.length < length) out += random.nextUint32().toString(16).padStart(8, '0');
  return out.slice(0, length);
};
const uuid = (random: Prng) => {
  const h = hex(random, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
};

/** What the trail has made so far, so each event refers to records that exist (the chain vouches for them). */
interface Cycle {
  experiment: { id: string; seq: number; params: ExperimentParams } | null;
  /** A run started and not yet ended. */
  running: { id: string; seq: number; experimentId: string; experimentSeq: number } | null;
  openHypotheses: string[];
}

/**
 * One event of a typical investigation's cycle (look, tick, note, hypothesise, experiment, preflight, run, decide),
 * written with the record it describes, in the same transaction, as the services do: the state check that verify
 * runs finds every record the events vouch for.
 */
function appendOne(
  ctx: ServiceContext,
  record: RecordAudit,
  random: Prng,
  investigationId: string,
  n: number,
  cycle: Cycle,
) {
  const rule = RULES[random.nextInt(RULES.length)]!;
  const item = rule.checklist[random.nextInt(rule.checklist.length)]!;
  const at = ctx.clock();
  const pick = n % 20;
  const note = () => {
    const noteId = uuid(random);
    const revisionId = uuid(random);
    const body = Array.from({ length: 1 + random.nextInt(4) }, () =>
      sentence(random, 8 + random.nextInt(30)),
    ).join('\n\n');
    ctx.store.notes.insertRevision({
      id: revisionId,
      noteId,
      investigationId,
      ruleId: rule.id,
      body,
      createdAt: at,
      createdBy: ctx.user,
      correctsId: null,
    });
    record({ investigationId, kind: 'note.added', ruleId: rule.id, payload: { noteId, revisionId, body } });
  };
  if (pick < 6) {
    const ticked = random.next() < 0.8;
    ctx.store.checklist.set(investigationId, { itemId: item.id, ruleId: rule.id, ticked, at, by: ctx.user });
    record({
      investigationId,
      kind: ticked ? 'checklist.ticked' : 'checklist.unticked',
      ruleId: rule.id,
      payload: { itemId: item.id, text: item.text },
    });
  } else if (pick < 9) {
    note();
  } else if (pick < 10) {
    const id = uuid(random);
    const statement = sentence(random, 14);
    ctx.store.hypotheses.insert({
      id,
      investigationId,
      statement,
      ruleId: 'divide-and-conquer',
      status: 'open',
      reason: null,
      predicts: 'leak',
      decidedByRunId: null,
      decidedAutomatically: false,
      createdAt: at,
      createdBy: ctx.user,
      updatedAt: at,
    });
    cycle.openHypotheses.push(id);
    record({
      investigationId,
      kind: 'hypothesis.added',
      ruleId: 'divide-and-conquer',
      payload: { hypothesisId: id, statement, predicts: 'leak' },
    });
  } else if (pick < 12) {
    const params = normalizeExperimentParams({
      scenario: 'offheap-map-leak',
      removed: random.next() < 0.5 ? ['layer3'] : [],
      seed: 1 + random.nextInt(9),
      hours: 6,
      failContainers: [{ atSec: 1800, count: 2 }],
      pauseSink: [{ fromSec: 3600, toSec: 4200 }],
    });
    const diff = [{ dimension: 'topology' as const, description: 'removed layer 3' }];
    const label = `removed ${sentence(random, 3)}`;
    const parent = cycle.experiment;
    const created = ctx.store.experiments.insert({
      id: uuid(random),
      investigationId,
      parentId: parent?.id ?? null,
      label,
      params,
      diff,
      multiChangeConfirmed: false,
      hypothesisId: null,
      createdAt: at,
      createdBy: ctx.user,
    });
    cycle.experiment = { id: created.id, seq: created.seq, params };
    record({
      investigationId,
      kind: 'experiment.created',
      ruleId: 'divide-and-conquer',
      payload: {
        experimentId: created.id,
        seq: created.seq,
        parentId: parent?.id ?? null,
        parentSeq: parent?.seq ?? null,
        label,
        diff,
        multiChangeConfirmed: false,
        hypothesisId: null,
        params,
      },
    });
  } else if (pick < 13 && cycle.experiment) {
    record({
      investigationId,
      kind: 'experiment.preflight',
      ruleId: 'check-the-plug',
      payload: {
        experimentId: cycle.experiment.id,
        experimentSeq: cycle.experiment.seq,
        checks: ['config', 'metric', 'failures', 'baseline', 'gc-flags'].map((id) => ({
          id,
          label: sentence(random, 8),
          ok: random.next() < 0.9,
          detail: sentence(random, 16),
        })),
      },
    });
  } else if (pick < 15 && cycle.experiment && !cycle.running) {
    const runId = uuid(random);
    const seq = ctx.store.runs.insert({
      id: runId,
      experimentId: cycle.experiment.id,
      investigationId,
      startedAt: at,
      startedBy: ctx.user,
      durationSec: cycle.experiment.params.hours * 3600,
    });
    cycle.running = {
      id: runId,
      seq,
      experimentId: cycle.experiment.id,
      experimentSeq: cycle.experiment.seq,
    };
    record({
      investigationId,
      kind: 'run.started',
      ruleId: 'make-it-fail',
      payload: {
        runId,
        seq,
        experimentId: cycle.experiment.id,
        experimentSeq: cycle.experiment.seq,
        seed: cycle.experiment.params.seed,
        params: cycle.experiment.params,
      },
    });
  } else if (pick < 19 && cycle.running) {
    // The trail is about its events, not simulations: each run is cancelled before it would have finished.
    const run = cycle.running;
    const error = 'The run was cancelled.';
    ctx.store.runs.finish(run.id, { status: 'cancelled', finishedAt: at, error });
    cycle.running = null;
    record({
      investigationId,
      kind: 'run.cancelled',
      ruleId: 'make-it-fail',
      payload: {
        runId: run.id,
        seq: run.seq,
        experimentId: run.experimentId,
        experimentSeq: run.experimentSeq,
        error,
      },
    });
  } else if (pick >= 19 && cycle.openHypotheses.length > 0) {
    const id = cycle.openHypotheses.shift()!;
    const hypothesis = ctx.store.hypotheses.get(id)!;
    const to = random.next() < 0.5 ? 'supported' : 'refuted';
    const reason = sentence(random, 12);
    ctx.store.hypotheses.setStatus(id, to, reason, at);
    record({
      investigationId,
      kind: 'hypothesis.status-changed',
      ruleId: 'divide-and-conquer',
      payload: { hypothesisId: id, statement: hypothesis.statement, from: 'open', to, reason },
    });
  } else {
    note();
  }
}

/** Builds the trail in `dataDir` (a new folder); `onProgress` hears every batch. */
export async function buildLargeTrail(
  dataDir: string,
  events = 100_000,
  onProgress: (done: number) => void = () => {},
): Promise<LargeTrail> {
  let now = Date.UTC(2026, 10, 1);
  const backend = openBackend({
    dataDir,
    host: 'browser',
    version: 'bench',
    user: 'bench',
    clock: () => now,
  });
  try {
    const started = performance.now();
    const created = await backend.dispatch('investigations.create', {
      title: `A very long trail (${events.toLocaleString('en-US')} events)`,
      summary: 'Built by electron/bench/large-trail.ts to check verification and the timeline at this size.',
      startedAt: now - 3_600_000,
    });
    if (!created.ok) throw new Error(created.error.message);
    const investigationId = (created.value as { id: string }).id;
    const ctx = backend.context;
    const random = new Prng(6);
    const cycle: Cycle = { experiment: null, running: null, openHypotheses: [] };
    for (let done = 1; done < events; ) {
      const count = Math.min(BATCH, events - done);
      // One transaction per batch, as an import would write: the append itself is what is being exercised.
      ctx.store.transaction(() => {
        for (let i = 0; i < count; i++) {
          now += 1 + random.nextInt(9_000);
          appendOne(
            ctx,
            (event) => ctx.store.audit.append({ ...event, id: uuid(random), at: now, actor: 'bench' }),
            random,
            investigationId,
            done + i,
            cycle,
          );
        }
      });
      done += count;
      onProgress(done);
    }
    return { investigationId, events, buildMs: performance.now() - started };
  } finally {
    backend.close();
  }
}
