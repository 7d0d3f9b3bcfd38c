// The experiment's Run button with what a run would add on disk beside it ("adds about 1.4 MiB"). A run estimated
// above the backend's threshold asks first, naming its size and what the investigation already keeps.
import { useState } from 'react';
import type { Experiment } from '../../../shared/contract/lab-entities';
import { formatBytes } from '../../../shared/sim/analysis/format-bytes';
import { usePeel } from '../../state/store';

export function RunButton({ experiment, disabled }: { experiment: Experiment; disabled: boolean }) {
  const startRun = usePeel((s) => s.startRun);
  const estimate = usePeel((s) => (s.runEstimate?.experimentId === experiment.id ? s.runEstimate : null));
  const disk = usePeel((s) =>
    s.diskUse?.investigationId === experiment.investigationId ? s.diskUse.disk : null,
  );
  const [confirming, setConfirming] = useState(false);
  const large = estimate !== null && estimate.bytes > estimate.confirmAboveBytes;
  const label = experiment.runs.length > 0 ? 'Run again' : 'Run';
  return (
    <>
      <button
        type="button"
        className="button primary"
        disabled={disabled || confirming}
        onClick={() => (large ? setConfirming(true) : void startRun(experiment.id))}
      >
        {label}
      </button>
      {estimate && (
        <span
          className={`run-estimate small ${large ? 'warn-text' : 'muted'}`}
          data-bytes={estimate.bytes}
          title={`${estimate.seriesCount} series, ${estimate.samples.toLocaleString('en-US')} samples; ${estimate.basis}`}
        >
          adds about {formatBytes(estimate.bytes)}
        </span>
      )}
      {confirming && estimate && (
        <div className="run-confirm" role="alert">
          <span>
            This run adds about <b>{formatBytes(estimate.bytes)}</b> on disk
            {disk ? ` (the investigation keeps ${formatBytes(disk.bytes)} now)` : ''}.
          </span>
          <button
            type="button"
            className="button primary small"
            onClick={() => {
              setConfirming(false);
              void startRun(experiment.id);
            }}
          >
            Run it
          </button>
          <button type="button" className="button small" onClick={() => setConfirming(false)}>
            Not now
          </button>
        </div>
      )}
    </>
  );
}
