// Experiment parameters in words, for the experiment card: what runs, what is peeled, what fails and when.
import type { ExperimentParams } from '../../../shared/contract/lab-entities';
import { describeTargets } from '../../../shared/domain/lab/experiment-diff';

function clock(sec: number): string {
  const h = Math.floor(sec / 3600);
  const m = Math.round((sec % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}`;
}

export function describeShutdowns(params: ExperimentParams): string {
  const list = params.failContainers;
  if (list.length === 0) return 'no container shutdowns';
  const gaps = list.slice(1).map((f, i) => f.atSec - list[i]!.atSec);
  const regular = gaps.length > 0 && gaps.every((g) => g === gaps[0]);
  const each = list[0]!.names
    ? list[0]!.names.join(', ')
    : `${list[0]!.count ?? 1} container${(list[0]!.count ?? 1) === 1 ? '' : 's'}`;
  return regular
    ? `${each} shut down every ${Math.round(gaps[0]! / 60)} min from ${clock(list[0]!.atSec)} (${list.length}×)`
    : `${list.length} shutdowns at ${list
        .slice(0, 5)
        .map((f) => clock(f.atSec))
        .join(', ')}${list.length > 5 ? ', …' : ''}`;
}

/** How many windows are listed one by one before a long schedule is summed up. */
const LISTED_WINDOWS = 4;

/**
 * Time windows in words: each one when there are few; a long schedule (spikes after every restart of a 48 h run)
 * as its pattern when it is regular ("×3 for 5 min every 10 min from 0:10, 288×"), else its first few and a count.
 */
export function describeWindows(windows: { fromSec: number; toSec: number; what: string }[]): string {
  const listed = (list: typeof windows) => list.map((w) => `${w.what} ${clock(w.fromSec)}–${clock(w.toSec)}`);
  if (windows.length <= LISTED_WINDOWS) return listed(windows).join(', ');
  const first = windows[0]!;
  const length = first.toSec - first.fromSec;
  const gap = windows[1]!.fromSec - first.fromSec;
  const regular = windows.every(
    (w, i) =>
      w.what === first.what && w.toSec - w.fromSec === length && w.fromSec - first.fromSec === i * gap,
  );
  if (regular)
    return `${first.what} for ${Math.round(length / 60)} min every ${Math.round(gap / 60)} min from ${clock(first.fromSec)} (${windows.length}×)`;
  const last = windows.at(-1)!;
  return `${listed(windows.slice(0, LISTED_WINDOWS - 1)).join(', ')}, … ${listed([last])[0]} (${windows.length} in all)`;
}

export function paramLines(params: ExperimentParams): { label: string; value: string }[] {
  return [
    {
      label: 'Job',
      value: params.control
        ? 'control job (trivial source → sink)'
        : params.removed.length > 0
          ? `peeled: ${describeTargets(params.removed)}`
          : 'full job',
    },
    { label: 'Failures', value: describeShutdowns(params) },
    {
      label: 'Sink',
      value:
        params.pauseSink.length === 0
          ? 'never paused'
          : describeWindows(
              params.pauseSink.map((p) => ({
                ...p,
                what: p.slowdown === 0 ? 'paused' : `at ${Math.round(p.slowdown * 100)}%`,
              })),
            ),
    },
    {
      label: 'RPC payloads',
      value:
        params.payloadSpikes.length === 0
          ? 'normal'
          : describeWindows(params.payloadSpikes.map((p) => ({ ...p, what: `×${p.factor}` }))),
    },
    { label: 'Fixes', value: params.fixes.length === 0 ? 'none' : params.fixes.join(', ') },
    {
      label: 'Run',
      value: `${params.hours} h at parallelism ${params.parallelism}, seed ${params.seed}${params.variant ? `, variant ${params.variant}` : ''}`,
    },
    ...(Object.keys(params.configOverrides).length > 0
      ? [
          {
            label: 'Config',
            value: Object.entries(params.configOverrides)
              .map(([k, v]) => `${k}=${v || "''"}`)
              .join(', '),
          },
        ]
      : []),
  ];
}

export function formatRunClock(sec: number): string {
  return clock(sec);
}
