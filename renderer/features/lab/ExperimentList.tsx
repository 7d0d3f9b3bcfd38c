// The experiments as a tree (each derived from its parent by one change), with their runs' verdicts; runs can be
// picked for comparison. The lab state carries the newest experiments and runs; older ones load on demand, a page
// at a time, from the button at the head of the list and the one above an experiment's runs when it has more.

import { Fragment } from 'react';
import type { Experiment } from '../../../shared/contract/lab-entities';
import { queuePositionOf } from '../../state/run-queue-position';
import { usePeel } from '../../state/store';
import { RealBadge } from '../../ui/RealBadge';
import { experimentListEntries, SWEEP_LABEL_PREFIX } from './experiment-tree';
import { RunStatusChip } from './RunStatusChip';

export function ExperimentList() {
  const lab = usePeel((s) => s.lab);
  const selectedExperimentId = usePeel((s) => s.selectedExperimentId);
  const compare = usePeel((s) => s.compareRunIds);
  const openComparison = usePeel((s) => s.openComparison);
  if (!lab) return null;
  return (
    <nav className="experiment-list" aria-label="Experiments">
      <header className="experiment-list-header">
        <h2>Experiments</h2>
        <button
          type="button"
          className="button small"
          disabled={compare.length < 2}
          onClick={() => void openComparison()}
          title="Pick two or more runs with their checkboxes"
        >
          Compare {compare.length > 0 ? compare.length : ''}
        </button>
      </header>
      {lab.experiments.length === 0 && <p className="muted small padded">No experiments yet.</p>}
      {lab.runList.olderExperimentsBefore !== null && (
        <div className="run-list-older padded">
          <p className="muted small">
            {lab.experiments.length} of {lab.runList.experimentsTotal.toLocaleString('en-US')} experiments
            shown ({lab.runList.runsTotal.toLocaleString('en-US')} runs in all)
          </p>
          <OlderExperimentsButton />
        </div>
      )}
      <ol>
        {experimentListEntries(lab.experiments).map((entry) =>
          entry.kind === 'experiment' ? (
            <ExperimentRow key={entry.experiment.id} experiment={entry.experiment} depth={entry.depth} />
          ) : (
            <li key={`sweep-${entry.parent.id}`} className="sweep-group">
              <details open={entry.experiments.some((e) => e.id === selectedExperimentId) || undefined}>
                <summary style={{ paddingLeft: 8 + entry.depth * 14 }}>
                  Auto-peel of #{entry.parent.seq}{' '}
                  <span className="muted small">
                    {entry.experiments.length} removal{entry.experiments.length === 1 ? '' : 's'}
                    {leakingCount(entry.experiments) > 0 &&
                      ` · ${leakingCount(entry.experiments)} still leak`}
                  </span>
                </summary>
                <ol>
                  {entry.experiments.map((experiment) => (
                    <ExperimentRow key={experiment.id} experiment={experiment} depth={entry.depth + 1} />
                  ))}
                </ol>
              </details>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

function OlderExperimentsButton() {
  const loading = usePeel((s) => s.runListLoading);
  const loadOlder = usePeel((s) => s.loadOlderExperiments);
  return (
    <button
      type="button"
      className="button small run-list-more"
      disabled={loading}
      onClick={() => void loadOlder()}
    >
      {loading ? 'Loading…' : 'Show older experiments'}
    </button>
  );
}

function OlderRunsButton({ experimentId, hidden }: { experimentId: string; hidden: number }) {
  const loading = usePeel((s) => s.runListLoading);
  const loadOlder = usePeel((s) => s.loadOlderRuns);
  return (
    <li>
      <button
        type="button"
        className="link-button small run-list-more"
        disabled={loading}
        onClick={() => void loadOlder(experimentId)}
      >
        {hidden.toLocaleString('en-US')} more run{hidden === 1 ? '' : 's'}: show
      </button>
    </li>
  );
}

const leakingCount = (experiments: readonly Experiment[]) =>
  experiments.filter((e) => e.runs.some((run) => run.verdict === 'leak' || run.verdict === 'sawtooth'))
    .length;

function ExperimentRow({ experiment, depth }: { experiment: Experiment; depth: number }) {
  const selectedExperimentId = usePeel((s) => s.selectedExperimentId);
  const selectedRunId = usePeel((s) => s.selectedRunId);
  const progress = usePeel((s) => s.runProgress);
  const runQueue = usePeel((s) => s.runQueue);
  const compare = usePeel((s) => s.compareRunIds);
  const selectExperiment = usePeel((s) => s.selectExperiment);
  const selectRun = usePeel((s) => s.selectRun);
  const toggleCompare = usePeel((s) => s.toggleCompare);
  const partial = usePeel((s) =>
    s.lab?.runList.partial.find((entry) => entry.experimentId === experiment.id),
  );
  // The runs not loaded are older than `olderRunsBefore`; runs the lab names may be shown from among them, so the
  // button sits where the hidden ones would be: just before the first shown run at or after that seq.
  const olderRuns = partial && partial.runsTotal > experiment.runs.length && (
    <OlderRunsButton experimentId={experiment.id} hidden={partial.runsTotal - experiment.runs.length} />
  );
  const firstNewer = partial ? experiment.runs.findIndex((run) => run.seq >= partial.olderRunsBefore) : -1;
  const olderRunsAt = firstNewer === -1 ? experiment.runs.length : firstNewer;
  const label = experiment.label.startsWith(SWEEP_LABEL_PREFIX)
    ? experiment.label.slice(SWEEP_LABEL_PREFIX.length).trim()
    : experiment.label;
  return (
    <li className={experiment.id === selectedExperimentId ? 'selected' : ''}>
      <button
        type="button"
        className="experiment-row"
        style={{ paddingLeft: 8 + depth * 14 }}
        onClick={() => selectExperiment(experiment.id)}
        aria-current={experiment.id === selectedExperimentId ? 'true' : undefined}
        title={experiment.label}
      >
        <span className="experiment-seq">#{experiment.seq}</span>
        <span className="experiment-label">{label}</span>
        {experiment.multiChangeConfirmed && (
          <span className="multi-change" title="Changed more than one thing from its parent">
            ×{experiment.diff.length}
          </span>
        )}
      </button>
      {experiment.runs.length > 0 && (
        <ul className="run-chips" style={{ paddingLeft: 22 + depth * 14 }}>
          {experiment.runs.map((run, index) => (
            <Fragment key={run.id}>
              {index === olderRunsAt && olderRuns}
              <li className={run.id === selectedRunId ? 'selected' : ''}>
                {run.status === 'completed' && (
                  <input
                    type="checkbox"
                    aria-label={`Compare run #${run.seq}`}
                    checked={compare.includes(run.id)}
                    onChange={() => toggleCompare(run.id)}
                  />
                )}
                <button type="button" className="run-chip" onClick={() => selectRun(run.id)}>
                  run #{run.seq}
                </button>
                {run.origin === 'real' && <RealBadge />}
                <RunStatusChip
                  run={run}
                  progress={progress[run.id]}
                  queuePosition={queuePositionOf(runQueue, run.id)}
                />
              </li>
            </Fragment>
          ))}
          {olderRunsAt === experiment.runs.length && olderRuns}
        </ul>
      )}
    </li>
  );
}
