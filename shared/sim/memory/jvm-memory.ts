// JVM metaspace and overhead of a TaskManager, from total Flink memory or from total process memory, as
// Flink's ProcessMemoryUtils derives them (overhead by fraction and caps, or as the checked rest).
import type { FlinkConfig } from '../config/flink-config';
import { javaDoubleToString } from '../config/java-text';
import { toHumanReadableString as hr } from '../config/memory-size';
import {
  addExact,
  deriveWithFraction,
  deriveWithInverseFraction,
  floatText,
  type RangeFraction,
  rangeText,
} from './memory-arithmetic';
import { IllegalConfigurationError, isSet, readSize, TM_FRACTIONS, TM_OPTIONS } from './memory-options';
import { configured, fractionPart, getRangeFraction, type Part } from './memory-parts';

export interface JvmParts {
  jvmMetaspace: Part;
  jvmOverhead: Part;
}

function jvmOverheadRange(config: FlinkConfig): RangeFraction {
  const min = readSize(config, TM_OPTIONS.jvmOverheadMin);
  const max = readSize(config, TM_OPTIONS.jvmOverheadMax);
  return getRangeFraction(config, min, max, TM_FRACTIONS.jvmOverhead);
}

/** J, `ProcessMemoryUtils.deriveJvmMetaspaceAndOverheadFromTotalFlinkMemory`. */
export function deriveJvmFromTotalFlink(config: FlinkConfig, totalFlink: bigint, notes: string[]): JvmParts {
  const O = TM_OPTIONS;
  const metaspace = readSize(config, O.jvmMetaspace);
  const jvmMetaspace: Part = { bytes: metaspace.bytes, source: configured(metaspace) };
  const flinkAndMetaspace = addExact(totalFlink, metaspace.bytes);
  if (isSet(config, O.totalProcess)) {
    const process = readSize(config, O.totalProcess);
    if (process.bytes < flinkAndMetaspace) {
      throw new IllegalConfigurationError(
        `The configured Total Process Memory size (${hr(process.bytes)}) is less than the sum of the derived Total Flink Memory size (${hr(totalFlink)}) and the configured or default JVM Metaspace size  (${hr(metaspace.bytes)}).`,
        { keys: [O.totalProcess.key, O.jvmMetaspace.key] },
      );
    }
    const overhead = process.bytes - flinkAndMetaspace;
    const range = jvmOverheadRange(config);
    if (overhead > range.max.bytes || overhead < range.min.bytes) {
      throw new IllegalConfigurationError(
        `Derived JVM Overhead size (${hr(overhead)}) is not in configured JVM Overhead range [${hr(range.min.bytes)}, ${hr(range.max.bytes)}].`,
        { keys: [O.totalProcess.key, range.min.setting.key, range.max.setting.key] },
      );
    }
    if (isSet(config, TM_FRACTIONS.jvmOverhead)) {
      notes.push(
        `The derived JVM Overhead size (${hr(overhead)}) does not match the configured JVM Overhead fraction (${javaDoubleToString(range.fraction.value)}) from the configured Total Process Memory size (${hr(process.bytes)}). The derived JVM OVerhead size will be used.`,
      );
    }
    return {
      jvmMetaspace,
      jvmOverhead: {
        bytes: overhead,
        source: {
          how: `rest of total process memory, must lie in ${rangeText(range)}`,
          settings: [process.setting, range.min.setting, range.max.setting],
        },
      },
    };
  }
  const range = jvmOverheadRange(config);
  const result = deriveWithInverseFraction('jvm overhead memory', flinkAndMetaspace, range, notes);
  const f = floatText(range.fraction.value);
  const how = `${f}/(1 − ${f}) × (total Flink + JVM metaspace), capped to ${rangeText(range)}`;
  return { jvmMetaspace, jvmOverhead: fractionPart(result, how, range) };
}

/** Mode 3's JVM part, `ProcessMemoryUtils.deriveJvmMetaspaceAndOverheadWithTotalProcessMemory`. */
export function deriveJvmFromTotalProcess(config: FlinkConfig, process: bigint, notes: string[]): JvmParts {
  const metaspace = readSize(config, TM_OPTIONS.jvmMetaspace);
  const range = jvmOverheadRange(config);
  const result = deriveWithFraction('jvm overhead memory', process, range, notes);
  if (addExact(metaspace.bytes, result.bytes) > process) {
    throw new IllegalConfigurationError(
      `Sum of configured JVM Metaspace (${hr(metaspace.bytes)}) and JVM Overhead (${hr(result.bytes)}) exceed configured Total Process Memory (${hr(process)}).`,
      { keys: [TM_OPTIONS.jvmMetaspace.key, TM_FRACTIONS.jvmOverhead.key, TM_OPTIONS.totalProcess.key] },
    );
  }
  const how = `${floatText(range.fraction.value)} × total process, capped to ${rangeText(range)}`;
  return {
    jvmMetaspace: { bytes: metaspace.bytes, source: configured(metaspace) },
    jvmOverhead: fractionPart(result, how, range),
  };
}
