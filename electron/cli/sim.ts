// `npm run sim`: lists the built-in scenarios, or runs one experiment and prints a readable summary (or with
// --json one JSON object). Bad arguments exit with code 2 and say which argument and why.
import { readFileSync } from 'node:fs';
import { formatBytes } from '../../shared/sim/analysis/format-bytes';
import { parseFlinkConfigFile } from '../../shared/sim/config/config-file';
import {
  FaultSyntaxError,
  parseFailContainers,
  parsePauseSink,
  parsePayloadSpike,
  parseTimeSpec,
} from '../../shared/sim/faults/fault-syntax';
import {
  type ExperimentParams,
  ExperimentParamsError,
  listScenarios,
  normalizeExperimentParams,
  planJob,
  runSimulation,
  type SimulationRun,
} from '../../shared/sim/index';

const USAGE = `usage: npm run sim -- --list [--json]
       npm run sim -- --scenario ID [--remove OPERATOR|layerN]... [--fix ID|all]... [--control]
                      [--fail-containers N@SECONDS,...] [--pause-sink FROM:TO[:SLOWDOWN]]...
                      [--payload-spike FROM:TO:FACTOR]... [--hours H] [--parallelism P] [--seed S]
                      [--config flink-conf.yaml] [--set key=value]... [--variant ID]
                      [--defect ID=on|off]... [--series-step SECONDS] [--json]
Times are seconds or take a unit: 90s, 30m, 1.5h. N@T/EVERY repeats a shutdown until the end.`;

class UsageError extends Error {}

function fail(argument: string, why: string): never {
  throw new UsageError(`${argument}: ${why}`);
}

interface CliOptions {
  list: boolean;
  json: boolean;
  seriesStep: number;
  params: Record<string, unknown>;
  /** Fault texts, parsed once the run's length is known. */
  failContainers: string[];
}

// Which command-line argument feeds each ExperimentParams field, to name it in errors.
const ARGUMENT_OF_FIELD: Record<string, string> = {
  scenario: '--scenario',
  variant: '--variant',
  removed: '--remove',
  fixes: '--fix',
  defects: '--defect',
  failContainers: '--fail-containers',
  pauseSink: '--pause-sink',
  payloadSpikes: '--payload-spike',
  hours: '--hours',
  parallelism: '--parallelism',
  seed: '--seed',
  configOverrides: '--set/--config',
};

function numberArgument(argument: string, text: string | undefined, integer: boolean): number {
  if (text === undefined) fail(argument, 'needs a value');
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    fail(argument, `'${text}' is not ${integer ? 'a whole number' : 'a number'}`);
  }
  return value;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { list: false, json: false, seriesStep: 1, params: {}, failContainers: [] };
  const p = options.params;
  const push = (key: string, value: unknown) => {
    p[key] = [...((p[key] as unknown[] | undefined) ?? []), value];
  };
  const overrides: Record<string, string> = {};
  const fromFile: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) fail(arg, 'needs a value');
      return next;
    };
    try {
      switch (arg) {
        case '--list':
          options.list = true;
          break;
        case '--json':
          options.json = true;
          break;
        case '--scenario':
          p.scenario = value();
          break;
        case '--variant':
          p.variant = value();
          break;
        case '--remove':
          push('removed', value());
          break;
        case '--fix':
          push('fixes', value());
          break;
        case '--control':
          p.control = true;
          break;
        case '--defect': {
          const text = value();
          const match = /^([^=]+)=(on|off|true|false)$/.exec(text);
          if (!match) fail(arg, `'${text}' is not ID=on or ID=off`);
          p.defects = {
            ...(p.defects as object),
            [match[1] as string]: match[2] === 'on' || match[2] === 'true',
          };
          break;
        }
        case '--fail-containers':
          options.failContainers.push(value());
          break;
        case '--pause-sink':
          push('pauseSink', parsePauseSink(value()));
          break;
        case '--payload-spike':
          push('payloadSpikes', parsePayloadSpike(value()));
          break;
        case '--hours':
          p.hours = numberArgument(arg, value(), false);
          break;
        case '--parallelism':
          p.parallelism = numberArgument(arg, value(), true);
          break;
        case '--seed':
          p.seed = numberArgument(arg, value(), true);
          break;
        case '--series-step':
          options.seriesStep = parseTimeSpec(value());
          if (!Number.isInteger(options.seriesStep) || options.seriesStep < 1)
            fail(arg, 'must be whole seconds >= 1');
          break;
        case '--set': {
          const text = value();
          const eq = text.indexOf('=');
          if (eq <= 0) fail(arg, `'${text}' is not key=value`);
          overrides[text.slice(0, eq).trim()] = text.slice(eq + 1);
          break;
        }
        case '--config': {
          const file = value();
          let text: string;
          try {
            text = readFileSync(file, 'utf8');
          } catch (error) {
            fail(arg, `cannot read '${file}': ${error instanceof Error ? error.message : String(error)}`);
          }
          for (const [key, v] of parseFlinkConfigFile(text, file)) fromFile[key] = v;
          break;
        }
        default:
          fail(arg, 'unknown argument');
      }
    } catch (error) {
      if (error instanceof FaultSyntaxError) fail(arg, error.message);
      if (error instanceof UsageError) throw error;
      fail(arg, error instanceof Error ? error.message : String(error));
    }
  }
  // The file first, then --set: the last word is the user's.
  if (Object.keys(fromFile).length + Object.keys(overrides).length > 0) {
    p.configOverrides = { ...fromFile, ...overrides };
  }
  return options;
}

function toParams(options: CliOptions): ExperimentParams {
  if (options.params.scenario === undefined) fail('--scenario', 'is required (or use --list)');
  try {
    // Fault times need the run's length for N@T/EVERY; normalize once for it, then with the faults.
    const base = normalizeExperimentParams({ ...options.params, failContainers: [] });
    const durationSec = Math.round(base.hours * 3600);
    const params = { ...options.params };
    if (options.failContainers.length > 0) {
      try {
        params.failContainers = options.failContainers.flatMap((text) =>
          parseFailContainers(text, durationSec),
        );
      } catch (error) {
        fail('--fail-containers', error instanceof Error ? error.message : String(error));
      }
    }
    const normalized = normalizeExperimentParams(params);
    // Flink keys (--set, --config) are checked when the run is planned.
    planJob(normalized);
    return normalized;
  } catch (error) {
    if (error instanceof ExperimentParamsError) {
      const top = error.field.split(/[.[]/)[0] ?? error.field;
      fail(ARGUMENT_OF_FIELD[top] ?? top, error.message);
    }
    throw error;
  }
}

function listText(json: boolean): string {
  const scenarios = listScenarios();
  if (json) {
    return JSON.stringify(
      scenarios.map((s) => ({
        id: s.id,
        title: s.title,
        operators: s.operators.map((op) => ({ id: op.id, layer: op.layer })),
        fixes: s.fixes.map((f) => f.id),
        variants: s.variants.map((v) => v.id),
      })),
      null,
      2,
    );
  }
  return scenarios
    .map((s) =>
      [
        `${s.id}: ${s.title}`,
        ...s.layers.map((layer) => `  ${layer.id}: ${layer.operators.join(', ')}`),
        `  fixes: ${s.fixes.map((f) => f.id).join(', ')}`,
        `  variants: ${s.variants.map((v) => v.id).join(', ') || '(none)'}`,
      ].join('\n'),
    )
    .join('\n\n');
}

// Bytes as integers, everything else to 0.1: the JSON of a day-long run stays as small as the figures allow.
function seriesJson(values: ArrayLike<number>, step: number, bytes: boolean): Array<number | null> {
  const out: Array<number | null> = [];
  for (let t = 0; t < values.length; t += step) {
    const v = values[t] as number;
    out.push(Number.isNaN(v) ? null : bytes ? Math.round(v) : Math.round(v * 10) / 10);
  }
  return out;
}

function runJson(run: SimulationRun, step: number): string {
  const byteSeries = (name: string) =>
    name.startsWith('Status.JVM.Memory') || name === 'Process.ResidentMemory';
  return JSON.stringify({
    params: run.params,
    scenario: run.scenario,
    config: run.config,
    plan: run.plan,
    seriesStepSec: step,
    taskManagers: run.taskManagers.map((tm) => ({
      id: tm.id,
      containers: tm.containers,
      directLimit: tm.directLimit,
      containerLimit: tm.containerLimit,
      freshStartsSec: tm.freshStartsSec,
      restartsSec: tm.restartsSec,
      series: Object.fromEntries(
        Object.entries(tm.series).map(([name, values]) => [name, seriesJson(values, step, byteSeries(name))]),
      ),
    })),
    operators: run.operators.map((op) => ({
      id: op.id,
      layer: op.layer,
      backPressuredTimeMsPerSecond: seriesJson(op.backPressuredTimeMsPerSecond, step, false),
      busyTimeMsPerSecond: seriesJson(op.busyTimeMsPerSecond, step, false),
      idleTimeMsPerSecond: seriesJson(op.idleTimeMsPerSecond, step, false),
    })),
    events: run.events,
    analysis: run.analysis,
  });
}

function summaryText(run: SimulationRun): string {
  const { plan, analysis } = run;
  const kinds = new Map<string, number>();
  for (const e of run.events) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
  const firstOom = run.events.find((e) => e.kind === 'oom');
  const lines = [
    `${run.scenario.title} (${run.scenario.id}${plan.variant ? `, variant ${plan.variant}` : ''}${plan.control ? ', control job' : ''})`,
    `  ${plan.operators.length} operators x parallelism ${run.params.parallelism} = ${plan.subtasks} subtasks on ${plan.taskManagers.length} TaskManagers, ${run.params.hours} h, seed ${run.params.seed}`,
    ...plan.rewiring.map((line) => `  ${line}`),
    `  direct limit ${formatBytes(plan.directLimitBytes)}, container ${formatBytes(plan.containerLimitBytes)}, java opts '${plan.javaOpts}'`,
    `  defects: ${plan.defects.map((d) => `${d.id} ${d.active ? 'ACTIVE' : 'fixed'}`).join(', ') || '(none)'}`,
    '',
    `Verdict: ${analysis.summary}${analysis.verdict === 'flat' ? '' : ` (confidence ${analysis.confidence.toFixed(2)})`}`,
    `  resident memory: ${analysis.residentVerdict}${analysis.residentVerdict === 'flat' ? '' : `, ${formatBytes(analysis.residentRetainedBytesPerRestart)} per restart`}`,
    `  OOMs ${analysis.ooms}, restarts ${analysis.restarts}, task failures ${analysis.taskFailures}, containers killed ${analysis.containersKilled}, full GCs ${analysis.fullGcs}, concurrent cycles ${analysis.concurrentCycles}`,
    `  peak direct ${formatBytes(analysis.peakDirectBytes)}, peak RSS ${formatBytes(analysis.peakRssBytes)}, peak heap ${formatBytes(analysis.peakHeapBytes)}`,
    `  checkpoints: ${analysis.checkpointsCompleted} completed, ${analysis.checkpointsExpired} expired${analysis.jobFailed ? '; THE JOB FAILED' : ''}`,
    ...(firstOom
      ? [
          `  first OOM at ${firstOom.t} s on ${firstOom.taskManager} in ${firstOom.operator}: ${firstOom.message}`,
        ]
      : []),
    '',
    'TaskManagers:',
    ...analysis.perTaskManager.map(
      (tm) =>
        `  ${tm.taskManager.padEnd(6)} ${tm.summary}; peak direct ${formatBytes(tm.peakDirectBytes)}, OOMs ${tm.ooms}, restarts in place ${tm.restarts}, fresh JVMs ${tm.freshStarts}`,
    ),
    '',
    'Back pressure (mean / max ms per second, seconds above 500 ms):',
    ...analysis.backPressure.map(
      (bp) =>
        `  ${bp.operator.padEnd(26)} ${bp.meanBackPressuredMs.toFixed(0).padStart(4)} / ${bp.maxBackPressuredMs.toFixed(0).padStart(4)}  ${bp.secondsHigh}`,
    ),
    '',
    `Events: ${[...kinds].map(([kind, n]) => `${kind} ${n}`).join(', ')}${analysis.eventsDropped > 0 ? ` (+${analysis.eventsDropped} not listed)` : ''}`,
  ];
  return lines.join('\n');
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  if (options.list) {
    process.stdout.write(`${listText(options.json)}\n`);
    return;
  }
  const params = toParams(options);
  const run = runSimulation(params);
  process.stdout.write(`${options.json ? runJson(run, options.seriesStep) : summaryText(run)}\n`);
}

try {
  main();
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`sim: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`sim: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
