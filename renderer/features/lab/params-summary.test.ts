import { describe, expect, it } from 'vitest';
import { describeWindows } from './params-summary';

const spike = (fromMin: number, what = '×3', lengthMin = 5) => ({
  fromSec: fromMin * 60,
  toSec: (fromMin + lengthMin) * 60,
  what,
});

describe('describeWindows', () => {
  it('lists a few windows one by one', () => {
    expect(describeWindows([spike(10), spike(20)])).toBe('×3 0:10–0:15, ×3 0:20–0:25');
  });

  it('sums up a long regular schedule as its pattern', () => {
    const windows = Array.from({ length: 288 }, (_, i) => spike(10 + i * 10));
    expect(describeWindows(windows)).toBe('×3 for 5 min every 10 min from 0:10 (288×)');
  });

  it('lists the first few and the last of a long irregular schedule, with the count', () => {
    const windows = [spike(10), spike(25), spike(30, '×5'), spike(70), spike(95, '×2', 10)];
    expect(describeWindows(windows)).toBe(
      '×3 0:10–0:15, ×3 0:25–0:30, ×5 0:30–0:35, … ×2 1:35–1:45 (5 in all)',
    );
  });
});
