import { describe, expect, it } from 'vitest';
import { centreOn, clampRange, MIN_SPAN_SEC, panBy, sameRange, wheelFactor, zoomAround } from './zoom-math';

const day = { fromSec: 0, toSec: 86_400 };

describe('zoomAround', () => {
  it('keeps the time under the cursor at the same place on screen', () => {
    const range = { fromSec: 0, toSec: 1000 };
    const anchor = 250; // a quarter of the way across
    const zoomed = zoomAround(range, anchor, 0.5, day);
    expect(zoomed).toEqual({ fromSec: 125, toSec: 625 });
    expect((anchor - zoomed.fromSec) / (zoomed.toSec - zoomed.fromSec)).toBeCloseTo(0.25);
  });

  it('stops at the run when zooming out, and at the minimum span when zooming in', () => {
    expect(zoomAround({ fromSec: 1000, toSec: 80_000 }, 50_000, 4, day)).toEqual(day);
    const tight = zoomAround({ fromSec: 100, toSec: 130 }, 115, 0.1, day);
    expect(tight.toSec - tight.fromSec).toBe(MIN_SPAN_SEC);
    expect((tight.fromSec + tight.toSec) / 2).toBeCloseTo(115);
  });
});

describe('wheelFactor', () => {
  it('zooms in when the wheel turns up and out when it turns down, symmetrically', () => {
    expect(wheelFactor(-100, 0)).toBeLessThan(1);
    expect(wheelFactor(100, 0)).toBeGreaterThan(1);
    expect(wheelFactor(-100, 0) * wheelFactor(100, 0)).toBeCloseTo(1);
    expect(wheelFactor(-3, 1)).toBeCloseTo(wheelFactor(-99, 0));
  });
});

describe('panBy', () => {
  it('moves the window by the fraction of the plot the pointer moved', () => {
    expect(panBy({ fromSec: 1000, toSec: 2000 }, 100, 1000, day)).toEqual({ fromSec: 900, toSec: 1900 });
  });

  it('stops at the start and end of the run without shrinking the window', () => {
    expect(panBy({ fromSec: 100, toSec: 1100 }, 500, 1000, day)).toEqual({ fromSec: 0, toSec: 1000 });
    expect(panBy({ fromSec: 85_000, toSec: 86_000 }, -800, 1000, day)).toEqual({
      fromSec: 85_400,
      toSec: 86_400,
    });
  });
});

describe('centreOn and clampRange', () => {
  it('centres an event in a window of the same width', () => {
    expect(centreOn({ fromSec: 0, toSec: 3600 }, 10_000, day)).toEqual({ fromSec: 8200, toSec: 11_800 });
    expect(centreOn({ fromSec: 0, toSec: 3600 }, 100, day)).toEqual({ fromSec: 0, toSec: 3600 });
  });

  it('repairs non-finite and inverted windows', () => {
    expect(clampRange({ fromSec: Number.NaN, toSec: Number.NaN }, day)).toEqual(day);
    expect(clampRange({ fromSec: 500, toSec: 400 }, day).toSec - 400).toBeGreaterThan(0);
  });

  it('compares windows with a tolerance relative to their width', () => {
    expect(sameRange({ fromSec: 0, toSec: 1000 }, { fromSec: 0.5, toSec: 1000.5 })).toBe(true);
    expect(sameRange({ fromSec: 0, toSec: 1000 }, { fromSec: 5, toSec: 1005 })).toBe(false);
  });
});
