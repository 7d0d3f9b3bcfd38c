import { describe, expect, it } from 'vitest';
import {
  byteTicks,
  decimalTicks,
  formatClock,
  formatTimeTick,
  formatValue,
  timeTicks,
  valueTicks,
} from './axis-ticks';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

describe('time ticks', () => {
  it('labels a 24-hour run every few hours as h:mm', () => {
    const ticks = timeTicks(0, 86_400, 10);
    expect(ticks.step).toBe(10_800);
    expect(ticks.values.map((t) => formatTimeTick(t, ticks.step))).toEqual([
      '0:00',
      '3:00',
      '6:00',
      '9:00',
      '12:00',
      '15:00',
      '18:00',
      '21:00',
      '24:00',
    ]);
  });

  it('switches to h:mm:ss once zoomed to seconds', () => {
    const ticks = timeTicks(3600, 3660, 8);
    expect(ticks.step).toBe(10);
    expect(formatTimeTick(ticks.values[1]!, ticks.step)).toBe('1:00:10');
  });

  it('places ticks only inside the window, on multiples of the step', () => {
    const ticks = timeTicks(125, 1000, 6);
    expect(ticks.step).toBe(300);
    expect(ticks.values).toEqual([300, 600, 900]);
  });

  it('formats clocks with a sign and zero padding', () => {
    expect(formatClock(3725, true)).toBe('1:02:05');
    expect(formatClock(-150, false)).toBe('-0:02');
    expect(formatClock(Number.NaN, false)).toBe('');
  });
});

describe('value ticks', () => {
  it('steps memory by powers of two', () => {
    const ticks = byteTicks(0, 1.25 * GiB, 6);
    expect(ticks.step).toBe(256 * MiB);
    expect(ticks.values.map((v) => formatValue('bytes', v))).toEqual([
      '0 B',
      '256 MiB',
      '512 MiB',
      '768 MiB',
      '1 GiB',
      '1.25 GiB',
    ]);
  });

  it('steps counts by 1-2-5', () => {
    expect(decimalTicks(0, 37, 5)).toEqual({ values: [0, 10, 20, 30], step: 10 });
    expect(decimalTicks(0, 0.9, 5).step).toBe(0.2);
  });

  it('keeps count ticks whole', () => {
    expect(valueTicks('count', 0, 2.2, 6)).toEqual({ values: [0, 1, 2], step: 1 });
  });

  it('returns the one value of an empty span', () => {
    expect(byteTicks(5, 5, 5).values).toEqual([5]);
  });
});

describe('formatValue', () => {
  it('writes each unit the way engineers read it', () => {
    expect(formatValue('bytes', 1224065686)).toBe('1.14 GiB');
    expect(formatValue('count', 12)).toBe('12');
    expect(formatValue('count', 12_345)).toBe('12.3k');
    expect(formatValue('ms', 850)).toBe('850 ms');
    expect(formatValue('ms', 3_200)).toBe('3.2 s');
    expect(formatValue('ms', 150_000)).toBe('2.5 min');
    expect(formatValue('ms-per-s', 734.4)).toBe('734.4 ms/s');
    expect(formatValue('bytes', Number.NaN)).toBe('–');
  });
});
