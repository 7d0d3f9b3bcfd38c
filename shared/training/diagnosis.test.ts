import { describe, expect, it } from 'vitest';
import { checkDiagnosis, WRONG_DIAGNOSIS } from './diagnosis';
import { DRILLS, findDrill } from './drill-catalog';
import { generateVariant } from './generate-variant';

describe('checkDiagnosis', () => {
  it('confirms the right culprit, cause and fix in every drill', () => {
    for (const drill of DRILLS) {
      for (const seed of [1, 2, 3]) {
        const v = generateVariant(drill, seed);
        for (const culprit of v.answer.acceptedCulprits) {
          const result = checkDiagnosis(v, {
            culprit,
            cause: v.answer.defect,
            fix: v.answer.fix,
            notes: 'why',
          });
          expect(result.status, `${drill.id}#${seed}`).toBe('right');
        }
      }
    }
  });

  it('refuses any wrong part with the same words, revealing nothing', () => {
    const drill = findDrill('two-defects');
    if (!drill) throw new Error('missing drill');
    const v = generateVariant(drill, 5);
    const right = {
      culprit: v.answer.acceptedCulprits[0] as string,
      cause: v.answer.defect,
      fix: v.answer.fix,
      notes: '',
    };
    const herring = v.redHerring;
    if (!herring?.operatorId) throw new Error('no red herring');
    const wrongs = [
      { ...right, cause: 'map-kept-in-static' as const },
      { ...right, cause: 'rpc-fresh-buffers' as const },
      { ...right, fix: `drop-static-reference@${right.culprit}` },
      {
        culprit: herring.operatorId,
        cause: 'rpc-fresh-buffers' as const,
        fix: herring.slotFixes[0] as string,
        notes: 'the spikes',
      },
      { culprit: 'platform', cause: 'platform-leak' as const, fix: 'upgrade-platform@platform', notes: '' },
    ];
    for (const wrong of wrongs) {
      const result = checkDiagnosis(v, wrong);
      expect(result).toEqual({ status: 'wrong', message: WRONG_DIAGNOSIS });
      expect(result.message).not.toContain(right.culprit);
    }
  });

  it('names input that cannot be a diagnosis of this job', () => {
    const drill = findDrill('restart-staircase');
    if (!drill) throw new Error('missing drill');
    const v = generateVariant(drill, 2);
    const right = {
      culprit: v.answer.acceptedCulprits[0] as string,
      cause: v.answer.defect,
      fix: v.answer.fix,
      notes: '',
    };
    expect(checkDiagnosis(v, { ...right, culprit: 'leaky-map' })).toMatchObject({
      status: 'invalid',
      field: 'culprit',
    });
    expect(checkDiagnosis(v, { ...right, fix: 'free-map-in-close@nowhere' })).toMatchObject({
      status: 'invalid',
      field: 'fix',
    });
    const elsewhere = v.fixChoices.find((f) => f.target !== right.culprit && f.kind === 'free-map-in-close');
    if (elsewhere) {
      const result = checkDiagnosis(v, { ...right, fix: elsewhere.id });
      expect(result).toMatchObject({ status: 'invalid', field: 'fix' });
      expect(result.message).toBe(
        `fix: it changes ${elsewhere.target}, but the culprit you name is ${right.culprit}`,
      );
    }
  });
});
