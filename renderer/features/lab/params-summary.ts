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
          : params.pauseSink
              .map(
                (p) =>
                  `${p.slowdown === 0 ? 'paused' : `at ${Math.round(p.slowdown * 100)}%`} ${clock(p.fromSec)}–${clock(p.toSec)}`,
              )
              .join(', '),
    },
    {
      label: 'RPC payloads',
      value:
        params.payloadSpikes.length === 0
          ? 'normal'
          : params.payloadSpikes.map((p) => `×${p.factor} ${clock(p.fromSec)}–${clock(p.toSec)}`).join(', '),
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
