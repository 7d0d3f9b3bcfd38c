// A Flink configuration as flat keys to string values, with typed getters that read values the way Flink's
// Configuration does (deprecated keys included) and fail naming the key and the value.
import { deprecatedKeysOf } from './config-keys';
import { parseDuration } from './duration';
import { FlinkConfigError } from './flink-config-error';
import { javaTrim } from './java-text';
import { parseMemorySize, parseMemorySizeExact } from './memory-size';

export { FlinkConfigError } from './flink-config-error';

/** Flat Flink keys (`taskmanager.memory.process.size`) to their values as text. */
export type FlinkConfig = ReadonlyMap<string, string>;

/** A value found for a key, and the key it was found under (the key itself or one of its deprecated keys). */
export interface ConfigValue {
  key: string;
  value: string;
}

export function createFlinkConfig(
  entries: Readonly<Record<string, string>> | Iterable<[string, string]>,
): FlinkConfig {
  const pairs = Symbol.iterator in entries ? entries : Object.entries(entries);
  return new Map(pairs as Iterable<[string, string]>);
}

/**
 * The CLIs' `--set key=value`: later values replace earlier ones; an empty value sets the key to the empty
 * string (Flink's `env.java.opts=`), it does not remove it.
 */
export function withOverrides(config: FlinkConfig, overrides: Readonly<Record<string, string>>): FlinkConfig {
  const merged = new Map(config);
  for (const [key, value] of Object.entries(overrides)) merged.set(key, value);
  return merged;
}

/** The value for `key`, else for its first deprecated key that is set (Flink's fallback order). */
export function lookupConfigValue(config: FlinkConfig, key: string): ConfigValue | undefined {
  const own = config.get(key);
  if (own !== undefined) return { key, value: own };
  for (const deprecated of deprecatedKeysOf(key)) {
    const value = config.get(deprecated);
    if (value !== undefined) return { key: deprecated, value };
  }
  return undefined;
}

/** Flink's `Configuration.contains(option)`: the key or one of its deprecated keys is set. */
export function hasConfigKey(config: FlinkConfig, key: string): boolean {
  return lookupConfigValue(config, key) !== undefined;
}

// Flink names the option's own key in the message even when the value came from a deprecated key.
function readTyped<T>(config: FlinkConfig, key: string, convert: (value: string) => T): T | undefined {
  const found = lookupConfigValue(config, key);
  if (found === undefined) return undefined;
  try {
    return convert(found.value);
  } catch (error) {
    const keys = found.key === key ? [key] : [key, found.key];
    throw new FlinkConfigError(`Could not parse value '${found.value}' for key '${key}'.`, {
      keys,
      cause: error,
    });
  }
}

function numberFormatError(text: string): FlinkConfigError {
  return new FlinkConfigError(text === '' ? 'empty String' : `For input string: "${text}"`);
}

const JAVA_FLOAT = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;

/**
 * Java's `Float.parseFloat`, returned as the float widened to double (0.1 becomes 0.10000000149011612), which is
 * what Flink computes with. Rounds via double first; that differs from Java only for decimals within a hair of a
 * float rounding boundary. Hexadecimal float literals are not supported.
 */
export function parseJavaFloat(text: string): number {
  const trimmed = javaTrim(text);
  if (!JAVA_FLOAT.test(trimmed)) throw numberFormatError(text);
  const plain = trimmed.replace(/[fFdD]$/, '');
  return Math.fround(Number(plain));
}

/** Java's `Integer.parseInt`: optional sign, decimal digits, no spaces, 32-bit range. */
export function parseJavaInt(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw numberFormatError(text);
  const value = Number(text);
  if (value < -2147483648 || value > 2147483647) throw numberFormatError(text);
  return value;
}

/** Flink's boolean conversion: "true" or "false" in any case, nothing else. */
export function parseFlinkBoolean(text: string): boolean {
  const upper = text.toUpperCase();
  if (upper === 'TRUE') return true;
  if (upper === 'FALSE') return false;
  throw new FlinkConfigError(
    `Unrecognized option for boolean: ${text}. Expected either true or false(case insensitive)`,
  );
}

export function getString(config: FlinkConfig, key: string): string | undefined;
export function getString(config: FlinkConfig, key: string, defaultValue: string): string;
export function getString(config: FlinkConfig, key: string, defaultValue?: string): string | undefined {
  return lookupConfigValue(config, key)?.value ?? defaultValue;
}

/** A memory size in bytes (`1728m` → 1811939328); a bare number means bytes. */
export function getMemorySize(config: FlinkConfig, key: string): number | undefined;
export function getMemorySize(config: FlinkConfig, key: string, defaultValue: number): number;
export function getMemorySize(config: FlinkConfig, key: string, defaultValue?: number): number | undefined {
  return readTyped(config, key, (value) => parseMemorySize(value)) ?? defaultValue;
}

/** A memory size in bytes over Flink's full 64-bit range (the default network max is 2^63 - 1 bytes). */
export function getMemorySizeExact(config: FlinkConfig, key: string): bigint | undefined;
export function getMemorySizeExact(config: FlinkConfig, key: string, defaultValue: bigint): bigint;
export function getMemorySizeExact(
  config: FlinkConfig,
  key: string,
  defaultValue?: bigint,
): bigint | undefined {
  return readTyped(config, key, (value) => parseMemorySizeExact(value)) ?? defaultValue;
}

/** A duration in milliseconds (`10 min` → 600000); a bare number means milliseconds. */
export function getDuration(config: FlinkConfig, key: string): number | undefined;
export function getDuration(config: FlinkConfig, key: string, defaultValue: number): number;
export function getDuration(config: FlinkConfig, key: string, defaultValue?: number): number | undefined {
  return readTyped(config, key, (value) => parseDuration(value)) ?? defaultValue;
}

/** A Flink float option, as the float value widened to double. */
export function getFloat(config: FlinkConfig, key: string): number | undefined;
export function getFloat(config: FlinkConfig, key: string, defaultValue: number): number;
export function getFloat(config: FlinkConfig, key: string, defaultValue?: number): number | undefined {
  return readTyped(config, key, parseJavaFloat) ?? defaultValue;
}

export function getInt(config: FlinkConfig, key: string): number | undefined;
export function getInt(config: FlinkConfig, key: string, defaultValue: number): number;
export function getInt(config: FlinkConfig, key: string, defaultValue?: number): number | undefined {
  return readTyped(config, key, parseJavaInt) ?? defaultValue;
}

export function getBoolean(config: FlinkConfig, key: string): boolean | undefined;
export function getBoolean(config: FlinkConfig, key: string, defaultValue: boolean): boolean;
export function getBoolean(config: FlinkConfig, key: string, defaultValue?: boolean): boolean | undefined {
  return readTyped(config, key, parseFlinkBoolean) ?? defaultValue;
}
