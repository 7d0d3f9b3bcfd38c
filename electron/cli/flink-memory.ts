// `npm run flink-memory -- [--config FILE] [--set key=value]... [--json]`: Flink's TaskManager memory breakdown
// for a config file (flink-conf.yaml = legacy flat dialect, any other name = config.yaml YAML) plus overrides.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseFlinkConfigFileDetailed } from '../../shared/sim/config/config-file';
import { createFlinkConfig, type FlinkConfig, withOverrides } from '../../shared/sim/config/flink-config';
import { describeConfigError, FlinkConfigError } from '../../shared/sim/config/flink-config-error';
import {
  deriveTaskManagerMemory,
  logTaskExecutorConfiguration,
  MEMORY_COMPONENT_NAMES,
  type MemoryBreakdown,
} from '../../shared/sim/memory/flink-memory';

const USAGE = 'usage: npm run flink-memory -- [--config FILE] [--set key=value]... [--json]';

export interface FlinkMemoryArgs {
  configPath: string | null;
  overrides: Record<string, string>;
  json: boolean;
}

export class UsageError extends Error {}

/** Reads the command line; a bad argument throws UsageError naming it. Accepts `--flag value` and `--flag=value`. */
export function parseFlinkMemoryArgs(argv: readonly string[]): FlinkMemoryArgs {
  const args: FlinkMemoryArgs = { configPath: null, overrides: {}, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    const inlineValue = eq < 0 ? undefined : arg.slice(eq + 1);
    const takeValue = (): string => {
      if (inlineValue !== undefined) return inlineValue;
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      i++;
      return next;
    };
    if (flag === '--json' && inlineValue === undefined) args.json = true;
    else if (flag === '--config') {
      if (args.configPath !== null) throw new UsageError('--config given twice');
      args.configPath = takeValue();
      if (args.configPath === '') throw new UsageError('--config needs a file path');
    } else if (flag === '--set') {
      const setting = takeValue();
      const split = setting.indexOf('=');
      if (split <= 0) throw new UsageError(`--set '${setting}' is not key=value`);
      const key = setting.slice(0, split).trim();
      if (key === '') throw new UsageError(`--set '${setting}' has an empty key`);
      args.overrides[key] = setting.slice(split + 1);
    } else throw new UsageError(`unknown argument '${arg}'`);
  }
  return args;
}

function loadConfig(args: FlinkMemoryArgs, warn: (line: string) => void): FlinkConfig {
  let config: FlinkConfig = createFlinkConfig({});
  if (args.configPath !== null) {
    let text: string;
    try {
      text = readFileSync(args.configPath, 'utf8');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UsageError(`--config ${args.configPath}: cannot read the file (${reason})`);
    }
    const parsed = parseFlinkConfigFileDetailed(text, args.configPath);
    for (const warning of parsed.warnings) warn(warning);
    config = parsed.config;
  }
  return withOverrides(config, args.overrides);
}

function jsonOf(breakdown: MemoryBreakdown): Record<string, unknown> {
  const sizes = Object.fromEntries(MEMORY_COMPONENT_NAMES.map((name) => [name, breakdown[name]]));
  const { networkBuffers, segmentSize, jvmArgs, mode, sources, notes } = breakdown;
  return { ...sizes, networkBuffers, segmentSize, jvmArgs, mode, sources, notes };
}

function readable(breakdown: MemoryBreakdown): string {
  const width = Math.max(...MEMORY_COMPONENT_NAMES.map((name) => name.length));
  const rows = MEMORY_COMPONENT_NAMES.map((name) => {
    const source = breakdown.sources[name];
    const settings = source.settings
      .filter((setting) => !setting.isDefault)
      .map((setting) => `${setting.key}=${setting.value}`);
    const tail = settings.length > 0 ? `  [${settings.join(', ')}]` : '';
    return `  ${name.padEnd(width)}  ${String(breakdown[name]).padStart(13)}  ${source.how}${tail}`;
  });
  return [
    logTaskExecutorConfiguration(breakdown),
    '',
    `JVM arguments: ${breakdown.jvmArgs}`,
    `Network buffers: ${breakdown.networkBuffers} × ${breakdown.segmentSize} bytes`,
    '',
    `Derivation (${breakdown.mode}), bytes:`,
    ...rows,
  ].join('\n');
}

export function main(argv: readonly string[]): number {
  try {
    const args = parseFlinkMemoryArgs(argv);
    const config = loadConfig(args, (line) => process.stderr.write(`flink-memory: warning: ${line}\n`));
    const breakdown = deriveTaskManagerMemory(config);
    for (const note of breakdown.notes) process.stderr.write(`flink-memory: INFO ${note}\n`);
    process.stdout.write(`${args.json ? JSON.stringify(jsonOf(breakdown), null, 2) : readable(breakdown)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`flink-memory: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof FlinkConfigError) {
      process.stderr.write(`flink-memory: ${describeConfigError(error)}\n`);
      return 2;
    }
    throw error;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
