// Test support for the exchange services: a small finished investigation told through the real channels (the
// seed's method on the quick two-TaskManager experiment): notes (one trying to smuggle a script), two hypotheses
// decided by runs, a baseline, a control, peels, the fix proven A/B/A, a corrected note, and the resolution.
import { createLabBackend, FIX, SMALL } from '../lab/test-lab';
import { FIXED_START, type TestBackend } from '../test-backend';

export const STORY_TITLE = 'Direct OOMs in ads-metrics | <b>prod</b>';
export const SCRIPT_NOTE = 'Tried <script>alert("owned")</script> in a note; also **bold** and a | pipe.';

export interface Story {
  t: TestBackend;
  investigationId: string;
}

export async function tellStory(t: TestBackend = createLabBackend()): Promise<Story> {
  const { call } = t;
  const investigation = await call('investigations.create', {
    title: STORY_TITLE,
    summary:
      'Tasks fail with `Cannot reserve … bytes of direct buffer memory`.\n\n<img src=x onerror=alert(1)>',
    startedAt: FIXED_START - 86_400_000,
  });
  const id = investigation.id;
  const run = async (experimentId: string) => {
    const started = await call('runs.start', { experimentId });
    await t.backend.context.lab.jobs.get(started.id)?.stored;
    t.advance(60_000);
    return started.id;
  };
  const note = await call('notes.add', {
    investigationId: id,
    ruleId: 'quit-thinking-and-look',
    body: SCRIPT_NOTE,
  });
  await call('notes.correct', { noteId: note.id, body: `${SCRIPT_NOTE}\n\n# A heading inside a note` });
  await call('notes.add', {
    investigationId: id,
    ruleId: null,
    body: 'Band-aid: task off-heap raised to 5G.',
  });
  await call('checklist.set', { investigationId: id, itemId: 'understand.lifecycle', ticked: true });
  const baseline = await call('experiments.create', { investigationId: id, parentId: null, params: SMALL });
  await run(baseline.id);
  const rpc = await call('hypotheses.add', {
    investigationId: id,
    statement: 'Layer 2 leaks: without layer 3 the staircase remains',
    ruleId: 'divide-and-conquer',
    predicts: 'leak',
  });
  const map = await call('hypotheses.add', {
    investigationId: id,
    statement: 'Layer 3 leaks: without layer 2 the staircase remains',
    ruleId: 'divide-and-conquer',
    predicts: 'leak',
  });
  const derive = (parent: typeof baseline, changes: object, hypothesisId?: string) =>
    call('experiments.create', {
      investigationId: id,
      parentId: parent.id,
      params: { ...parent.params, ...changes },
      ...(hypothesisId ? { hypothesisId } : {}),
    });
  await run((await derive(baseline, { control: true })).id);
  const peeled = await derive(baseline, { removed: ['layer2', 'layer3'] });
  await run(peeled.id);
  await run((await derive(peeled, { removed: ['layer3'] }, rpc.id)).id);
  await run((await derive(baseline, { removed: ['layer2'] }, map.id)).id);
  const fixed = await call('fixes.apply', { experimentId: baseline.id, fixId: FIX, apply: true });
  await run(fixed.id);
  const unfixed = await call('fixes.apply', { experimentId: fixed.id, fixId: FIX, apply: false });
  await run(unfixed.id);
  const refixed = await call('fixes.apply', { experimentId: unfixed.id, fixId: FIX, apply: true });
  await run(refixed.id);
  await call('investigations.resolve', {
    investigationId: id,
    reason: 'currency-convert leaked its off-heap map on every restart; freed in close(), proven A/B/A.',
  });
  return { t, investigationId: id };
}
