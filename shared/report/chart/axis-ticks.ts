// Tick positions and labels shared by the canvas charts and the SVG writer, so an export matches the screen:
// time as h:mm from the run's start (h:mm:ss when zoomed to seconds), bytes in binary units on power-of-two
// steps (256 MiB, 1 GiB: how memory limits are set), counts and milliseconds on 1-2-5 steps.
import { formatBytes } from '../../sim/analysis/format-bytes';

export type ValueUnit = 'bytes' | 'count' | 'ms' | 'ms-per-s';

/** Least room between ticks, in CSS pixels: the same on screen and in exports. */
export const X_TICK_SPACE = 90;
export const Y_TICK_SPACE = 36;

/** Steps a time axis may use, in seconds: from 1 s to 2 days. */
const TIME_STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 14400, 21600, 43200, 86400, 172800,
];

export interface Ticks {
  values: number[];
  step: number;
}

/** Multiples of the smallest step that leaves at most `maxTicks` ticks in [min, max]. */
function ticksFromSteps(min: number, max: number, maxTicks: number, steps: readonly number[]): Ticks {
  if (!(max > min)) return { values: Number.isFinite(min) ? [min] : [], step: 1 };
  const wanted = Math.max(1, maxTicks);
  const span = max - min;
  const step = steps.find((s) => span / s <= wanted) ?? steps[steps.length - 1]!;
  return { values: multiplesIn(min, max, step), step };
}

function multiplesIn(min: number, max: number, step: number): number[] {
  const values: number[] = [];
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  for (let k = first; k <= last && values.length < 1000; k++)
    values.push(Number((k * step).toPrecision(12)) + 0); // toPrecision drops float noise, + 0 turns -0 into 0
  return values;
}

export function timeTicks(minSec: number, maxSec: number, maxTicks: number): Ticks {
  return ticksFromSteps(minSec, maxSec, maxTicks, TIME_STEPS);
}

/** Seconds from the run's start as h:mm, or h:mm:ss when `withSeconds`; negative offsets keep their sign. */
export function formatClock(sec: number, withSeconds: boolean): string {
  if (!Number.isFinite(sec)) return '';
  const sign = sec < 0 ? '-' : '';
  const total = Math.round(Math.abs(sec));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  return withSeconds ? `${sign}${h}:${mm}:${String(s).padStart(2, '0')}` : `${sign}${h}:${mm}`;
}

/** Labels for time ticks: seconds appear only when the step is below a minute. */
export function formatTimeTick(sec: number, step: number): string {
  return formatClock(sec, step < 60);
}

/** 1, 2, 4, ... bytes up to 2^60: memory reads naturally on power-of-two steps. */
const BYTE_STEPS = Array.from({ length: 61 }, (_, k) => 2 ** k);

export function byteTicks(min: number, max: number, maxTicks: number): Ticks {
  return ticksFromSteps(min, max, maxTicks, BYTE_STEPS);
}

/** 1-2-5 steps from 1e-3 to 1e15, for counts and durations. */
const DECIMAL_STEPS = (() => {
  const steps: number[] = [];
  for (let e = -3; e <= 15; e++) for (const m of [1, 2, 5]) steps.push(Number((m * 10 ** e).toPrecision(12)));
  return steps;
})();

export function decimalTicks(min: number, max: number, maxTicks: number): Ticks {
  return ticksFromSteps(min, max, maxTicks, DECIMAL_STEPS);
}

/** Counts are whole numbers: no 0.5 GC ticks. */
const COUNT_STEPS = DECIMAL_STEPS.filter((s) => s >= 1);

export function valueTicks(unit: ValueUnit, min: number, max: number, maxTicks: number): Ticks {
  if (unit === 'bytes') return byteTicks(min, max, maxTicks);
  if (unit === 'count') return ticksFromSteps(min, max, maxTicks, COUNT_STEPS);
  return decimalTicks(min, max, maxTicks);
}

/** A value for people in the chart's unit: "768 MiB", "1.25 GiB", "12", "850 ms", "3.2 s", "420 ms/s". */
export function formatValue(unit: ValueUnit, value: number): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  switch (unit) {
    case 'bytes':
      return formatBytes(value);
    case 'count':
      return formatNumber(value);
    case 'ms':
      return formatDuration(value);
    case 'ms-per-s':
      return `${formatNumber(value)} ms/s`;
  }
}

function formatNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${trim((value / 1e6).toFixed(abs >= 1e7 ? 0 : 1))}M`;
  if (abs >= 1e4) return `${trim((value / 1e3).toFixed(abs >= 1e5 ? 0 : 1))}k`;
  if (Number.isInteger(value)) return String(value);
  return trim(value.toFixed(abs >= 10 ? 1 : 2));
}

function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${formatNumber(ms)} ms`;
  if (abs < 60_000) return `${trim((ms / 1000).toFixed(abs < 10_000 ? 2 : 1))} s`;
  if (abs < 3_600_000) return `${trim((ms / 60_000).toFixed(1))} min`;
  return `${trim((ms / 3_600_000).toFixed(1))} h`;
}

function trim(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** Short axis label of a unit, shown beside the y axis. */
export function unitCaption(unit: ValueUnit): string {
  switch (unit) {
    case 'bytes':
      return 'bytes';
    case 'count':
      return 'count';
    case 'ms':
      return 'time';
    case 'ms-per-s':
      return 'ms/s';
  }
}
