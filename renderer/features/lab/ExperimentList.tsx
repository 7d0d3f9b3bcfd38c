// The experiments as a tree (each derived from its parent by one change), with their runs' verdicts; runs can be
// picked for comparison.
import { usePeel } from '../../state/store';
import { experimentTree } from './experiment-tree';
import { RunStatusChip } from './RunStatusChip';

export function ExperimentList() {
  const lab = usePeel((s) => s.lab);
  const selectedExperimentId = usePeel((s) => s.selectedExperimentId);
  const selectedRunId = usePeel((s) => s.selectedRunId);
  const progress = usePeel((s) => s.runProgress);
  const compare = usePeel((s) => s.compareRunIds);
  const selectExperiment = usePeel((s) => s.selectExperiment);
  const selectRun = usePeel((s) => s.selectRun);
  const toggleCompare = usePeel((s) => s.toggleCompare);
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
      <ol>
        {experimentTree(lab.experiments).map(({ experiment, depth }) => (
          <li key={experiment.id} className={experiment.id === selectedExperimentId ? 'selected' : ''}>
            <button
              type="button"
              className="experiment-row"
              style={{ paddingLeft: 8 + depth * 14 }}
              onClick={() => selectExperiment(experiment.id)}
              aria-current={experiment.id === selectedExperimentId ? 'true' : undefined}
            >
              <span className="experiment-seq">#{experiment.seq}</span>
              <span className="experiment-label">{experiment.label}</span>
              {experiment.multiChangeConfirmed && (
                <span className="multi-change" title="Changed more than one thing from its parent">
                  ×{experiment.diff.length}
                </span>
              )}
            </button>
            {experiment.runs.length > 0 && (
              <ul className="run-chips" style={{ paddingLeft: 22 + depth * 14 }}>
                {experiment.runs.map((run) => (
                  <li key={run.id} className={run.id === selectedRunId ? 'selected' : ''}>
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
                    <RunStatusChip run={run} progress={progress[run.id]} />
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
