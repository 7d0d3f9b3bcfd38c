// The selected experiment: what it changes from its parent, its parameters in words, and what to do with it —
// run it, derive the next one, apply the fix, sweep every single removal.
import { useEffect, useState } from 'react';
import type { Experiment } from '../../../shared/contract/lab-entities';
import { usePeel } from '../../state/store';
import { useReadOnly } from '../exchange/use-read-only';
import { DeriveDialog } from './DeriveDialog';
import { paramLines } from './params-summary';
import { RunButton } from './RunButton';

/** The serial of the last "Derive…" request acted on (kept across remounts of the panel). */
let handledDeriveRequest = -1;

export function ExperimentPanel({ experiment }: { experiment: Experiment }) {
  const lab = usePeel((s) => s.lab);
  const scenario = usePeel((s) => s.scenarios.find((c) => c.id === experiment.params.scenario));
  const applyFix = usePeel((s) => s.applyFix);
  const startSweep = usePeel((s) => s.startSweep);
  const cancelSweep = usePeel((s) => s.cancelSweep);
  const runPreflight = usePeel((s) => s.runPreflight);
  const sweep = usePeel((s) => s.sweep);
  const [deriving, setDeriving] = useState(false);
  // The palette's and the next step's "Derive…" open this experiment's dialog.
  const focusRequest = usePeel((s) => s.focusRequest);
  useEffect(() => {
    if (focusRequest?.target !== `derive:${experiment.id}` || focusRequest.serial === handledDeriveRequest)
      return;
    // Each request opens the dialog once: selecting the experiment again later must not reopen it.
    handledDeriveRequest = focusRequest.serial;
    setDeriving(true);
  }, [focusRequest, experiment.id]);
  const readOnly = useReadOnly();
  const parent = lab?.experiments.find((e) => e.id === experiment.parentId);
  const running = experiment.runs.some((run) => run.status === 'running');
  const sweepRunning = sweep !== null && sweep.result === null;
  return (
    <section className="card experiment-panel" aria-labelledby="experiment-title">
      <header className="experiment-header">
        <div>
          <h2 id="experiment-title">
            Experiment #{experiment.seq}: {experiment.label}
          </h2>
          <p className="muted small">
            {parentLine(experiment.parentId, parent)} · {experiment.createdBy}
          </p>
        </div>
        {!readOnly && (
          <div className="experiment-actions">
            <RunButton experiment={experiment} disabled={running} />
            <button type="button" className="button" onClick={() => setDeriving(true)}>
              Derive…
            </button>
          </div>
        )}
      </header>
      {experiment.diff.length > 0 && (
        <p className="diff-line">
          <span className="muted">Changes from {parent ? `#${parent.seq}` : 'its parent'}:</span>{' '}
          {experiment.diff.map((change) => (
            <span key={change.dimension} className="diff-chip">
              {change.description}
            </span>
          ))}
          {experiment.multiChangeConfirmed && (
            <span className="warn-text"> changed {experiment.diff.length} things (confirmed)</span>
          )}
        </p>
      )}
      <dl className="param-lines">
        {paramLines(experiment.params).map((line) => (
          <div key={line.label}>
            <dt>{line.label}</dt>
            <dd>{line.value}</dd>
          </div>
        ))}
      </dl>
      {!readOnly && (
        <div className="experiment-tools">
          <button type="button" className="button small" onClick={() => void runPreflight(experiment.id)}>
            Check the plug (preflight)
          </button>
          {!experiment.params.control &&
            (sweepRunning && sweep ? (
              <span className="sweep-inline" role="status" aria-label="Auto-peel progress">
                <progress max={sweep.total} value={sweep.done} aria-label="Auto-peel sweep progress" />
                Auto-peel {sweep.done}/{sweep.total}
                {sweep.current && ` · removing ${sweep.current}`}
                <button type="button" className="button small" onClick={() => void cancelSweep()}>
                  Cancel
                </button>
              </span>
            ) : (
              <button
                type="button"
                className="button small"
                onClick={() => void startSweep(experiment.id, 'both')}
                title="Run every single-layer and single-operator removal of this experiment not run yet, and rank them"
              >
                Auto-peel sweep
              </button>
            ))}
          {scenario?.fixes.map((fix) =>
            experiment.params.fixes.includes(fix.id) ? (
              <button
                key={fix.id}
                type="button"
                className="button small"
                onClick={() => void applyFix(experiment.id, fix.id, false)}
              >
                Run without fix {fix.id}
              </button>
            ) : (
              <button
                key={fix.id}
                type="button"
                className="button small"
                onClick={() => void applyFix(experiment.id, fix.id, true)}
                title={fix.description}
              >
                Apply fix {fix.id} and re-run
              </button>
            ),
          )}
        </div>
      )}
      {deriving && <DeriveDialog parent={experiment} onClose={() => setDeriving(false)} />}
    </section>
  );
}

/** Its parent in words; a parent older than the loaded run list is named as such, not taken for a baseline. */
function parentLine(parentId: string | null, parent: Experiment | undefined): string {
  if (parent) return `derived from #${parent.seq} (${parent.label})`;
  return parentId ? 'derived from an older experiment (not loaded)' : 'baseline';
}
