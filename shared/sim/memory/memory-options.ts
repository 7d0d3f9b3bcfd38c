// The TaskManager memory options of Flink 2.x (TaskManagerOptions): keys, defaults, deprecated keys, and how
// ProcessMemoryUtils reads them, recording which setting decided each value for the memory bar's labels.
import { deprecatedKeysOf } from '../config/config-keys';
import {
  type FlinkConfig,
  getFloat,
  getMemorySizeExact,
  hasConfigKey,
  lookupConfigValue,
} from '../config/flink-config';
import { FlinkConfigError, type FlinkConfigErrorOptions } from '../config/flink-config-error';
import { LONG_MAX } from '../config/memory-size';

/** Flink's IllegalConfigurationException: the errors that get the `TaskManager memory configuration failed: ` prefix. */
export class IllegalConfigurationError extends FlinkConfigError {
  constructor(message: string, options: FlinkConfigErrorOptions = {}) {
    super(message, options);
    this.name = 'IllegalConfigurationError';
  }
}

export interface SizeOption {
  key: string;
  defaultBytes: bigint | null;
  /** The default as Flink's docs write it ("128m"). */
  defaultText: string | null;
}

export interface FractionOption {
  key: string;
  /** The default float widened to double. */
  defaultValue: number;
  defaultText: string;
}

const MB = 1n << 20n;

export const TM_OPTIONS = {
  totalProcess: { key: 'taskmanager.memory.process.size', defaultBytes: null, defaultText: null },
  totalFlink: { key: 'taskmanager.memory.flink.size', defaultBytes: null, defaultText: null },
  frameworkHeap: {
    key: 'taskmanager.memory.framework.heap.size',
    defaultBytes: 128n * MB,
    defaultText: '128m',
  },
  taskHeap: { key: 'taskmanager.memory.task.heap.size', defaultBytes: null, defaultText: null },
  managedSize: { key: 'taskmanager.memory.managed.size', defaultBytes: null, defaultText: null },
  frameworkOffHeap: {
    key: 'taskmanager.memory.framework.off-heap.size',
    defaultBytes: 128n * MB,
    defaultText: '128m',
  },
  taskOffHeap: { key: 'taskmanager.memory.task.off-heap.size', defaultBytes: 0n, defaultText: '0' },
  networkMin: { key: 'taskmanager.memory.network.min', defaultBytes: 64n * MB, defaultText: '64m' },
  networkMax: { key: 'taskmanager.memory.network.max', defaultBytes: LONG_MAX, defaultText: `${LONG_MAX}b` },
  jvmMetaspace: {
    key: 'taskmanager.memory.jvm-metaspace.size',
    defaultBytes: 256n * MB,
    defaultText: '256m',
  },
  jvmOverheadMin: {
    key: 'taskmanager.memory.jvm-overhead.min',
    defaultBytes: 192n * MB,
    defaultText: '192m',
  },
  jvmOverheadMax: { key: 'taskmanager.memory.jvm-overhead.max', defaultBytes: 1024n * MB, defaultText: '1g' },
  segmentSize: { key: 'taskmanager.memory.segment-size', defaultBytes: 32n * 1024n, defaultText: '32kb' },
} as const satisfies Record<string, SizeOption>;

export const TM_FRACTIONS = {
  managed: { key: 'taskmanager.memory.managed.fraction', defaultValue: Math.fround(0.4), defaultText: '0.4' },
  network: { key: 'taskmanager.memory.network.fraction', defaultValue: Math.fround(0.1), defaultText: '0.1' },
  jvmOverhead: {
    key: 'taskmanager.memory.jvm-overhead.fraction',
    defaultValue: Math.fround(0.1),
    defaultText: '0.1',
  },
} as const satisfies Record<string, FractionOption>;

/** A setting that decided a value: the key read (possibly a deprecated one) and its text, or the default. */
export interface ConfigSetting {
  key: string;
  value: string;
  isDefault: boolean;
}

export interface ReadSize {
  bytes: bigint;
  setting: ConfigSetting;
}

export interface ReadFraction {
  value: number;
  setting: ConfigSetting;
}

/** `ConfigOption.toString()`, which Flink puts into E1 and E2. */
export function optionToString(key: string, defaultText: string | null): string {
  const fallbacks = deprecatedKeysOf(key).map((deprecated) => `{key=${deprecated}, isDeprecated=true}`);
  return `Key: '${key}' , default: ${defaultText ?? 'null'} (fallback keys: [${fallbacks.join(', ')}])`;
}

export function isSet(config: FlinkConfig, option: SizeOption | FractionOption): boolean {
  return hasConfigKey(config, option.key);
}

function settingOf(config: FlinkConfig, key: string, defaultText: string | null): ConfigSetting {
  const found = lookupConfigValue(config, key);
  if (found !== undefined) return { key: found.key, value: found.value, isDefault: false };
  return { key, value: defaultText ?? '', isDefault: true };
}

/** `ProcessMemoryUtils.getMemorySizeFromConfig`: unreadable or unset-without-default is E9. */
export function readSize(config: FlinkConfig, option: SizeOption): ReadSize {
  let bytes: bigint | undefined;
  try {
    bytes = getMemorySizeExact(config, option.key) ?? option.defaultBytes ?? undefined;
    if (bytes === undefined)
      throw new FlinkConfigError('The memory option is not set and has no default value.');
  } catch (error) {
    const keys = error instanceof FlinkConfigError && error.keys.length > 0 ? error.keys : [option.key];
    throw new IllegalConfigurationError(`Cannot read memory size from config option '${option.key}'.`, {
      keys,
      cause: error,
    });
  }
  return { bytes, setting: settingOf(config, option.key, option.defaultText) };
}

/** `Configuration.getFloat`: an unparseable value is Flink's plain "Could not parse value" (no prefix). */
export function readFraction(config: FlinkConfig, option: FractionOption): ReadFraction {
  const value = getFloat(config, option.key) ?? option.defaultValue;
  return { value, setting: settingOf(config, option.key, option.defaultText) };
}
