// Building blocks of the TaskManager memory derivation: a size with the settings that decided it, and Flink's
// RangeFraction read the way ProcessMemoryUtils.getRangeFraction reads it.
import type { FlinkConfig } from '../config/flink-config';
import { javaDoubleToString } from '../config/java-text';
import { toHumanReadableString as hr } from '../config/memory-size';
import { compactSize, type FractionResult, type RangeFraction } from './memory-arithmetic';
import type { MemorySource } from './memory-breakdown';
import {
  type ConfigSetting,
  type FractionOption,
  IllegalConfigurationError,
  optionToString,
  type ReadSize,
  readFraction,
  readSize,
  type SizeOption,
} from './memory-options';

export interface Part {
  bytes: bigint;
  source: MemorySource;
}

export function configured(read: ReadSize): MemorySource {
  return {
    how: read.setting.isDefault ? `default ${read.setting.value}` : 'configured',
    settings: [read.setting],
  };
}

export function fixedPart(config: FlinkConfig, option: SizeOption): Part {
  const read = readSize(config, option);
  return { bytes: read.bytes, source: configured(read) };
}

/** A bound Flink fixes in code rather than reading from a key (managed memory's [0, Long.MAX_VALUE]). */
export function fixedRange(bytes: bigint): ReadSize {
  return { bytes, setting: { key: '', value: compactSize(bytes), isDefault: true } };
}

/** `ProcessMemoryUtils.getRangeFraction`: min and max read first, then the fraction; bad bounds are E2. */
export function getRangeFraction(
  config: FlinkConfig,
  min: ReadSize,
  max: ReadSize,
  option: FractionOption,
): RangeFraction {
  const fraction = readFraction(config, option);
  const value = fraction.value;
  if (!(min.bytes <= max.bytes) || !(value >= 0 && value < 1)) {
    throw new IllegalConfigurationError(
      `Inconsistently configured ${optionToString(option.key, option.defaultText)} (${javaDoubleToString(value)}) and its min (${hr(min.bytes)}), max (${hr(max.bytes)}) value`,
      { keys: [fraction.setting.key, min.setting.key, max.setting.key].filter((key) => key !== '') },
    );
  }
  return { min, max, fraction };
}

export function rangeSettings(range: RangeFraction): ConfigSetting[] {
  return [range.fraction.setting, range.min.setting, range.max.setting];
}

export function fractionPart(result: FractionResult, how: string, range: RangeFraction): Part {
  const source: MemorySource = { how, settings: rangeSettings(range) };
  if (result.capped !== undefined) source.capped = result.capped;
  return { bytes: result.bytes, source };
}
