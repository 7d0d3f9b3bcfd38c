// The exact difference between an experiment and its parent, one entry per thing changed, in words an engineer
// would write in a lab book ("removed layer 3", "sink pause 600-900 s"). A cut of several operators in one step
// is one change (one topology); changing the topology and the fault schedule together is two.
import type { ExperimentParams, ParamChange } from '../../contract/lab-entities';
import { describeTargets } from '../../sim/topology/removal-names';
import { canonicalJson } from '../canonical-json';
import { plural } from '../plural';

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

export { describeTargets } from '../../sim/topology/removal-names';

function topologyChange(parent: ExperimentParams, child: ExperimentParams): string | null {
  const removedNow = child.removed.filter((t) => !parent.removed.includes(t));
  const restored = parent.removed.filter((t) => !child.removed.includes(t));
  if (removedNow.length === 0 && restored.length === 0) return null;
  const parts: string[] = [];
  if (removedNow.length > 0) parts.push(`removed ${describeTargets(removedNow)}`);
  if (restored.length > 0) parts.push(`restored ${describeTargets(restored)}`);
  return parts.join(', ');
}

function formatSeconds(sec: number): string {
  return Number.isInteger(sec) ? `${sec} s` : `${sec.toFixed(1)} s`;
}

function describeShutdowns(list: ExperimentParams['failContainers']): string {
  if (list.length === 0) return 'no container shutdowns';
  const times = list.map((f) => f.atSec);
  const intervals = times.slice(1).map((t, i) => t - times[i]!);
  const regular = intervals.length > 0 && intervals.every((d) => d === intervals[0]);
  const who = list[0]!.names
    ? list[0]!.names.join(', ')
    : `${list[0]!.count ?? 1} container${(list[0]!.count ?? 1) > 1 ? 's' : ''}`;
  if (regular)
    return `${plural(list.length, 'shutdown')} of ${who} every ${formatSeconds(intervals[0]!)} from ${formatSeconds(times[0]!)}`;
  return `container shutdowns at ${times.slice(0, 6).map(formatSeconds).join(', ')}${times.length > 6 ? ', …' : ''}`;
}

/** An empty value is a real setting (`env.java.opts` = '' allows explicit GC), so it is shown, not left blank. */
function configValue(value: string | undefined): string {
  if (value === undefined) return '(scenario)';
  return value === '' ? "''" : value;
}

function describeIntervals(list: { fromSec: number; toSec: number }[], what: string, none: string): string {
  if (list.length === 0) return none;
  return `${what} ${list.map((i) => `${i.fromSec}-${i.toSec} s`).join(', ')}`;
}

export function diffExperimentParams(
  parent: ExperimentParams | null,
  child: ExperimentParams,
): ParamChange[] {
  if (parent === null) return [];
  const changes: ParamChange[] = [];
  const add = (dimension: ParamChange['dimension'], description: string) =>
    changes.push({ dimension, description });
  if (parent.scenario !== child.scenario) add('scenario', `scenario ${parent.scenario} → ${child.scenario}`);
  if (parent.control !== child.control)
    add('control', child.control ? 'ran the control job' : 'back to the full job');
  const topology = topologyChange(parent, child);
  if (topology && !child.control) add('topology', topology);
  if (parent.variant !== child.variant)
    add('variant', `variant ${parent.variant ?? 'none'} → ${child.variant ?? 'none'}`);
  const fixesAdded = child.fixes.filter((f) => !parent.fixes.includes(f));
  const fixesRemoved = parent.fixes.filter((f) => !child.fixes.includes(f));
  if (fixesAdded.length > 0 || fixesRemoved.length > 0) {
    add(
      'fixes',
      [
        fixesAdded.length > 0 ? `applied fix ${fixesAdded.join(', ')}` : '',
        fixesRemoved.length > 0 ? `removed fix ${fixesRemoved.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join(', '),
    );
  }
  if (!same(parent.defects, child.defects)) {
    const keys = [...new Set([...Object.keys(parent.defects), ...Object.keys(child.defects)])].sort();
    const switched = keys
      .filter((k) => parent.defects[k] !== child.defects[k])
      .map(
        (k) =>
          `${k} ${child.defects[k] === undefined ? 'as the scenario has it' : child.defects[k] ? 'on' : 'off'}`,
      );
    add('defects', `defect ${switched.join(', ')}`);
  }
  if (!same(parent.failContainers, child.failContainers))
    add('failContainers', describeShutdowns(child.failContainers));
  if (!same(parent.pauseSink, child.pauseSink))
    add('pauseSink', describeIntervals(child.pauseSink, 'sink pause', 'no sink pause'));
  if (!same(parent.payloadSpikes, child.payloadSpikes)) {
    add('payloadSpikes', describeIntervals(child.payloadSpikes, 'payload spikes', 'no payload spikes'));
  }
  if (parent.hours !== child.hours) add('hours', `duration ${parent.hours} h → ${child.hours} h`);
  if (parent.parallelism !== child.parallelism)
    add('parallelism', `parallelism ${parent.parallelism} → ${child.parallelism}`);
  if (parent.seed !== child.seed) add('seed', `seed ${parent.seed} → ${child.seed}`);
  if (!same(parent.configOverrides, child.configOverrides)) {
    const keys = [
      ...new Set([...Object.keys(parent.configOverrides), ...Object.keys(child.configOverrides)]),
    ].sort();
    const changed = keys
      .filter((k) => parent.configOverrides[k] !== child.configOverrides[k])
      .map(
        (k) => `${k}: ${configValue(parent.configOverrides[k])} → ${configValue(child.configOverrides[k])}`,
      );
    add('config', changed.join('; '));
  }
  return changes;
}

/** A short label for an experiment from its diff ("removed layer 3"), or "baseline" for a root. */
export function labelFromDiff(changes: readonly ParamChange[]): string {
  if (changes.length === 0) return 'baseline';
  return changes.map((change) => change.description).join('; ');
}
