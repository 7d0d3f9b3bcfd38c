// Test support: a trainee's short drill (start, a hint, a peel, a wrong then a right diagnosis) exported as the
// JSON bundle they would hand in.
import { findDrill, generateVariant } from '../../../../shared/training';
import { createLabBackend, runToEnd } from '../lab/test-lab';
import type { TestBackend } from '../test-backend';

export const TEST_DRILL = 'restart-staircase';
export const TEST_SEED = 5;

export async function traineeDrill(): Promise<{ t: TestBackend; investigationId: string; bundle: string }> {
  const t = createLabBackend();
  const variant = generateVariant(findDrill(TEST_DRILL)!, TEST_SEED);
  const session = await t.call('drills.start', { drillId: TEST_DRILL, seed: TEST_SEED });
  const { investigationId } = session;
  await t.call('drills.takeHint', { investigationId, hintId: session.view.hints[0]!.id });
  const base = (await t.call('lab.state', { investigationId })).experiments[0]!;
  const peeled = await t.call('experiments.create', {
    investigationId,
    parentId: base.id,
    params: { ...base.params, removed: [variant.answer.acceptedCulprits[0]!] },
  });
  await runToEnd(t, peeled.id);
  await t.call('drills.diagnose', {
    investigationId,
    culprit: variant.answer.acceptedCulprits[0]!,
    cause: variant.answer.defect === 'platform-leak' ? 'map-kept-in-static' : 'platform-leak',
    fix: variant.answer.acceptedFixes[0]!,
    notes: '',
  });
  await t.call('drills.diagnose', {
    investigationId,
    culprit: variant.answer.acceptedCulprits[0]!,
    cause: variant.answer.defect,
    fix: variant.answer.acceptedFixes[0]!,
    notes: 'gone once peeled',
  });
  const bundle = (await t.call('exports.render', { investigationId, format: 'json' })).text;
  return { t, investigationId, bundle };
}
