// Derives a TaskManager's memory the way Flink's TaskExecutorProcessUtils.processSpecFromConfig does (2.x): the
// three modes, float fractions, exact decimal products, caps, "rest" components, and Flink's error texts.
import type { FlinkConfig } from '../config/flink-config';
import { FlinkConfigError } from '../config/flink-config-error';
import { toHumanReadableString as hr, LONG_MAX } from '../config/memory-size';
import { deriveJvmFromTotalFlink, deriveJvmFromTotalProcess, type JvmParts } from './jvm-memory';
import {
  addExact,
  deriveWithFraction,
  deriveWithInverseFraction,
  floatText,
  type RangeFraction,
  rangeText,
} from './memory-arithmetic';
import { finishBreakdown, type MemoryBreakdown, type SizedParts } from './memory-breakdown';
import {
  IllegalConfigurationError,
  isSet,
  optionToString,
  readSize,
  TM_FRACTIONS,
  TM_OPTIONS,
} from './memory-options';
import { configured, fixedPart, fixedRange, fractionPart, getRangeFraction, type Part } from './memory-parts';

export type {
  DerivationMode,
  MemoryBreakdown,
  MemoryComponentName,
  MemorySource,
} from './memory-breakdown';
export { MEMORY_COMPONENT_NAMES } from './memory-breakdown';
export type { ConfigSetting } from './memory-options';
export { logTaskExecutorConfiguration } from './task-executor-log';

const FAILURE_PREFIX = 'TaskManager memory configuration failed: ';

interface FlinkParts {
  frameworkHeap: Part;
  taskHeap: Part;
  managed: Part;
  frameworkOffHeap: Part;
  taskOffHeap: Part;
  network: Part;
  totalFlinkMemory: Part;
}

/**
 * Flink's TaskManager memory for a configuration, every component in bytes with where it came from.
 * Throws `FlinkConfigError`: Flink's IllegalConfigurationException texts (E1-E9) carry the
 * `TaskManager memory configuration failed: ` prefix; an unparseable fraction is Flink's plain
 * `Could not parse value '<v>' for key '<key>'.`
 */
export function deriveTaskManagerMemory(config: FlinkConfig): MemoryBreakdown {
  try {
    return deriveUnprefixed(config);
  } catch (error) {
    if (error instanceof IllegalConfigurationError) {
      // Flink chains the unprefixed exception as the cause; skipping it avoids printing the same text twice.
      throw new FlinkConfigError(FAILURE_PREFIX + error.message, { keys: error.keys, cause: error.cause });
    }
    throw error;
  }
}

function deriveUnprefixed(config: FlinkConfig): MemoryBreakdown {
  const notes: string[] = [];
  const O = TM_OPTIONS;
  let flink: FlinkParts;
  let jvm: JvmParts;
  let totalProcess: Part;
  let mode: MemoryBreakdown['mode'];

  if (isSet(config, O.taskHeap) && isSet(config, O.managedSize)) {
    mode = 'fine-grained';
    flink = deriveFromFineGrained(config, notes);
    jvm = deriveJvmFromTotalFlink(config, flink.totalFlinkMemory.bytes, notes);
  } else if (isSet(config, O.totalFlink)) {
    mode = 'total-flink';
    const total = readSize(config, O.totalFlink);
    flink = deriveFromTotalFlink(config, { bytes: total.bytes, source: configured(total) }, notes);
    jvm = deriveJvmFromTotalFlink(config, total.bytes, notes);
  } else if (isSet(config, O.totalProcess)) {
    mode = 'total-process';
    const process = readSize(config, O.totalProcess);
    jvm = deriveJvmFromTotalProcess(config, process.bytes, notes);
    const totalFlinkBytes = process.bytes - (jvm.jvmMetaspace.bytes + jvm.jvmOverhead.bytes);
    const totalFlink: Part = {
      bytes: totalFlinkBytes,
      source: { how: 'total process − JVM metaspace − JVM overhead', settings: [process.setting] },
    };
    flink = deriveFromTotalFlink(config, totalFlink, notes);
  } else {
    throw new IllegalConfigurationError(
      `Either required fine-grained memory (${O.taskHeap.key} and ${O.managedSize.key}), or Total Flink Memory size (${optionToString(O.totalFlink.key, null)}), or Total Process Memory size (${optionToString(O.totalProcess.key, null)}) need to be configured explicitly.`,
      { keys: [O.taskHeap.key, O.managedSize.key, O.totalFlink.key, O.totalProcess.key] },
    );
  }

  if (isSet(config, O.totalProcess)) {
    const process = readSize(config, O.totalProcess);
    totalProcess = { bytes: process.bytes, source: configured(process) };
  } else {
    totalProcess = {
      bytes: addExact(flink.totalFlinkMemory.bytes, jvm.jvmMetaspace.bytes, jvm.jvmOverhead.bytes),
      source: { how: 'total Flink + JVM metaspace + JVM overhead', settings: [] },
    };
  }

  const parts: SizedParts = { ...flink, ...jvm, totalProcessMemory: totalProcess };
  return finishBreakdown(config, mode, parts, notes);
}

function networkRange(config: FlinkConfig): RangeFraction {
  const min = readSize(config, TM_OPTIONS.networkMin);
  const max = readSize(config, TM_OPTIONS.networkMax);
  return getRangeFraction(config, min, max, TM_FRACTIONS.network);
}

function managedPart(config: FlinkConfig, totalFlink: bigint, notes: string[]): Part {
  if (isSet(config, TM_OPTIONS.managedSize)) return fixedPart(config, TM_OPTIONS.managedSize);
  const range = getRangeFraction(config, fixedRange(0n), fixedRange(LONG_MAX), TM_FRACTIONS.managed);
  const result = deriveWithFraction('managed memory', totalFlink, range, notes);
  return {
    bytes: result.bytes,
    source: { how: `${floatText(range.fraction.value)} × total Flink`, settings: [range.fraction.setting] },
  };
}

// The network memory is the rest of total Flink memory: it is checked against its range, never capped (E5).
function restNetworkPart(config: FlinkConfig, network: bigint): Part {
  let range: RangeFraction;
  try {
    range = networkRange(config);
    if (network > range.max.bytes || network < range.min.bytes) {
      throw new IllegalConfigurationError(
        `Derived Network Memory size (${hr(network)}) is not in configured Network Memory range [${hr(range.min.bytes)}, ${hr(range.max.bytes)}].`,
        { keys: [range.min.setting.key, range.max.setting.key] },
      );
    }
  } catch (error) {
    if (!(error instanceof IllegalConfigurationError)) throw error;
    throw new IllegalConfigurationError(
      'If Total Flink, Task Heap and (or) Managed Memory sizes are explicitly configured then the Network Memory size is the rest of the Total Flink memory after subtracting all other configured types of memory, but the derived Network Memory is inconsistent with its configuration.',
      {
        keys: [TM_OPTIONS.totalFlink.key, TM_OPTIONS.taskHeap.key, TM_OPTIONS.managedSize.key, ...error.keys],
        cause: error,
      },
    );
  }
  return {
    bytes: network,
    source: {
      how: `rest of total Flink memory, must lie in ${rangeText(range)}`,
      settings: [range.min.setting, range.max.setting],
    },
  };
}

function exceedsWithTaskHeap(
  parts: Omit<FlinkParts, 'network' | 'totalFlinkMemory'>,
  total: bigint,
): IllegalConfigurationError {
  return new IllegalConfigurationError(
    `Sum of configured Framework Heap Memory (${hr(parts.frameworkHeap.bytes)}), Framework Off-Heap Memory (${hr(parts.frameworkOffHeap.bytes)}), Task Heap Memory (${hr(parts.taskHeap.bytes)}), Task Off-Heap Memory (${hr(parts.taskOffHeap.bytes)}) and Managed Memory (${hr(parts.managed.bytes)}) exceed configured Total Flink Memory (${hr(total)}).`,
    {
      keys: [
        TM_OPTIONS.frameworkHeap.key,
        TM_OPTIONS.frameworkOffHeap.key,
        TM_OPTIONS.taskHeap.key,
        TM_OPTIONS.taskOffHeap.key,
        TM_OPTIONS.managedSize.key,
        TM_OPTIONS.totalFlink.key,
      ],
    },
  );
}

/** Mode 1, `TaskExecutorFlinkMemoryUtils.deriveFromRequiredFineGrainedOptions`. */
function deriveFromFineGrained(config: FlinkConfig, notes: string[]): FlinkParts {
  const O = TM_OPTIONS;
  const taskHeap = fixedPart(config, O.taskHeap);
  const managed = fixedPart(config, O.managedSize);
  const frameworkHeap = fixedPart(config, O.frameworkHeap);
  const frameworkOffHeap = fixedPart(config, O.frameworkOffHeap);
  const taskOffHeap = fixedPart(config, O.taskOffHeap);
  const fixed = { frameworkHeap, taskHeap, managed, frameworkOffHeap, taskOffHeap };
  const withoutNetwork = addExact(
    frameworkHeap.bytes,
    frameworkOffHeap.bytes,
    taskHeap.bytes,
    taskOffHeap.bytes,
    managed.bytes,
  );
  if (isSet(config, O.totalFlink)) {
    const total = readSize(config, O.totalFlink);
    if (withoutNetwork > total.bytes) throw exceedsWithTaskHeap(fixed, total.bytes);
    const network = restNetworkPart(config, total.bytes - withoutNetwork);
    return { ...fixed, network, totalFlinkMemory: { bytes: total.bytes, source: configured(total) } };
  }
  const range = networkRange(config);
  const result = deriveWithInverseFraction('network memory', withoutNetwork, range, notes);
  const f = floatText(range.fraction.value);
  const network = fractionPart(
    result,
    `${f}/(1 − ${f}) × the other Flink components, capped to ${rangeText(range)}`,
    range,
  );
  const totalFlinkMemory: Part = {
    bytes: addExact(withoutNetwork, network.bytes),
    source: { how: 'sum of the Flink components', settings: [] },
  };
  return { ...fixed, network, totalFlinkMemory };
}

/** Mode 2 (and the Flink part of mode 3), `TaskExecutorFlinkMemoryUtils.deriveFromTotalFlinkMemory`. */
function deriveFromTotalFlink(config: FlinkConfig, totalFlinkMemory: Part, notes: string[]): FlinkParts {
  const O = TM_OPTIONS;
  const total = totalFlinkMemory.bytes;
  const frameworkHeap = fixedPart(config, O.frameworkHeap);
  const frameworkOffHeap = fixedPart(config, O.frameworkOffHeap);
  const taskOffHeap = fixedPart(config, O.taskOffHeap);

  if (isSet(config, O.taskHeap)) {
    const taskHeap = fixedPart(config, O.taskHeap);
    const managed = managedPart(config, total, notes);
    const fixed = { frameworkHeap, taskHeap, managed, frameworkOffHeap, taskOffHeap };
    const withoutNetwork = addExact(
      frameworkHeap.bytes,
      frameworkOffHeap.bytes,
      taskHeap.bytes,
      taskOffHeap.bytes,
      managed.bytes,
    );
    if (withoutNetwork > total) throw exceedsWithTaskHeap(fixed, total);
    const network = restNetworkPart(config, total - withoutNetwork);
    return { ...fixed, network, totalFlinkMemory };
  }

  const managed = managedPart(config, total, notes);
  const range = networkRange(config);
  const result = deriveWithFraction('network memory', total, range, notes);
  const network = fractionPart(
    result,
    `${floatText(range.fraction.value)} × total Flink, capped to ${rangeText(range)}`,
    range,
  );
  const withoutTaskHeap = addExact(
    frameworkHeap.bytes,
    frameworkOffHeap.bytes,
    taskOffHeap.bytes,
    managed.bytes,
    network.bytes,
  );
  if (withoutTaskHeap > total) {
    throw new IllegalConfigurationError(
      `Sum of configured Framework Heap Memory (${hr(frameworkHeap.bytes)}), Framework Off-Heap Memory (${hr(frameworkOffHeap.bytes)}), Task Off-Heap Memory (${hr(taskOffHeap.bytes)}), Managed Memory (${hr(managed.bytes)}) and Network Memory (${hr(network.bytes)}) exceed configured Total Flink Memory (${hr(total)}).`,
      {
        keys: [
          O.frameworkHeap.key,
          O.frameworkOffHeap.key,
          O.taskOffHeap.key,
          managed.source.settings[0]?.key ?? O.managedSize.key,
          TM_FRACTIONS.network.key,
          O.totalFlink.key,
        ],
      },
    );
  }
  const taskHeap: Part = {
    bytes: total - withoutTaskHeap,
    source: { how: 'rest of total Flink memory', settings: [] },
  };
  return { frameworkHeap, taskHeap, managed, frameworkOffHeap, taskOffHeap, network, totalFlinkMemory };
}

export { FlinkConfigError };
