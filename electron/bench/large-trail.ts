// Builds a database whose investigation has a very long audit trail (100,000 events by default) for the verify
// benchmark and for trying the timeline at that size: a real investigation created through the services, then
// events appended through the store in batched transactions, with payloads shaped like the ones the sample writes
// (notes of a few hundred characters, experiments with their parameters, preflight checks, run results, verdicts).

import { RULES } from '../../shared/domain/rules';
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

/** One event of a typical investigation's cycle: look, note, hypothesise, experiment, run, verdict. */
function appendOne(
  ctx: ServiceContext,
  record: RecordAudit,
  random: Prng,
  investigationId: string,
  n: number,
) {
  const rule = RULES[random.nextInt(RULES.length)]!;
  const item = rule.checklist[random.nextInt(rule.checklist.length)]!;
  const experimentSeq = 1 + Math.floor(n / 20);
  const runId = uuid(random);
  const params = {
    scenario: 'offheap-map-leak',
    variant: null,
    removed: random.next() < 0.5 ? ['layer3'] : [],
    fixes: [],
    control: false,
    seed: 1 + random.nextInt(9),
    durationSec: 21_600,
    failContainers: [{ atSec: 1800, count: 2 }],
    pauseSink: [{ atSec: 3600, forSec: 600 }],
    configOverrides: { 'taskmanager.memory.task.off-heap.size': '512m' },
  };
  const pick = n % 20;
  const at = ctx.clock();
  if (pick < 6) {
    record({
      investigationId,
      kind: random.next() < 0.8 ? 'checklist.ticked' : 'checklist.unticked',
      ruleId: rule.id,
      payload: { itemId: item.id, text: item.text },
    });
  } else if (pick < 9) {
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
  } else if (pick < 10) {
    record({
      investigationId,
      kind: 'hypothesis.added',
      ruleId: 'divide-and-conquer',
      payload: { hypothesisId: uuid(random), statement: sentence(random, 14), predicts: 'leak' },
    });
  } else if (pick < 12) {
    record({
      investigationId,
      kind: 'experiment.created',
      ruleId: 'divide-and-conquer',
      payload: {
        experimentId: uuid(random),
        seq: experimentSeq,
        parentId: uuid(random),
        parentSeq: Math.max(1, experimentSeq - 1),
        label: `removed ${sentence(random, 3)}`,
        diff: [{ dimension: 'topology', description: 'removed layer 3', before: 'kept', after: 'removed' }],
        multiChangeConfirmed: false,
        hypothesisId: null,
        params,
      },
    });
  } else if (pick < 13) {
    record({
      investigationId,
      kind: 'experiment.preflight',
      ruleId: 'check-the-plug',
      payload: {
        experimentId: uuid(random),
        experimentSeq,
        checks: ['config', 'metric', 'failures', 'baseline', 'gc-flags'].map((id) => ({
          id,
          label: sentence(random, 8),
          ok: random.next() < 0.9,
          detail: sentence(random, 16),
        })),
      },
    });
  } else if (pick < 15) {
    record({
      investigationId,
      kind: 'run.started',
      ruleId: 'make-it-fail',
      payload: {
        runId,
        seq: experimentSeq,
        experimentId: uuid(random),
        experimentSeq,
        seed: params.seed,
        params,
      },
    });
  } else if (pick < 17) {
    record({
      investigationId,
      kind: 'run.completed',
      ruleId: 'make-it-fail',
      payload: {
        runId,
        seq: experimentSeq,
        experimentId: uuid(random),
        experimentSeq,
        seed: params.seed,
        durationSec: 21_600,
        restarts: random.nextInt(200),
        ooms: random.nextInt(400),
        fullGcs: random.nextInt(5),
        taskFailures: random.nextInt(50),
        peakDirectBytes: random.nextInt(2 ** 31),
        peakRssBytes: random.nextInt(2 ** 32),
        wallMs: random.nextInt(5000),
      },
    });
  } else if (pick < 19) {
    record({
      investigationId,
      kind: 'verdict.recorded',
      ruleId: 'quit-thinking-and-look',
      payload: {
        runId,
        seq: experimentSeq,
        experimentSeq,
        verdict: ['staircase', 'flat', 'blip', 'sawtooth'][random.nextInt(4)],
        retainedBytesPerRestart: random.nextInt(2 ** 28),
        confidence: random.next(),
        residentVerdict: 'leak',
        summary: sentence(random, 20),
      },
    });
  } else {
    record({
      investigationId,
      kind: 'hypothesis.status-changed',
      ruleId: 'divide-and-conquer',
      payload: {
        hypothesisId: uuid(random),
        statement: sentence(random, 14),
        from: 'open',
        to: random.next() < 0.5 ? 'supported' : 'refuted',
        reason: sentence(random, 12),
        automatic: true,
      },
    });
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
