// Every generated variant is solvable by the method: the baseline shows the drill's problem, peeling the culprit
// makes it go away, peeling an innocent does not, and for the platform leak the control job shows it too. Read
// with the simulator's own analysis (symptom.ts). Seeds 1..4 per drill at the drill's own run length and
// parallelism; triggers (the slowed sink of a back-pressure drill) are not innocents to peel.
import { describe, expect, it } from 'vitest';
import { DRILLS } from './drill-catalog';
import { runDrill } from './drill-runs';
import { generateVariant } from './generate-variant';
import { symptomOf } from './symptom';

const SEEDS = [1, 2, 3, 4];
/** Three to five runs of 6 to 8 simulated hours each: a few seconds alone, much more with both cores busy. */
const TIMEOUT_MS = 180_000;

describe.each(DRILLS.map((drill) => [drill.id, drill] as const))('drill %s is solvable', (_id, drill) => {
  it.each(SEEDS)(
    'seed %i: baseline fails, culprit separates from an innocent',
    (seed) => {
      const variant = generateVariant(drill, seed);
      const { answer } = variant;
      const size = { hours: variant.dashboardHours, parallelism: variant.parallelism };
      const show = (params: Parameters<typeof runDrill>[1]) =>
        symptomOf(answer.defect, runDrill(variant, { ...size, ...params }));

      const baseline = show({});
      expect(baseline.shows, `baseline: ${baseline.reason}`).toBe(true);

      const ids = variant.healthyGraph.operators.map((op) => op.id);
      const culprit = answer.culprit.kind === 'operator' ? answer.culprit.operatorId : null;
      // The red herring's operator is the innocent a trainee is most tempted by; otherwise rotate through the rest.
      const innocents = ids.filter(
        (id) => id !== culprit && !answer.triggers.includes(id) && !id.startsWith('read-'),
      );
      const innocent = variant.redHerring?.operatorId ?? (innocents[seed % innocents.length] as string);
      const withoutInnocent = show({ removed: [innocent] });
      expect(withoutInnocent.shows, `without innocent ${innocent}: ${withoutInnocent.reason}`).toBe(true);

      if (culprit) {
        const withoutCulprit = show({ removed: [culprit] });
        expect(withoutCulprit.shows, `without culprit ${culprit}: ${withoutCulprit.reason}`).toBe(false);
      } else {
        const control = show({ control: true });
        expect(control.shows, `control job: ${control.reason}`).toBe(true);
        const fixed = show({ fixes: [answer.fix] });
        expect(fixed.shows, `with ${answer.fix}: ${fixed.reason}`).toBe(false);
      }
    },
    TIMEOUT_MS,
  );
});
