import { describe, expect, it } from 'vitest';
import { findDrill } from './drill-catalog';
import { HINTS, hintOffers, takeHint } from './hints';
import { TrailBuilder } from './test-trail';

const drill = findDrill('control-job');
if (!drill) throw new Error('missing drill');

describe('hints', () => {
  it('are offered per rule, weakest first, with their cost, and marked once taken', () => {
    const t = new TrailBuilder(drill, 4);
    const offers = hintOffers(drill.hints, { trail: t.events, operators: t.drillOperators });
    expect(offers.map((o) => o.id)).toEqual(
      drill.hints.slice().sort((a, b) => {
        const s = (id: string) => HINTS.find((h) => h.id === id)?.strength ?? 0;
        return s(a) - s(b) || drill.hints.indexOf(a) - drill.hints.indexOf(b);
      }),
    );
    expect(offers.every((o) => o.cost > 0 && !o.taken)).toBe(true);
    t.hint('divide.control-job');
    expect(
      hintOffers(drill.hints, { trail: t.events, operators: t.drillOperators }).find(
        (o) => o.id === 'divide.control-job',
      )?.taken,
    ).toBe(true);
    expect(() => takeHint(drill.hints, 'look.right-metric', { trail: t.events, operators: [] })).toThrow(
      /does not offer/,
    );
  });

  it('read the trainee trail: failing on purpose, the control, the half not yet removed', () => {
    const t = new TrailBuilder(drill, 4);
    const ctx = () => ({ trail: t.events, operators: t.drillOperators });
    expect(takeHint(drill.hints, 'make-it-fail.on-purpose', ctx()).text).toMatch(/not run anything yet/);
    const baseline = t.experiment({ failContainers: [] });
    t.run(baseline, { verdict: 'flat' });
    expect(takeHint(drill.hints, 'make-it-fail.on-purpose', ctx()).text).toMatch(
      /None of your runs \(#1\) shut a container down/,
    );
    const restarted = t.experiment(
      {
        failContainers: [
          { atSec: 1800, count: 1 },
          { atSec: 3600, count: 1 },
        ],
      },
      baseline,
    );
    t.run(restarted, { verdict: 'leak', ooms: 3 });
    expect(takeHint(drill.hints, 'divide.control-job', ctx()).text).toMatch(/not run the control job/);
    const control = t.experiment({ control: true }, restarted);
    t.run(control, { verdict: 'leak' });
    expect(takeHint(drill.hints, 'divide.control-job', ctx()).text).toBe(
      'Your control run #3 read leak (it leaks without any of your operators).',
    );
    const halve = takeHint(drill.hints, 'divide.halve-remaining', ctx()).text;
    expect(halve).toMatch(
      new RegExp(
        `^${t.drillOperators.length} of ${t.drillOperators.length} operators are still suspects\\. Removing .+ takes out \\d+ and keeps \\d+`,
      ),
    );
    const peel = t.experiment({ removed: ['layer3'] }, restarted);
    t.run(peel, { verdict: 'flat' });
    const after = takeHint(drill.hints, 'divide.halve-remaining', ctx()).text;
    expect(after).toMatch(/cleared: /);
    expect(after).not.toBe(halve);
  });

  it('take what the trail already did into account: an answered question is offered after the open ones', () => {
    const t = new TrailBuilder(drill, 4);
    const ctx = () => ({ trail: t.events, operators: t.drillOperators });
    const ids = () => hintOffers(drill.hints, ctx()).map((offer) => offer.id);
    expect(ids()[0]).toBe('make-it-fail.on-purpose');
    expect(hintOffers(drill.hints, ctx()).every((offer) => offer.done === null)).toBe(true);
    // A run that restarts containers but does not fail does not answer "have you made it fail?".
    const quiet = t.experiment({ failContainers: [{ atSec: 1800, count: 1 }] });
    t.run(quiet, { verdict: 'flat' });
    expect(ids()[0]).toBe('make-it-fail.on-purpose');
    const failing = t.experiment(
      {
        failContainers: [
          { atSec: 1800, count: 1 },
          { atSec: 3600, count: 1 },
        ],
      },
      quiet,
    );
    t.run(failing, { verdict: 'leak', ooms: 2 });
    const offers = hintOffers(drill.hints, ctx());
    expect(offers[0]!.id).not.toBe('make-it-fail.on-purpose');
    expect(offers.find((offer) => offer.id === 'make-it-fail.on-purpose')!.done).toMatch(
      /run #2 already failed/,
    );
    // Still offered (and takeable), after every open question.
    const firstDone = offers.findIndex((offer) => offer.done !== null);
    expect(offers.slice(firstDone).every((offer) => offer.done !== null)).toBe(true);
    const control = t.experiment({ control: true }, failing);
    t.run(control, { verdict: 'flat' });
    expect(hintOffers(drill.hints, ctx()).find((offer) => offer.id === 'divide.control-job')!.done).toMatch(
      /control run #3/,
    );
  });
});
