import { describe, expect, it } from 'vitest';
import { planJob } from '../sim/engine/job-plan';
import { DEFECT_KIND_INFO } from './defect-kinds';
import { DRILLS, findDrill } from './drill-catalog';
import { dashboardParams, runDrill } from './drill-runs';
import { drillScenario } from './drill-scenario';
import { startDrill } from './drill-start';
import type { DrillVariant } from './drill-types';
import { fixChoicesFor, generateVariant } from './generate-variant';
import { buildTraineeView, type TraineeView } from './trainee-view';

const SEEDS = [1, 2, 3, 4, 5];
const SCENARIO_IDS = [
  'offheap-map-leak',
  'rpc-payload-spikes',
  'platform-netty-leak',
  'underprovisioned-direct',
  'onheap-swap-gc',
];

/** A short dashboard keeps the test cheap; the page is built the same way from any run. */
function viewOf(drillId: string, seed: number): { view: TraineeView; variant: DrillVariant } {
  const drill = findDrill(drillId);
  if (!drill) throw new Error(drillId);
  const variant = generateVariant(drill, seed);
  const run = runDrill(variant, { hours: 2, parallelism: 2 });
  return { view: buildTraineeView(drill, variant, run), variant };
}

/** The strings that would give the answer away: scenario and defect ids, the fix, the culprit, the hidden texts. */
function answerStrings(variant: DrillVariant): string[] {
  const { answer } = variant;
  const strings = [
    answer.scenarioFamily,
    ...SCENARIO_IDS.filter((id) => id === answer.scenarioFamily),
    answer.defect,
    DEFECT_KIND_INFO[answer.defect].label,
    answer.fix,
    ...answer.acceptedFixes,
  ];
  if (answer.culprit.kind === 'operator') strings.push(answer.culprit.operatorId, answer.culprit.name);
  return strings;
}

describe('the trainee view', () => {
  const views = DRILLS.flatMap((drill) => SEEDS.map((seed) => ({ drill, seed, ...viewOf(drill.id, seed) })));

  it('names the answer nowhere outside the neutral topology and the choice lists', () => {
    for (const { drill, seed, view, variant } of views) {
      const { topology: _topology, choices: _choices, ...rest } = view;
      const text = JSON.stringify(rest);
      for (const secret of answerStrings(variant)) {
        expect(text.includes(secret), `${drill.id}#${seed}: "${secret}" in ${text.slice(0, 200)}`).toBe(
          false,
        );
      }
      // The whole view never carries the scenario; the defect id appears once, as one of the listed causes.
      const whole = JSON.stringify(view);
      expect(whole.includes(variant.answer.scenarioFamily), `${drill.id}#${seed}`).toBe(false);
      expect(whole.split(`"${variant.answer.defect}"`).length - 1, `${drill.id}#${seed}`).toBe(1);
    }
  });

  it('draws the topology from the job as written: the same whichever operator carries the defect', () => {
    for (const { view, variant } of views) {
      const keys = new Set(view.topology.operators.flatMap((op) => Object.keys(op)));
      expect([...keys].sort()).toEqual(['description', 'id', 'kind', 'layer', 'memory', 'name']);
      // Every operator of one capability is described alike: nothing marks the culprit among them.
      const described = (id: string) => view.topology.operators.find((op) => op.id === id)?.description ?? '';
      if (variant.answer.culprit.kind === 'operator') {
        const culprit = variant.answer.culprit.operatorId;
        const peers = variant.fixChoices
          .filter(
            (fix) =>
              fix.target !== culprit &&
              variant.fixChoices.some((c) => c.target === culprit && c.kind === fix.kind),
          )
          .map((fix) => fix.target);
        for (const peer of peers) {
          const strip = (s: string) => s.replace(/^Looks up .*? in |^Async I\/O to .*? over/, '');
          expect(strip(described(peer))).toBe(strip(described(culprit)));
        }
      }
    }
  });

  it('offers choices that follow from the topology alone, and the same causes in every drill', () => {
    const causes = JSON.stringify(views[0]?.view.choices.causes);
    for (const { view } of views) {
      expect(JSON.stringify(view.choices.causes)).toBe(causes);
      const maps = view.topology.operators
        .filter((op) => view.choices.fixes.some((f) => f.target === op.id && f.kind === 'free-map-in-close'))
        .map((op) => op.id);
      const rpcs = view.topology.operators
        .filter((op) => view.choices.fixes.some((f) => f.target === op.id && f.kind === 'pool-rpc-buffers'))
        .map((op) => op.id);
      expect(view.choices.fixes).toEqual(fixChoicesFor(maps, rpcs));
      expect(view.choices.culprits.map((c) => c.id)).toEqual([
        ...view.topology.operators.map((op) => op.id),
        'platform',
        'configuration',
      ]);
    }
  });

  it('shows a page with the alert filled in and the OOM as the JVM prints it', () => {
    const withTrace = views.filter((v) => v.view.page.stackTrace !== null);
    expect(withTrace.length).toBeGreaterThan(5);
    for (const { view } of views) {
      expect(view.page.alert).not.toMatch(/\{(job|firstSymptomAt|taskManagers)\}/);
      expect(view.page.dashboard.scenario).toBe('drill');
    }
    for (const { view } of withTrace) {
      const lines = (view.page.stackTrace as string).split('\n');
      expect(lines[0]).toMatch(
        /^java\.lang\.OutOfMemoryError: (Cannot reserve \d+ bytes of direct buffer memory \(allocated: \d+, limit: \d+\)|Java heap space)$/,
      );
      if (/Cannot reserve/.test(lines[0] as string)) {
        expect(lines[1]).toBe('\tat java.base/java.nio.Bits.reserveMemory(Bits.java:178)');
        expect(lines[2]).toBe('\tat java.base/java.nio.DirectByteBuffer.<init>(DirectByteBuffer.java:121)');
        expect(lines[3]).toBe('\tat java.base/java.nio.ByteBuffer.allocateDirect(ByteBuffer.java:332)');
      }
      expect(lines.at(-1)).toBe('\tat java.base/java.lang.Thread.run(Thread.java:840)');
    }
  });

  it('hands the renderer plans and start events that name no scenario, defect or fix of the answer', () => {
    for (const drill of DRILLS) {
      for (const seed of [11, 12]) {
        const { variant, payload } = startDrill(drill, seed);
        const plan = planJob(dashboardParams(variant), { scenario: drillScenario(variant) });
        const { operators: _o, edges: _e, taskManagers: _t, defects, ...rest } = plan;
        const text = JSON.stringify({ rest, payload: { ...payload, operators: [] } });
        for (const secret of answerStrings(variant))
          expect(text.includes(secret), `${drill.id}#${seed}: ${secret}`).toBe(false);
        // The plan's defect slots are one per fix choice, all active: the same list whoever is at fault.
        expect(defects.map((d) => d.id)).toEqual(variant.fixChoices.map((f) => `as-written:${f.id}`));
        expect(defects.every((d) => d.active)).toBe(true);
      }
    }
  });
});
