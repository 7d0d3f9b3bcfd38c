// Numbers as exports write them: Go and Java float text (`2.68435474E8`, `NaN`, `+Inf`), and Grafana's formatted
// values with a unit (`160 MiB`, `1.5 GB`, `350 ms`, `1.20 K`). A unit's family decides what may be mixed in one
// series: `160 MiB` next to `1.02 GiB` is one series in bytes, `160 MiB` next to `35 %` is an error.
import type { MetricUnit } from './metric-kinds';

/** Families of units; `B` alone is bytes of either prefix family. */
export type UnitFamily = 'plain' | 'bytes-iec' | 'bytes-si' | 'bytes' | 'time' | 'percent' | 'count-short';

export interface UnitInfo {
  factor: number;
  family: UnitFamily;
}

const UNITS: Record<string, UnitInfo> = {
  b: { factor: 1, family: 'bytes' },
  bytes: { factor: 1, family: 'bytes' },
  kib: { factor: 2 ** 10, family: 'bytes-iec' },
  mib: { factor: 2 ** 20, family: 'bytes-iec' },
  gib: { factor: 2 ** 30, family: 'bytes-iec' },
  tib: { factor: 2 ** 40, family: 'bytes-iec' },
  pib: { factor: 2 ** 50, family: 'bytes-iec' },
  kb: { factor: 1e3, family: 'bytes-si' },
  mb: { factor: 1e6, family: 'bytes-si' },
  gb: { factor: 1e9, family: 'bytes-si' },
  tb: { factor: 1e12, family: 'bytes-si' },
  pb: { factor: 1e15, family: 'bytes-si' },
  // Durations are read as seconds.
  ns: { factor: 1e-9, family: 'time' },
  µs: { factor: 1e-6, family: 'time' },
  us: { factor: 1e-6, family: 'time' },
  ms: { factor: 1e-3, family: 'time' },
  s: { factor: 1, family: 'time' },
  min: { factor: 60, family: 'time' },
  h: { factor: 3600, family: 'time' },
  hour: { factor: 3600, family: 'time' },
  day: { factor: 86400, family: 'time' },
  '%': { factor: 1, family: 'percent' },
  // Grafana's "short" unit.
  k: { factor: 1e3, family: 'count-short' },
  mil: { factor: 1e6, family: 'count-short' },
  bil: { factor: 1e9, family: 'count-short' },
  tri: { factor: 1e12, family: 'count-short' },
};

export interface ReadValue {
  value: number;
  family: UnitFamily;
  /** The unit as written, '' when none. */
  unit: string;
}

const NUMBER = /^([+-]?(?:\d[\d_]*\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(\S*)$/;

/**
 * A float as Prometheus, Flink or Java write it: decimal or exponent, `NaN`, `+Inf`, `-Inf`, `Inf` (any case).
 * undefined when the text is not a number.
 */
export function parseFloatText(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const lower = t.toLowerCase();
  if (lower === 'nan') return Number.NaN;
  if (lower === '+inf' || lower === 'inf' || lower === '+infinity' || lower === 'infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/**
 * A cell's value with an optional unit; `null` for an empty cell (no point there). undefined when it cannot be
 * read. A header's unit (`direct (MiB)`) scales plain values.
 */
export function parseValueWithUnit(text: string, headerUnit?: UnitInfo): ReadValue | null | undefined {
  const t = text.trim();
  if (t === '' || t === 'null' || t === 'undefined' || t === '-') return null;
  const plain = parseFloatText(t);
  if (plain !== undefined) {
    return headerUnit
      ? { value: plain * headerUnit.factor, family: headerUnit.family, unit: '' }
      : { value: plain, family: 'plain', unit: '' };
  }
  const m = NUMBER.exec(t.replace(/,(?=\d{3}\b)/g, ''));
  if (!m?.[1] || m[2] === undefined) return undefined;
  const info = UNITS[m[2].toLowerCase()];
  if (info === undefined) return undefined;
  return { value: Number(m[1].replace(/_/g, '')) * info.factor, family: info.family, unit: m[2] };
}

/** A unit in a column header: `direct (MiB)`, `heap [bytes]`; undefined when there is none Peel knows. */
export function headerUnit(header: string): { name: string; unit: UnitInfo; text: string } | undefined {
  const m = /^(.*?)\s*[([]\s*([^()[\]\s]+)\s*[)\]]\s*$/.exec(header);
  if (!m?.[1] || m[2] === undefined) return undefined;
  const info = UNITS[m[2].toLowerCase()];
  return info ? { name: m[1], unit: info, text: m[2] } : undefined;
}

/** Whether two families may meet in one series (bytes `B` goes with either prefix family). */
export function familiesAgree(a: UnitFamily, b: UnitFamily): boolean {
  if (a === b) return true;
  const bytes = (f: UnitFamily) => f === 'bytes' || f === 'bytes-iec' || f === 'bytes-si';
  return bytes(a) && bytes(b) && (a === 'bytes' || b === 'bytes');
}

/** The unit of a series whose values carried `family`. */
export function unitOfFamily(family: UnitFamily): MetricUnit | undefined {
  switch (family) {
    case 'bytes':
    case 'bytes-iec':
    case 'bytes-si':
      return 'bytes';
    case 'time':
      return 'seconds';
    case 'count-short':
      return 'count';
    default:
      return undefined;
  }
}
