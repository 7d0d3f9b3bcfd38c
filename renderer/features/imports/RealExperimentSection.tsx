// "Log a real experiment": what was done on the real job and when, its one change from its parent in the lineage,
// and the imports that are its result. The run it makes is analysed like a simulated one; the real runs logged so
// far are listed with what was done and what they were made of, and can be overlaid with any simulated run.
import { useId, useState } from 'react';
import { usePeel } from '../../state/store';
import { formatUtc, fromDateTimeLocalUtc, toDateTimeLocalUtc } from '../../ui/format-time';
import { RealBadge } from '../../ui/RealBadge';
import { realChanges } from './real-change';
import { UtcTimeField } from './UtcTimeField';

export function RealExperimentSection() {
  const id = useId();
  const lab = usePeel((s) => s.lab);
  const scenarios = usePeel((s) => s.scenarios);
  const imports = usePeel((s) => s.metricImports);
  const realRuns = usePeel((s) => s.realRuns);
  const selectedExperimentId = usePeel((s) => s.selectedExperimentId);
  const logRealExperiment = usePeel((s) => s.logRealExperiment);
  const compareRunIds = usePeel((s) => s.compareRunIds);
  const toggleCompare = usePeel((s) => s.toggleCompare);
  const openComparison = usePeel((s) => s.openComparison);
  const setCompareMode = usePeel((s) => s.setCompareMode);
  const experiments = lab?.experiments ?? [];
  const [parentId, setParentId] = useState<string>(selectedExperimentId ?? experiments[0]?.id ?? '');
  const [changeId, setChangeId] = useState('none');
  const [description, setDescription] = useState('');
  const [doneAt, setDoneAt] = useState(() => toDateTimeLocalUtc(Date.now()));
  const [picked, setPicked] = useState<string[]>([]);
  const [overlayWith, setOverlayWith] = useState('');
  const parent = experiments.find((e) => e.id === parentId) ?? experiments[0];
  const scenario = scenarios.find((s) => s.id === lab?.scenarioId);
  const changes = parent ? realChanges(parent.params, scenario) : [];
  const change = changes.find((c) => c.id === changeId) ?? changes[0];
  const doneAtMs = fromDateTimeLocalUtc(doneAt);
  const realIds = new Set(realRuns.map((r) => r.runId));
  const simulated = experiments.flatMap((e) =>
    e.runs
      .filter((r) => r.status === 'completed' && !realIds.has(r.id))
      .map((r) => ({ run: r, experiment: e })),
  );
  const canLog = parent && change && description.trim() !== '' && doneAtMs !== null && picked.length > 0;
  const overlay = async (realRunId: string) => {
    if (!overlayWith) return;
    for (const runId of compareRunIds) toggleCompare(runId);
    toggleCompare(overlayWith);
    toggleCompare(realRunId);
    setCompareMode('overlay');
    await openComparison();
  };
  return (
    <section className="real-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Log a real experiment</h3>
      {experiments.length === 0 ? (
        <p className="muted">
          Create a baseline experiment first: a real experiment is one change from a parent.
        </p>
      ) : (
        <div className="real-log-form">
          <label className="field">
            <span>What was done on the real system</span>
            <textarea
              aria-label="What was done"
              rows={2}
              value={description}
              placeholder="signalled 3 containers GRACEFUL_SHUTDOWN at 14:05 on the dev job with layer 3 removed"
              onChange={(e) => setDescription(e.target.value)}
            />
          </label>
          <div className="field-row">
            <UtcTimeField label="When (UTC)" name="When it was done" value={doneAt} onChange={setDoneAt} />
            <label className="field">
              <span>Parent experiment</span>
              <select
                aria-label="Parent experiment"
                value={parent?.id}
                onChange={(e) => setParentId(e.target.value)}
              >
                {experiments.map((e) => (
                  <option key={e.id} value={e.id}>
                    #{e.seq} {e.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>The one change</span>
              <select
                aria-label="The one change"
                value={change?.id}
                onChange={(e) => setChangeId(e.target.value)}
              >
                {changes.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <fieldset>
            <legend>Its result: the imports</legend>
            {imports.length === 0 && (
              <p className="muted small">Import the metrics of the real run above first.</p>
            )}
            {imports.map((imp) => (
              <label key={imp.id} className="real-check">
                <input
                  type="checkbox"
                  checked={picked.includes(imp.id)}
                  onChange={(e) =>
                    setPicked((list) =>
                      e.target.checked ? [...list, imp.id] : list.filter((x) => x !== imp.id),
                    )
                  }
                />
                #{imp.seq} {imp.source}
              </label>
            ))}
          </fieldset>
          <button
            type="button"
            className="button primary"
            disabled={!canLog}
            onClick={() =>
              parent &&
              change &&
              void logRealExperiment({
                parentId: parent.id,
                params: change.apply(parent.params),
                description: description.trim(),
                doneAt: doneAtMs ?? 0,
                importIds: picked,
              }).then((ok) => {
                if (ok) {
                  setDescription('');
                  setPicked([]);
                }
              })
            }
          >
            Log real experiment
          </button>
        </div>
      )}
      {realRuns.length > 0 && (
        <section className="real-runs" aria-label="Real experiments">
          <h4>Real experiments</h4>
          <label className="field">
            <span>Overlay with the simulated run</span>
            <select
              aria-label="Simulated run to overlay"
              value={overlayWith}
              onChange={(e) => setOverlayWith(e.target.value)}
            >
              <option value="">choose a run…</option>
              {simulated.map(({ run, experiment }) => (
                <option key={run.id} value={run.id}>
                  run {run.seq} of #{experiment.seq} {experiment.label} ({run.verdict ?? 'no verdict'})
                </option>
              ))}
            </select>
          </label>
          <ul>
            {realRuns.map((real) => {
              const experiment = experiments.find((e) => e.id === real.experimentId);
              const run = experiment?.runs.find((r) => r.id === real.runId);
              return (
                <li key={real.runId} className="real-run">
                  <RealBadge description={real.description} /> run {run?.seq} of #{experiment?.seq} —{' '}
                  <strong>{run?.verdict ?? 'no verdict'}</strong>: {real.description}{' '}
                  <span className="muted small">
                    ({formatUtc(real.doneAt)}; from {real.sources.map((s) => s.source).join(', ')}; restarts{' '}
                    {real.restartsFrom})
                  </span>{' '}
                  <button
                    type="button"
                    className="button small"
                    disabled={!overlayWith}
                    onClick={() => void overlay(real.runId)}
                  >
                    Overlay at t=0
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </section>
  );
}
