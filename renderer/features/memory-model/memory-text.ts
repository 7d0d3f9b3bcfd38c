// The words under the memory bar: each part's size and the settings behind it, as tooltips and table cells.
import type { MemoryBreakdown } from '../../../shared/contract/lab-entities';
import { formatBytes } from '../../../shared/sim/analysis/format-bytes';

type Source = MemoryBreakdown['sources'][string];
type Setting = Source['settings'][number];

const LONG_MAX_TEXT = '9223372036854775807b';

/** A setting's value for people: Flink's `Long.MAX_VALUE` default reads as "no limit". */
export function settingValue(setting: Setting): string {
  return setting.value === LONG_MAX_TEXT
    ? 'no limit (Long.MAX_VALUE)'
    : setting.value === ''
      ? '""'
      : setting.value;
}

/** Settings Flink reads from keys; bounds fixed in its code (no key) are not something anyone can set. */
export function keyedSettings(source: Source | undefined): Setting[] {
  return (source?.settings ?? []).filter((setting) => setting.key !== '');
}

/** "512 MiB (536870912 bytes)". */
export function sizeWithBytes(bytes: number): string {
  return `${formatBytes(bytes)} (${bytes} bytes)`;
}

/** Multi-line tooltip: name and size, how Flink got there, and each key with its value, default or set. */
export function sourceTooltip(label: string, bytes: number, source: Source | undefined): string {
  const lines = [`${label}: ${sizeWithBytes(bytes)}`];
  if (source) {
    lines.push(source.capped ? `${source.how} (capped to its ${source.capped})` : source.how);
    for (const setting of keyedSettings(source)) {
      lines.push(`${setting.key}: ${settingValue(setting)} (${setting.isDefault ? 'default' : 'set'})`);
    }
  }
  return lines.join('\n');
}
