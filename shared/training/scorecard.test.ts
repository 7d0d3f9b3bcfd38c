import { describe, expect, it } from 'vitest';
import { proposeBisect } from '../domain/lab/bisect';
import { operatorCoverage, suspects } from '../domain/lab/coverage';
import { findDrill } from './drill-catalog';
import { computeScorecard, type ScoreLine } from './scorecard';
import { TrailBuilder } from './test-trail';
import { runsFromTrail } from './trail-events';

const drill = findDrill('restart-staircase');
if (!drill) throw new Error('missing drill');

/** The method done right: make it fail, look, control, halve the suspects, diagnose, prove A/B/A, resolve. */
function modelTrail(options: { wrongFirst?: boolean; hints?: boolean } = {}): TrailBuilder {
  const t = new TrailBuilder(drill as NonNullable<typeof drill>, 3);
  const baseline = t.experiment({});
  t.run(baseline, t.outcomeOf(baseline.params));
  t.hypothesis('Something leaks across restarts; find which operator.');
  if (options.hints) t.hint('make-it-fail.on-purpose');
  const control = t.experiment({ control: true }, baseline);
  t.run(control, t.outcomeOf(control.params));
  if (options.hints) t.hint('look.retained-after-restart');
  for (;;) {
    const runs = runsFromTrail(t.events, t.drillOperators).map((r) => r.facts);
    const left = suspects(operatorCoverage(t.drillOperators, runs)).filter((id) =>
      runs.some((r) => r.verdict === 'leak' && r.operators.includes(id)),
    );
    const leaking = runs.filter((r) => r.verdict === 'leak' && !r.params.control);
    const culpritCandidates = left.filter((id) => leaking.every((r) => r.operators.includes(id)));
    const proposal = proposeBisect(t.drillOperators, culpritCandidates, []);
    if (!proposal) break;
    if (options.hints) t.hint('divide.halve-remaining');
    const peel = t.experiment({ removed: proposal.remove }, baseline);
    t.run(peel, t.outcomeOf(peel.params));
  }
  if (options.hints) t.hint('verify.aba');
  if (options.wrongFirst) {
    const right = t.rightDiagnosis();
    const other = t.variant.fixChoices.find(
      (f) => f.kind === 'pool-rpc-buffers' || (f.kind === 'free-map-in-close' && f.target !== right.culprit),
    );
    expect(t.diagnose({ ...right, cause: 'map-kept-in-static', notes: 'a static map?' })).toBe(false);
    if (other)
      expect(
        t.diagnose({ culprit: other.target, cause: 'rpc-fresh-buffers', fix: other.id, notes: '' }),
      ).toBe(false);
  }
  expect(t.diagnose(t.rightDiagnosis())).toBe(true);
  const fixed = t.experiment({ fixes: [t.variant.answer.fix] }, baseline);
  t.run(fixed, t.outcomeOf(fixed.params));
  const unfixed = t.experiment({ fixes: [] }, fixed);
  t.run(unfixed, t.outcomeOf(unfixed.params));
  const again = t.experiment({ fixes: [t.variant.answer.fix] }, unfixed);
  t.run(again, t.outcomeOf(again.params));
  t.resolve();
  return t;
}

const line = (lines: ScoreLine[], id: ScoreLine['id']): ScoreLine => {
  const found = lines.find((l) => l.id === id);
  if (!found) throw new Error(`no line ${id}`);
  return found;
};

describe('the scorecard', () => {
  it('gives a model trail full marks on the method, each line with its reason and events', () => {
    const t = modelTrail();
    const card = computeScorecard(t.events);
    expect(card.solved).toBe(true);
    expect(card.drillId).toBe('restart-staircase');
    for (const id of [
      'made-it-fail-first',
      'ran-a-control',
      'one-change-at-a-time',
      'hints-taken',
      'wrong-diagnoses',
      'fix-verified',
    ] as const) {
      const l = line(card.lines, id);
      expect(l.points, `${id}: ${l.why}`).toBe(l.max);
    }
    expect(line(card.lines, 'halved-the-suspects').points).toBeGreaterThanOrEqual(14);
    expect(line(card.lines, 'halved-the-suspects').why).toMatch(
      /peeling runs?, removing \d+% of \d+ suspects/,
    );
    expect(line(card.lines, 'ran-a-control').eventSeqs.length).toBe(3);
    expect(line(card.lines, 'fix-verified').why).toMatch(
      /^With .* no leak, without it the failure again, with it no leak/,
    );
    const seqs = new Set(t.events.map((e) => e.seq));
    for (const l of card.lines) {
      expect(l.why.length).toBeGreaterThan(5);
      for (const s of l.eventSeqs) expect(seqs.has(s)).toBe(true);
    }
    expect(card.points).toBeGreaterThan(0.85 * card.max);
  });

  it('reads a sloppy trail: a theory first, no control, several changes per step, big cuts, no proof', () => {
    const t = new TrailBuilder(drill as NonNullable<typeof drill>, 3);
    t.hypothesis('It must be the KV-store client.');
    const baseline = t.experiment({});
    t.run(baseline, t.outcomeOf(baseline.params));
    const all = t.drillOperators.filter((op) => op.layer !== 'layer1').map((op) => op.id);
    const a = t.experiment({ removed: [all[0] as string], hours: 8 }, baseline);
    t.run(a, t.outcomeOf(a.params));
    const b = t.experiment({ removed: [all[1] as string], hours: 10, seed: 9 }, baseline);
    t.run(b, t.outcomeOf(b.params));
    expect(t.diagnose(t.rightDiagnosis())).toBe(true);
    const card = computeScorecard(t.events);
    const fail = line(card.lines, 'made-it-fail-first');
    expect(fail.points).toBeLessThan(fail.max);
    expect(fail.why).toMatch(/1 hypothesis was written before run #1 made it fail/);
    expect(fail.eventSeqs).toContain(t.events.find((e) => e.kind === 'hypothesis.added')?.seq);
    expect(line(card.lines, 'ran-a-control').points).toBe(0);
    const one = line(card.lines, 'one-change-at-a-time');
    expect(one.points).toBe(0);
    expect(one.why).toBe('2 of 2 steps changed several things at once (#2, #3).');
    expect(one.eventSeqs).toHaveLength(2);
    expect(line(card.lines, 'halved-the-suspects').points).toBeLessThan(5);
    expect(line(card.lines, 'fix-verified').points).toBe(0);
    expect(card.solved).toBe(false);
    expect(card.points).toBeLessThan(computeScorecard(modelTrail().events).points - 30);
  });

  it('counts wrong diagnoses and links them, without changing the rest', () => {
    const card = computeScorecard(modelTrail({ wrongFirst: true }).events);
    const wrong = line(card.lines, 'wrong-diagnoses');
    expect(wrong.eventSeqs.length).toBeGreaterThanOrEqual(1);
    expect(wrong.points).toBe(wrong.max - 4 * wrong.eventSeqs.length);
    expect(wrong.why).toMatch(/wrong diagnos(is|es) before the right one/);
    expect(card.solved).toBe(true);
  });

  it('charges hints by their cost and lists them', () => {
    const t = modelTrail({ hints: true });
    const hints = t.events.filter((e) => e.kind === 'hint.taken');
    expect(hints.length).toBeGreaterThanOrEqual(4);
    const cost = hints.reduce((sum, e) => sum + (e.payload.cost as number), 0);
    const card = computeScorecard(t.events);
    const l = line(card.lines, 'hints-taken');
    expect(l.points).toBe(Math.max(0, 10 - cost));
    expect(l.eventSeqs).toEqual(hints.map((e) => e.seq));
    expect(l.why).toContain(`costing ${cost} points`);
  });

  it('writes one hint and one point in the singular', () => {
    const t = new TrailBuilder(drill as NonNullable<typeof drill>, 3);
    const baseline = t.experiment({});
    t.run(baseline, t.outcomeOf(baseline.params));
    t.hint('make-it-fail.on-purpose');
    const [hint] = t.events.filter((e) => e.kind === 'hint.taken');
    const cost = hint?.payload.cost as number;
    const l = line(computeScorecard(t.events).lines, 'hints-taken');
    expect(l.why).toBe(
      `1 hint taken (make-it-fail.on-purpose), costing ${cost} ${cost === 1 ? 'point' : 'points'}.`,
    );
    const budget = line(computeScorecard(t.events).lines, 'experiments-and-hours');
    expect(budget.why).toMatch(/^1 experiment, 1 run, /);
  });

  it('is the same read from a copy of the chain (as an imported bundle holds it)', () => {
    const t = modelTrail({ hints: true, wrongFirst: true });
    const copy = JSON.parse(JSON.stringify(t.events));
    expect(computeScorecard(copy)).toEqual(computeScorecard(t.events));
  });

  it('does not count the dashboard Peel ran for the page as the trainee making it fail, nor against the budget', () => {
    const t = new TrailBuilder(drill as NonNullable<typeof drill>, 3);
    const dashboard = t.experiment({});
    t.run(dashboard, t.outcomeOf(dashboard.params), { dashboard: true });
    t.hypothesis('It is the map, the page says so.');
    const own = t.experiment({ hours: 8 }, dashboard);
    t.run(own, t.outcomeOf(own.params));
    const card = computeScorecard(t.events);
    expect(line(card.lines, 'made-it-fail-first').why).toMatch(
      /1 hypothesis was written before run #2 made it fail/,
    );
    expect(line(card.lines, 'experiments-and-hours').why).toBe(
      '2 experiments, 1 run, 8 of 60 simulated hours.',
    );
  });

  it('refuses a trail that is not a drill', () => {
    expect(() => computeScorecard([{ seq: 1, kind: 'note.added', at: 0, payload: {} }])).toThrow(
      /no drill\.started/,
    );
  });
});
