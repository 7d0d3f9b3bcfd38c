import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../domain/canonical-json';
import { DRILLS } from './drill-catalog';
import { reopenDrill, startDrill } from './drill-start';
import { DrillStartedPayload } from './training-audit-kinds';

describe('drill.started', () => {
  it('records the drill so Peel can re-derive the variant, without the seed or the answer in readable form', () => {
    for (const drill of DRILLS) {
      const { variant, payload } = startDrill(drill, 271_828);
      expect(DrillStartedPayload.parse(payload)).toEqual(payload);
      const text = JSON.stringify(payload);
      expect(text).not.toContain('271828');
      expect(text).not.toContain(variant.answer.defect);
      expect(text).not.toContain(variant.answer.fix);
      const reopened = reopenDrill(JSON.parse(text));
      expect(reopened.seed).toBe(271_828);
      expect(canonicalJson(reopened.variant)).toBe(canonicalJson(variant));
    }
  });

  it('cannot be reopened once its public fields are edited', () => {
    const drill = DRILLS[0];
    if (!drill) throw new Error('no drill');
    const { payload } = startDrill(drill, 3);
    expect(() => reopenDrill({ ...payload, operators: payload.operators.slice(1) })).toThrow(
      /does not belong/,
    );
  });
});
