// "Check the plug with the real config": reads a job's flink-conf.yaml (flat) or config.yaml (nested), derives
// the TaskManager memory exactly as the simulator does (shared/sim/memory), and flags what incidents usually
// hide: a direct-memory limit below the peak seen, explicit GC switched off or made concurrent in any
// env.java.opts* key, and a container smaller than the process. Pure: the SHA-256 function is passed in, as the
// audit chain's verifier takes it (shared/domain/chain-links.ts).
import type { ConfigDialect } from '../sim/config/config-file';
import { parseFlinkConfigFileDetailed } from '../sim/config/config-file';
import type { FlinkConfig } from '../sim/config/flink-config';
import { FlinkConfigError } from '../sim/config/flink-config-error';
import { toHumanReadableString } from '../sim/config/memory-size';
import { deriveTaskManagerMemory, type MemoryBreakdown } from '../sim/memory/flink-memory';

export interface ConfigText {
  text: string;
  /** The file's name when it came from a file: exactly `flink-conf.yaml` is read flat, other names as YAML. */
  fileName?: string;
}

export interface ConfigCheckInput extends ConfigText {
  /** The container's memory limit (YARN container or Kubernetes limit), bytes. */
  containerBytes?: number;
  /** The highest direct memory (Status.JVM.Memory.Direct.MemoryUsed) seen on the real job, bytes. */
  observedDirectPeakBytes?: number;
}

export type ConfigFindingId =
  | 'direct-limit-below-peak'
  | 'direct-peak-near-limit'
  | 'explicit-gc-disabled'
  | 'explicit-gc-concurrent'
  | 'container-smaller-than-process'
  | 'memory-derivation-failed';

export interface ConfigFinding {
  id: ConfigFindingId;
  severity: 'error' | 'warning';
  /** One sentence for a person, with the numbers and the keys. */
  message: string;
  /** The config keys behind it, main key first. */
  keys: string[];
  /** The 1-based line of the main key in the text, when Peel can find it. */
  line?: number;
}

export interface ConfigCheck {
  dialect: ConfigDialect;
  /** The name used for messages: the file name, or `flink-conf.yaml` / `config.yaml` for a paste. */
  fileName: string;
  /** The flat keys as Flink reads them. */
  config: Record<string, string>;
  /** Null when Flink would refuse the configuration (see the memory-derivation-failed finding). */
  memory: MemoryBreakdown | null;
  findings: ConfigFinding[];
  /** Lines a flat flink-conf.yaml parser skipped, as Flink logs them. */
  parseWarnings: string[];
  /** SHA-256 (hex) of the exact text, for the audit trail. */
  contentSha256: string;
}

/** Throws FlinkConfigError when the text is not a readable config file (bad YAML, duplicate keys). */
export function checkFlinkConfig(input: ConfigCheckInput, sha256Hex: (text: string) => string): ConfigCheck {
  const read = readConfigText(input);
  const findings: ConfigFinding[] = [];
  let memory: MemoryBreakdown | null = null;
  try {
    memory = deriveTaskManagerMemory(read.config);
  } catch (error) {
    if (!(error instanceof FlinkConfigError)) throw error;
    findings.push({
      id: 'memory-derivation-failed',
      severity: 'error',
      message: error.message,
      keys: error.keys,
      ...lineField(input.text, error.keys[0]),
    });
  }
  findings.push(...javaOptsFindings(read.config, input.text));
  if (memory !== null) findings.push(...limitFindings(memory, input, read.config));
  return {
    dialect: read.dialect,
    fileName: read.fileName,
    config: Object.fromEntries(read.config),
    memory,
    findings,
    parseWarnings: read.warnings,
    contentSha256: sha256Hex(input.text),
  };
}

/** Parses a config text; a paste (no file name) is read flat unless it nests keys. */
export function readConfigText(input: ConfigText): {
  config: FlinkConfig;
  dialect: ConfigDialect;
  fileName: string;
  warnings: string[];
} {
  const fileName = input.fileName ?? (looksNested(input.text) ? 'config.yaml' : 'flink-conf.yaml');
  const parsed = parseFlinkConfigFileDetailed(input.text, fileName);
  return { config: parsed.config, dialect: parsed.dialect, fileName, warnings: parsed.warnings };
}

// A nested config.yaml has a key with no value on its line followed by an indented key.
function looksNested(text: string): boolean {
  return /^[^\s#][^:#]*:\s*(#.*)?\r?\n(\s*#.*\r?\n)*[ \t]+[^\s#-][^:]*:/m.test(text);
}

const MiB = 2 ** 20;
const size = (bytes: number) => toHumanReadableString(bytes);

function limitFindings(
  memory: MemoryBreakdown,
  input: ConfigCheckInput,
  config: FlinkConfig,
): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  const directKeys = [
    'taskmanager.memory.framework.off-heap.size',
    'taskmanager.memory.task.off-heap.size',
    'taskmanager.memory.network.max',
  ];
  const directKey = directKeys.find((k) => config.has(k)) ?? (directKeys[1] as string);
  const peak = input.observedDirectPeakBytes;
  if (peak !== undefined && Number.isFinite(peak)) {
    if (memory.maxDirectMemory < peak) {
      findings.push({
        id: 'direct-limit-below-peak',
        severity: 'error',
        message: `The direct-memory limit -XX:MaxDirectMemorySize=${memory.maxDirectMemory} (${size(memory.maxDirectMemory)}: framework off-heap + task off-heap + network) is below the observed peak of ${Math.round(peak)} bytes (${size(Math.round(peak))}): the job cannot have run with this configuration, or the peak was read from another metric.`,
        keys: directKeys,
        ...lineField(input.text, directKey),
      });
    } else if (peak >= 0.9 * memory.maxDirectMemory) {
      findings.push({
        id: 'direct-peak-near-limit',
        severity: 'warning',
        message: `The observed direct-memory peak ${size(Math.round(peak))} is ${((100 * peak) / memory.maxDirectMemory).toFixed(0)}% of the limit ${size(memory.maxDirectMemory)}: the next reservation may fail with "Cannot reserve N bytes of direct buffer memory".`,
        keys: directKeys,
        ...lineField(input.text, directKey),
      });
    }
  }
  const container = input.containerBytes;
  if (container !== undefined && Number.isFinite(container) && container < memory.totalProcessMemory) {
    findings.push({
      id: 'container-smaller-than-process',
      severity: 'error',
      message: `The container (${size(container)}, ${Math.floor(container / MiB)} MiB) is smaller than the TaskManager process (taskmanager.memory.process.size ${size(memory.totalProcessMemory)}, ${Math.ceil(memory.totalProcessMemory / MiB)} MiB): the resource manager kills it once resident memory passes the container's size.`,
      keys: ['taskmanager.memory.process.size', 'taskmanager.memory.flink.size'],
      ...lineField(input.text, 'taskmanager.memory.process.size'),
    });
  }
  return findings;
}

const JAVA_OPTS_KEY = /^env\.java\.opts(\.[A-Za-z-]+)?$/;

/** Every env.java.opts* key whose options end up with explicit GC disabled or concurrent (HotSpot: last wins). */
function javaOptsFindings(config: FlinkConfig, text: string): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  for (const [key, value] of config) {
    if (!JAVA_OPTS_KEY.test(key)) continue;
    const process = javaOptsProcess(key);
    if (lastFlag(value, 'DisableExplicitGC') === '+') {
      findings.push({
        id: 'explicit-gc-disabled',
        severity: 'warning',
        message: `${key} sets -XX:+DisableExplicitGC (${process}): System.gc() does nothing, so when a direct-memory reservation hits -XX:MaxDirectMemorySize the JDK cannot free unreachable direct buffers with a full GC; it retries for about 0.5 s and throws OutOfMemoryError: Cannot reserve N bytes of direct buffer memory. Leaked buffers stay until a GC happens for another reason.`,
        keys: [key],
        ...lineField(text, key),
      });
    }
    if (lastFlag(value, 'ExplicitGCInvokesConcurrent') === '+') {
      findings.push({
        id: 'explicit-gc-concurrent',
        severity: 'warning',
        message: `${key} sets -XX:+ExplicitGCInvokesConcurrent (${process}): the System.gc() of a failing direct-memory reservation starts a concurrent cycle instead of a full GC, so unreachable direct buffers are freed later and memory graphs show fewer cliffs.`,
        keys: [key],
        ...lineField(text, key),
      });
    }
  }
  return findings;
}

function javaOptsProcess(key: string): string {
  if (key === 'env.java.opts' || key === 'env.java.opts.all')
    return 'every Flink process, TaskManagers included';
  if (key === 'env.java.opts.taskmanager') return 'TaskManagers';
  return `the ${key.slice('env.java.opts.'.length)} process only`;
}

function lastFlag(opts: string, flag: string): '+' | '-' | null {
  let last: '+' | '-' | null = null;
  for (const word of opts.split(/\s+/)) {
    const m = /^-XX:([+-])(\w+)$/.exec(word);
    if (m?.[2] === flag) last = m[1] as '+' | '-';
  }
  return last;
}

/** The line a key is set on: `key:` in a flat file, the last segment under its parents in a nested one. */
export function lineOfKey(text: string, key: string): number | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const flat = new RegExp(`^\\s*${escaped}\\s*:`);
  const found = lines.findIndex((line) => flat.test(line));
  if (found >= 0) return found + 1;
  const last = key.split('.').pop() ?? key;
  const nested = new RegExp(`^\\s+${last.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\s*:`);
  const candidates = lines.map((line, i) => (nested.test(line) ? i + 1 : 0)).filter((n) => n > 0);
  return candidates.length === 1 ? candidates[0] : undefined;
}

function lineField(text: string, key: string | undefined): { line?: number } {
  if (key === undefined) return {};
  const line = lineOfKey(text, key);
  return line === undefined ? {} : { line };
}
