import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../domain/canonical-json';
import { planJob } from '../sim/engine/job-plan';
import { DEFECT_KIND_INFO } from './defect-kinds';
import { DRILLS, findDrill } from './drill-catalog';
import { drillParams } from './drill-runs';
import { DRILL_SCENARIO_ID, drillScenario } from './drill-scenario';
import { generateVariant } from './generate-variant';
import { surprise } from './surprise';

const SCENARIO_FAMILIES = [
  'offheap-map-leak',
  'rpc-payload-spikes',
  'platform-netty-leak',
  'underprovisioned-direct',
  'onheap-swap-gc',
];

describe('the drill catalogue', () => {
  it('has at least 8 drills plus 2 hard ones, covering every scenario and every defect kind', () => {
    expect(DRILLS.length).toBeGreaterThanOrEqual(10);
    expect(DRILLS.filter((d) => d.difficulty === 'hard').length).toBeGreaterThanOrEqual(2);
    expect(new Set(DRILLS.map((d) => d.id)).size).toBe(DRILLS.length);
    const families = new Set(DRILLS.flatMap((d) => d.defects.map((k) => DEFECT_KIND_INFO[k].scenarioFamily)));
    for (const family of SCENARIO_FAMILIES) expect(families).toContain(family);
    const kinds = new Set(DRILLS.flatMap((d) => d.defects));
    expect(kinds.size).toBe(Object.keys(DEFECT_KIND_INFO).length);
    expect(findDrill('two-defects')?.redHerrings).toEqual(['rpc-fresh-buffers']);
    expect(findDrill('sawtooth')?.memory.disableExplicitGc).toBe(false);
  });
});

describe('generateVariant', () => {
  it('is deterministic per seed', () => {
    for (const drill of DRILLS) {
      expect(canonicalJson(generateVariant(drill, 42))).toBe(canonicalJson(generateVariant(drill, 42)));
    }
  });

  it('gives different answers for different seeds', () => {
    for (const drill of DRILLS) {
      const variants = Array.from({ length: 20 }, (_, i) => generateVariant(drill, i + 1));
      const shapes = new Set(variants.map((v) => v.healthyGraph.operators.map((op) => op.id).join(',')));
      const faults = new Set(variants.map((v) => canonicalJson(v.faults)));
      expect(shapes.size, `${drill.id}: pipeline shapes`).toBeGreaterThan(5);
      expect(faults.size, `${drill.id}: fault schedules`).toBeGreaterThan(5);
      if (drill.defects.includes('platform-leak')) continue;
      const culprits = new Set(variants.map((v) => canonicalJson(v.answer.culprit)));
      expect(culprits.size, `${drill.id}: culprits`).toBeGreaterThan(2);
    }
  });

  it('puts the defect where it can be, names an answer the trainee can choose, and stays inside the template', () => {
    for (const drill of DRILLS) {
      for (let seed = 1; seed <= 40; seed++) {
        const v = generateVariant(drill, seed);
        const info = DEFECT_KIND_INFO[v.answer.defect];
        expect(drill.defects).toContain(v.answer.defect);
        const fixIds = v.fixChoices.map((fix) => fix.id);
        expect(fixIds).toContain(v.answer.fix);
        for (const fix of v.answer.acceptedFixes) expect(fixIds).toContain(fix);
        const sources = v.healthyGraph.operators.filter((op) => op.kind === 'source').length;
        expect(sources).toBeGreaterThanOrEqual(drill.template.sources[0]);
        expect(sources).toBeLessThanOrEqual(drill.template.sources[1]);
        if (v.answer.culprit.kind === 'operator') {
          const id = v.answer.culprit.operatorId;
          const op = v.healthyGraph.operators.find((o) => o.id === id);
          expect(op, `${drill.id}#${seed}`).toBeDefined();
          expect(info.site === 'map-operator' ? op?.map : op?.rpc).toBeDefined();
        } else {
          expect(info.site).toBe('platform');
        }
        if (v.redHerring)
          expect(v.redHerring.operatorId).not.toBe(
            v.answer.culprit.kind === 'operator' ? v.answer.culprit.operatorId : null,
          );
      }
    }
  });

  it('is something the simulator can plan: peeled, fixed and controlled experiments all normalize', () => {
    for (const drill of DRILLS) {
      const v = generateVariant(drill, 7);
      const scenario = drillScenario(v);
      const plan = planJob(drillParams(v, { hours: 1, parallelism: 2 }), { scenario });
      expect(plan.scenario).toBe(DRILL_SCENARIO_ID);
      expect(plan.operators.map((op) => op.id)).toEqual(
        expect.arrayContaining(v.healthyGraph.operators.map((o) => o.id)),
      );
      expect(plan.defects.every((slot) => slot.active)).toBe(true);
      const fixed = planJob(drillParams(v, { hours: 1, parallelism: 2, fixes: [v.answer.fix] }), {
        scenario,
      });
      expect(fixed.defects.filter((slot) => !slot.active).map((slot) => slot.id)).toEqual([
        `as-written:${v.answer.fix}`,
      ]);
      expect(() => drillParams(v, { removed: ['layer3'], hours: 1 })).not.toThrow();
      expect(() => drillParams(v, { control: true, hours: 1 })).not.toThrow();
      expect(() => drillParams(v, { removed: ['no-such-operator'] })).toThrow(
        /removed\[0\]: unknown operator or layer/,
      );
    }
  });

  it('switches the culprit off with its fix and only with a fix of its own', () => {
    const drill = findDrill('restart-staircase');
    if (!drill) throw new Error('missing drill');
    const v = generateVariant(drill, 3);
    const culprit = v.answer.culprit.kind === 'operator' ? v.answer.culprit.operatorId : '';
    const build = (fixes: string[]) => {
      const active = new Set(
        drillScenario(v)
          .defects.map((d) => d.id)
          .filter((id) => !fixes.some((f) => id === `as-written:${f}`)),
      );
      return drillScenario(v)
        .build({ defects: active, variant: null })
        .graph.operators.find((op) => op.id === culprit);
    };
    expect(build([])?.map?.closeFrees).toBe(false);
    expect(build([v.answer.fix])?.map?.closeFrees).toBe(true);
    const other = v.fixChoices.find((fix) => fix.kind === 'free-map-in-close' && fix.target !== culprit);
    if (other) expect(build([other.id])?.map?.closeFrees).toBe(false);
  });
});

describe('surprise', () => {
  it('picks drills and seeds across the catalogue from the number it is given, the same for the same number', () => {
    expect(surprise(99)).toEqual(surprise(99));
    const picks = Array.from({ length: 200 }, (_, i) => surprise(i));
    expect(new Set(picks.map((p) => p.drill.id)).size).toBe(DRILLS.length);
    expect(new Set(picks.map((p) => p.seed)).size).toBeGreaterThan(190);
  });
});
