// The auto-peel sweep: progress while it runs (cancellable), then every single removal ranked by the memory its
// run still retained per restart; removals that take the leak away come first.
import { verdictSentence } from '../../../shared/domain/lab/verdict-sentence';
import { formatBytes } from '../../../shared/sim/analysis/format-bytes';
import { usePeel } from '../../state/store';

export function SweepPanel() {
  const sweep = usePeel((s) => s.sweep);
  const cancel = usePeel((s) => s.cancelSweep);
  const selectRun = usePeel((s) => s.selectRun);
  if (!sweep) return null;
  const result = sweep.result;
  return (
    <section className="card sweep-panel" aria-labelledby="sweep-title">
      <h2 id="sweep-title" className="card-title">
        Auto-peel sweep
        {result && (
          <span className="muted small">
            {result.rows.length} {result.rows.length === 1 ? 'run' : 'runs'} in{' '}
            {(result.wallMs / 1000).toFixed(1)} s{result.cancelled ? ' (cancelled)' : ''}
          </span>
        )}
      </h2>
      {!result && (
        <div className="sweep-progress">
          <progress max={sweep.total} value={sweep.done} aria-label="Sweep progress" />
          <span>
            {sweep.done}/{sweep.total} {sweep.current && `· removing ${sweep.current}`}
          </span>
          <button type="button" className="button small" onClick={() => void cancel()}>
            Cancel
          </button>
        </div>
      )}
      {result && (
        <table className="sweep-table">
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Removed</th>
              <th scope="col">Verdict</th>
              <th scope="col">Retained per restart</th>
              <th scope="col">OOMs</th>
              <th scope="col">Run</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row, index) => (
              <tr key={row.runId}>
                <td>{index + 1}</td>
                <td>
                  <code>{row.removed}</code> <span className="muted small">{row.kind}</span>
                </td>
                <td>
                  <span className={`verdict-chip verdict-${row.verdict ?? 'flat'}`}>
                    {row.verdict ?? '—'}
                  </span>
                  <span className="sweep-sentence small">
                    {verdictSentence({ ...row, restarts: null }).replace(/^[^:]+: /, '')}
                  </span>
                </td>
                <td>
                  {row.retainedBytesPerRestart > 0
                    ? `${formatBytes(row.retainedBytesPerRestart)}${row.verdict === 'blip' ? ', not every restart' : ''}`
                    : '0'}
                </td>
                <td>{row.ooms}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => selectRun(row.runId)}>
                    open
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
