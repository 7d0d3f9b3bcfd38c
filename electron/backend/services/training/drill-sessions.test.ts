// A scripted drill through the real services (real SQLite, in-process simulations): start, page, hint, peel,
// a wrong diagnosis refused, a right one, the A/B/A proof, the scorecard; and every answer the renderer got
// along the way searched for the hidden cause.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName, RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { taskManagerSeriesKey } from '../../../../shared/domain/lab/series-keys';
import { SCENARIOS } from '../../../../shared/sim/scenarios/catalog';
import {
  DEFECT_KIND_INFO,
  DEFECT_KINDS,
  type DrillVariant,
  findDrill,
  generateVariant,
  WRONG_DIAGNOSIS,
} from '../../../../shared/training';
import { createLabBackend, runToEnd } from '../lab/test-lab';
import type { TestBackend } from '../test-backend';

const DRILL = 'restart-staircase';
const SEED = 11;

let t: TestBackend;
let variant: DrillVariant;
/** Every response the renderer received, with the channel that sent it. */
const received: Array<{ channel: string; value: unknown }> = [];

async function call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const value = await t.call(channel, request);
  received.push({ channel, value });
  return value;
}

beforeAll(() => {
  t = createLabBackend();
  variant = generateVariant(findDrill(DRILL)!, SEED);
});
afterAll(() => t.dispose());

describe('a drill, start to scorecard', () => {
  let investigationId: string;
  let dashboardExperimentId: string;

  it('lists the drills with what a trainee chooses by', async () => {
    const drills = await call('drills.list', {});
    expect(drills.length).toBeGreaterThanOrEqual(8);
    for (const drill of drills) {
      expect(drill.title).not.toBe('');
      expect(drill.estimatedMinutes).toBeGreaterThan(0);
      expect(drill.rules.length).toBeGreaterThan(0);
    }
  });

  it('starts as an investigation with the page and its first hours already run', async () => {
    const session = await call('drills.start', { drillId: DRILL, seed: SEED });
    investigationId = session.investigationId;
    expect(session.view.drill.id).toBe(DRILL);
    expect(session.view.page.alert.length).toBeGreaterThan(20);
    expect(session.spentHours).toBe(0);
    expect(session.budgetHours).toBe(findDrill(DRILL)!.budgetHours);
    expect(session.dashboardRunId).not.toBeNull();
    dashboardExperimentId = session.dashboardExperimentId!;
    // The page's run already failed with restarts: "have you made it fail?" is answered, so offered last.
    const onPurpose = session.view.hints.find((hint) => hint.id === 'make-it-fail.on-purpose');
    if (onPurpose) {
      expect(onPurpose.done).toMatch(/run #1 already failed/);
      expect(session.view.hints[0]!.id).not.toBe('make-it-fail.on-purpose');
    }
    // ... and it ticked the checklist by evidence, as any investigation's run does.
    const detail = await call('investigations.get', { id: investigationId });
    const ticked = detail.checklist.filter((item) => item.ticked).map((item) => item.itemId);
    expect(ticked).toEqual(expect.arrayContaining(['fail.restarts', 'fail.reproduced', 'plug.baseline']));
    const lab = await call('lab.state', { investigationId });
    expect(lab.scenarioId).toBe('drill');
    expect(lab.experiments).toHaveLength(1);
    expect(lab.experiments[0]!.runs[0]!.status).toBe('completed');
    const series = await call('runs.series', {
      runId: session.dashboardRunId!,
      keys: [taskManagerSeriesKey('tm-1', 'Status.JVM.Memory.Direct.MemoryUsed')],
      points: 200,
    });
    expect(series.length).toBeGreaterThan(0);
    const kinds = (await call('audit.list', { investigationId, limit: 50 })).map((e) => e.kind);
    expect(kinds).toContain('drill.started');
    const started = (await call('audit.list', { investigationId, limit: 50 })).find(
      (e) => e.kind === 'run.started',
    );
    expect(started?.payload.dashboard).toBe(true);
  });

  it('refuses a drill that does not exist and a start without a drill, naming the field', async () => {
    expect((await t.fail('drills.start', { drillId: 'nope' })).message).toMatch(/^drills\.start: drillId: /);
    expect((await t.fail('drills.start', {})).message).toMatch(/^drills\.start: drillId: /);
  });

  it('records a hint with its cost and refuses taking it twice', async () => {
    const before = await call('drills.session', { investigationId });
    const offer = before!.view.hints[0]!;
    const after = await call('drills.takeHint', { investigationId, hintId: offer.id });
    expect(after.hintsTaken).toHaveLength(1);
    expect(after.hintsTaken[0]).toMatchObject({ hintId: offer.id, cost: offer.cost });
    expect(after.hintsTaken[0]!.text.length).toBeGreaterThan(10);
    expect(after.view.hints.find((h) => h.id === offer.id)?.taken).toBe(true);
    expect((await t.fail('drills.takeHint', { investigationId, hintId: offer.id })).code).toBe('conflict');
  });

  it('peels the culprit as an ordinary experiment, counted against the budget', async () => {
    const culprit = variant.answer.acceptedCulprits[0]!;
    // The memory editor's preview works on the drill's own scenario (through the investigation).
    const memory = await call('lab.previewMemory', {
      scenarioId: 'drill',
      variant: null,
      configOverrides: { 'taskmanager.memory.task.off-heap.size': '768m' },
      investigationId,
    });
    expect(memory.ok).toBe(true);
    const plan = await call('lab.planJob', {
      investigationId,
      params: { scenario: 'drill', removed: [culprit], hours: variant.dashboardHours },
    });
    expect(plan.operators.some((op) => op.id === culprit)).toBe(false);
    const diff = await call('experiments.diff', {
      investigationId,
      parentId: dashboardExperimentId,
      params: { ...(await dashboardParams()), removed: [culprit] },
    });
    expect(diff.changes).toHaveLength(1);
    const peeled = await call('experiments.create', {
      investigationId,
      parentId: dashboardExperimentId,
      params: { ...(await dashboardParams()), removed: [culprit] },
    });
    const run = await runToEnd(t, peeled.id);
    received.push({ channel: 'runs.get', value: await call('runs.get', { runId: run.id }) });
    const session = await call('drills.session', { investigationId });
    expect(session!.spentHours).toBe(variant.dashboardHours);
  });

  it('refuses a wrong diagnosis without revealing the answer, and records it', async () => {
    const wrongCause = DEFECT_KINDS.find((kind) => kind !== variant.answer.defect)!;
    const verdict = await call('drills.diagnose', {
      investigationId,
      culprit: variant.answer.acceptedCulprits[0]!,
      cause: wrongCause,
      fix: variant.answer.acceptedFixes[0]!,
      notes: 'a guess',
    });
    expect(verdict.status).toBe('wrong');
    expect(verdict.message).toBe(WRONG_DIAGNOSIS);
    expect(verdict.session.diagnoses).toHaveLength(1);
    expect(verdict.session.diagnosed).toBe(false);
  });

  it('refuses a diagnosis naming an operator the job does not have, naming the field', async () => {
    const error = await t.fail('drills.diagnose', {
      investigationId,
      culprit: 'no-such-operator',
      cause: variant.answer.defect,
      fix: variant.answer.acceptedFixes[0]!,
      notes: '',
    });
    expect(error.message).toMatch(/^drills\.diagnose: culprit: /);
  });

  it('confirms the right diagnosis, and counts the drill solved only once the fix is proven A/B/A', async () => {
    const verdict = await call('drills.diagnose', {
      investigationId,
      culprit: variant.answer.acceptedCulprits[0]!,
      cause: variant.answer.defect,
      fix: variant.answer.acceptedFixes[0]!,
      notes: 'retained memory grows per restart; gone without it',
    });
    expect(verdict.status).toBe('right');
    expect(verdict.session.diagnosed).toBe(true);
    expect(verdict.session.solved).toBe(false);

    const fixId = variant.answer.fix;
    const fixed = await call('fixes.apply', { experimentId: dashboardExperimentId, fixId, apply: true });
    await runToEnd(t, fixed.id);
    const unfixed = await call('fixes.apply', { experimentId: fixed.id, fixId, apply: false });
    await runToEnd(t, unfixed.id);
    const again = await call('fixes.apply', { experimentId: unfixed.id, fixId, apply: true });
    await runToEnd(t, again.id);
    const session = await call('drills.session', { investigationId });
    expect(session!.solved).toBe(true);
  });

  it('scores the method from the trail, each line with its why and its events', async () => {
    const card = await call('drills.scorecard', { investigationId });
    expect(card.solved).toBe(true);
    expect(card.lines.map((line) => line.id)).toContain('hints-taken');
    const trailSeqs = new Set((await call('audit.list', { investigationId, limit: 500 })).map((e) => e.seq));
    for (const line of card.lines) {
      expect(line.why.length).toBeGreaterThan(5);
      for (const seq of line.eventSeqs) expect(trailSeqs.has(seq)).toBe(true);
    }
    expect(card.lines.find((line) => line.id === 'wrong-diagnoses')!.points).toBeLessThan(
      card.lines.find((line) => line.id === 'wrong-diagnoses')!.max,
    );
    expect(card.lines.find((line) => line.id === 'fix-verified')!.points).toBeGreaterThan(0);
  });

  it('the chain still verifies with the drill events in it', async () => {
    const verdict = await call('audit.verify', {});
    expect(verdict.ok).toBe(true);
  });

  it('no answer the renderer received names the defect, its story or the scenario behind it', () => {
    // The trainee's own diagnoses echo what they typed, and the cause list is the same for every drill: the
    // only places the defect's name may appear.
    const allowed = (path: string) =>
      /\.choices\.causes\[\d+\]/.test(path) ||
      /\.diagnoses\[\d+\]\.cause$/.test(path) ||
      /^drills\.diagnose/.test(path) ||
      /payload\.cause$/.test(path) ||
      /payload\.text$/.test(path);
    const secrets = [
      variant.answer.defect,
      DEFECT_KIND_INFO[variant.answer.defect].label,
      variant.answer.scenarioFamily,
      ...SCENARIOS.flatMap((s) => [s.id, s.title, s.hiddenCause]),
    ];
    const forbiddenKeys = new Set([
      'answer',
      'placements',
      'redHerring',
      'acceptedCulprits',
      'acceptedFixes',
      'scenarioFamily',
    ]);
    const found: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (typeof value === 'string') {
        for (const secret of secrets)
          if (value.includes(secret) && !allowed(path)) found.push(`${path} contains '${secret}'`);
        return;
      }
      if (Array.isArray(value)) for (const [i, item] of value.entries()) walk(item, `${path}[${i}]`);
      else if (value && typeof value === 'object')
        for (const [key, item] of Object.entries(value)) {
          if (forbiddenKeys.has(key)) found.push(`${path}.${key} is a field of the answer`);
          walk(item, `${path}.${key}`);
        }
    };
    for (const [i, { channel, value }] of received.entries()) walk(value, `${channel}#${i}`);
    for (const [i, event] of t.events.entries()) walk(event.payload, `push:${event.name}#${i}`);
    expect(received.length).toBeGreaterThan(15);
    expect(found).toEqual([]);
  });
});

async function dashboardParams() {
  const start = received.find((r) => r.channel === 'drills.start')!.value as { investigationId: string };
  const lab = await t.call('lab.state', { investigationId: start.investigationId });
  return lab.experiments[0]!.params;
}

describe("an instructor's drill", () => {
  it('is written as a drill file, refused with the field when malformed, and started like any drill', async () => {
    const base = findDrill('sawtooth')!;
    const authored = { ...base, id: 'team-sawtooth', title: 'Our own saw-tooth', budgetHours: 30 };
    const file = await t.call('drills.writeFile', { drill: authored as unknown as Record<string, unknown> });
    expect(file.fileName).toBe('team-sawtooth.peel-drill.json');
    expect(JSON.parse(file.text)).toMatchObject({ format: 'peel-drill', version: 1 });

    const bad = await t.fail('drills.writeFile', { drill: { ...authored, budgetHours: -1 } });
    expect(bad.message).toMatch(/^drills\.writeFile: drill\.budgetHours: /);

    const session = await t.call('drills.start', { drillFile: file.text, fileName: file.fileName, seed: 4 });
    expect(session.view.drill).toMatchObject({
      id: 'team-sawtooth',
      title: 'Our own saw-tooth',
      budgetHours: 30,
    });
    expect(session.budgetHours).toBe(30);

    const newer = file.text.replace('"version": 1', '"version": 2');
    const refused = await t.fail('drills.start', { drillFile: newer, fileName: 'newer.json' });
    expect(refused.message).toMatch(/^drills\.start: drillFile: newer\.json was written by a newer Peel/);
  }, 60_000);
});
