import { describe, expect, it } from 'vitest';
import { type DeferralClock, GestureDeferral } from './gesture-deferral';

/** A clock the test moves by hand, with timers that fire as it passes them. */
function manualClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  const clock: DeferralClock = {
    now: () => now,
    setTimeout: (run, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout: (id) => {
      timers.delete(id);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].run();
    }
    now = until;
  };
  return { clock, advance, pendingTimers: () => timers.size };
}

describe('GestureDeferral', () => {
  it('runs at once when no gesture is going on', () => {
    const { clock } = manualClock();
    let runs = 0;
    const deferral = new GestureDeferral(150, () => runs++, clock);
    deferral.request();
    deferral.request();
    expect(runs).toBe(2);
  });

  it('holds requests during a gesture and runs them once when it pauses', () => {
    const { clock, advance } = manualClock();
    let runs = 0;
    const deferral = new GestureDeferral(150, () => runs++, clock);
    // Sixty frames of a zoom, each moving the scale and so the cursor's value.
    for (let frame = 0; frame < 60; frame++) {
      deferral.gesture();
      deferral.request();
      advance(16);
    }
    expect(runs).toBe(0);
    advance(149);
    expect(runs).toBe(1);
    advance(1000);
    expect(runs).toBe(1);
  });

  it('does nothing after the gesture when nothing was asked during it', () => {
    const { clock, advance, pendingTimers } = manualClock();
    let runs = 0;
    const deferral = new GestureDeferral(150, () => runs++, clock);
    deferral.gesture();
    advance(500);
    expect(runs).toBe(0);
    expect(pendingTimers()).toBe(0);
  });

  it('forgets a held request when cancelled', () => {
    const { clock, advance } = manualClock();
    let runs = 0;
    const deferral = new GestureDeferral(150, () => runs++, clock);
    deferral.gesture();
    deferral.request();
    deferral.cancel();
    advance(500);
    expect(runs).toBe(0);
  });

  it('after the pause, requests run at once again', () => {
    const { clock, advance } = manualClock();
    let runs = 0;
    const deferral = new GestureDeferral(150, () => runs++, clock);
    deferral.gesture();
    deferral.request();
    advance(200);
    expect(runs).toBe(1);
    deferral.request();
    expect(runs).toBe(2);
    advance(500);
    expect(runs).toBe(2);
  });
});
