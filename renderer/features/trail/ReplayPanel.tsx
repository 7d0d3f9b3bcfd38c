// Replay: re-runs the open investigation's recorded simulations from the parameters and seeds its chain holds and
// says whether each gave the series, detail and verdict the chain recorded; progress, cancel, and the first run
// that did not.

import { plural } from '../../../shared/domain/plural';
import { usePeel } from '../../state/store';

export function ReplayButton({ investigationId }: { investigationId: string }) {
  const running = usePeel((s) => s.replay !== null && s.replay.result === null);
  const start = usePeel((s) => s.startReplay);
  const cancel = usePeel((s) => s.cancelReplay);
  if (running) {
    return (
      <button type="button" className="button" onClick={() => void cancel()}>
        Cancel replay
      </button>
    );
  }
  return (
    <button
      type="button"
      className="button"
      onClick={() => void start(investigationId)}
      title="Re-run every recorded simulation from the parameters and seed its audit events hold, and check it gives what they recorded"
    >
      Replay runs
    </button>
  );
}

export function ReplayStatus({ investigationId }: { investigationId: string }) {
  const replay = usePeel((s) => (s.replay?.investigationId === investigationId ? s.replay : null));
  const dismiss = usePeel((s) => s.dismissReplay);
  if (!replay) return null;
  const { result } = replay;
  if (!result) {
    return (
      <div role="status" className="verify-status replay-status">
        <span>
          Replaying {replay.done} of {plural(replay.total, 'run')}
          {replay.current ? `: ${replay.current}` : ''}…
        </span>
        <progress max={Math.max(1, replay.total)} value={replay.done} aria-label="Replay progress" />
      </div>
    );
  }
  const verdict = result.cancelled ? 'Cancelled' : result.ok ? 'Replayed' : 'Not reproduced';
  return (
    <div role="status" className={`verify-status replay-status ${result.ok ? 'ok' : 'bad'}`}>
      <strong className="verify-verdict">{verdict}</strong>
      <span>
        {result.firstMismatch
          ? `${result.firstMismatch.message}.`
          : result.cancelled
            ? `${result.replayed} of ${plural(result.total, 'run')} replayed before you cancelled.`
            : `${result.replayed} of ${plural(result.total, 'run')} re-run from their recorded parameters and seeds gave the series, analysis and verdict their audit events recorded.`}
        {result.notBound.length > 0 &&
          ` ${result.notBound.length} run${result.notBound.length === 1 ? ' was' : 's were'} recorded before series hashes: only their verdict and analysis are checked.`}
      </span>
      <button type="button" className="button ghost" onClick={dismiss} aria-label="Dismiss the replay result">
        ×
      </button>
    </div>
  );
}
