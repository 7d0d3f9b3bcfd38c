// The graphs a postmortem shows: direct memory per TaskManager for the runs that tell the story (the baseline that
// made it fail, the control job, the peels, and the fix's A/B/A steps), drawn from the stored series.
import type { Experiment, LabState } from '../../../../shared/contract/lab-entities';
import { parseSeriesKey } from '../../../../shared/domain/lab/series-keys';
import { plural } from '../../../../shared/domain/plural';
import type { ReportGraph } from '../../../../shared/report/report-model';
import { runResult } from '../../../../shared/report/report-text';
import { runGraphSvg } from '../../../../shared/report/run-graph';
import { formatBytes } from '../../../../shared/sim/analysis/format-bytes';
import type { PeelStore } from '../../store/store';

export const DIRECT_METRIC = 'Status.JVM.Memory.Direct.MemoryUsed';
const MAX_PEELS = 4;

type RunSummary = Experiment['runs'][number];

interface KeyRun {
  run: RunSummary;
  experiment: Experiment;
  role: string;
}

function firstCompleted(experiment: Experiment): RunSummary | undefined {
  return experiment.runs.find((run) => run.status === 'completed');
}

/** The runs worth a graph, in run order, each with the part it plays in the story. */
export function keyRuns(lab: LabState): KeyRun[] {
  const chosen = new Map<string, KeyRun>();
  const add = (experiment: Experiment, run: RunSummary | undefined, role: string) => {
    if (run && !chosen.has(run.id)) chosen.set(run.id, { run, experiment, role });
  };
  const experiments = lab.experiments;
  const noFix = (e: Experiment) => e.params.fixes.length === 0;
  const baseline = experiments.find((e) => e.parentId === null && !e.params.control && noFix(e));
  if (baseline) add(baseline, firstCompleted(baseline), 'baseline: the experiment that made it fail');
  const control = experiments.find((e) => e.params.control);
  if (control) add(control, firstCompleted(control), 'control job: platform or application?');
  const peels = experiments
    .filter((e) => !e.params.control && noFix(e) && e.diff.some((change) => change.dimension === 'topology'))
    .slice(0, MAX_PEELS);
  for (const e of peels) add(e, firstCompleted(e), `peel: ${e.diff.map((c) => c.description).join('; ')}`);
  const byRunId = new Map(experiments.flatMap((e) => e.runs.map((run) => [run.id, { run, e }] as const)));
  for (const step of lab.proof.steps) {
    const found = step.runId ? byRunId.get(step.runId) : undefined;
    if (found) add(found.e, found.run, `A/B/A: ${step.label.toLowerCase()}`);
  }
  return [...chosen.values()].sort((a, b) => a.run.seq - b.run.seq);
}

function caption(key: KeyRun): string {
  const { run, experiment } = key;
  const from = experiment.parentId ? ' (derived from its parent by that one change)' : '';
  const peak = run.peakDirectBytes === null ? '' : `, peak direct ${formatBytes(run.peakDirectBytes)}`;
  return (
    `Experiment #${experiment.seq}, ${experiment.label}${from}: ${runResult(run)}; ` +
    `${plural(run.restarts ?? 0, 'restart')}, ${plural(run.ooms ?? 0, 'OOM')}${peak}.`
  );
}

export function reportGraphs(store: PeelStore, lab: LabState): ReportGraph[] {
  return keyRuns(lab).flatMap((key): ReportGraph[] => {
    const record = store.runs.get(key.run.id, true);
    if (!record) return [];
    const analysis = record.analysis;
    const keys = store.runs
      .listSeriesKeys(record.id)
      .filter((k) => parseSeriesKey(k)?.scope === 'tm' && parseSeriesKey(k)?.metric === DIRECT_METRIC);
    const series = keys.flatMap((k) => {
      const stored = store.runs.getSeries(record.id, k);
      return stored ? [{ label: parseSeriesKey(k)!.owner, ...stored }] : [];
    });
    if (series.length === 0) return [];
    series.sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));
    const title = `Run #${record.seq}: ${key.role}`;
    return [
      {
        runSeq: record.seq,
        role: key.role,
        title,
        caption: caption(key),
        fileName: `run-${record.seq}-direct.svg`,
        svg: runGraphSvg({
          title,
          subtitle: `${DIRECT_METRIC} per TaskManager · experiment #${key.experiment.seq}`,
          durationSec: record.durationSec,
          series,
          limitBytes: analysis?.facts.directLimitBytes ?? null,
          events: (record.events ?? []).map((e) => ({ ...e })),
        }),
      },
    ];
  });
}
