// The Verify button and what it found: "intact" with the head an export would print, or the first event that
// does not match and why, and the state of the append-only triggers.
import type { VerifyResult } from '../../../shared/contract/trail-entities';
import { usePeel } from '../../state/store';
import { formatUtc } from '../../ui/format-time';

export function VerifyButton() {
  const verifying = usePeel((s) => s.verifying);
  const verify = usePeel((s) => s.verifyAudit);
  return (
    <button
      type="button"
      className="button verify-button"
      onClick={() => void verify()}
      disabled={verifying}
      title="Recompute every hash of the audit chain and check the append-only triggers"
    >
      {verifying ? 'Verifying…' : 'Verify'}
    </button>
  );
}

function triggerProblems(triggers: VerifyResult['triggers']): string {
  return [
    triggers.missing.length > 0 ? `missing ${triggers.missing.join(', ')}` : '',
    triggers.altered.length > 0 ? `redefined ${triggers.altered.join(', ')}` : '',
    triggers.unexpected.length > 0 ? `not created by Peel: ${triggers.unexpected.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

function ResultText({ result }: { result: VerifyResult }) {
  const events = `${result.events.toLocaleString('en-US')} event${result.events === 1 ? '' : 's'}`;
  if (result.ok) {
    return (
      <>
        <strong className="verify-verdict">Intact</strong>
        <span>
          {events}, every hash recomputed; {result.triggers.expected.length} append-only triggers as created;
          every record shown agrees with the events that recorded it.
        </span>
      </>
    );
  }
  return (
    <>
      <strong className="verify-verdict">Tampered</strong>
      {/* The message names the event and the problem (edited, deleted, reordered, cut). */}
      {result.firstBad && <span>{result.firstBad.message}</span>}
      {!result.triggers.ok && <span>Triggers: {triggerProblems(result.triggers)}.</span>}
      {result.state.firstMismatch && (
        <span>
          In “{result.state.firstMismatch.investigationTitle}”: {result.state.firstMismatch.message}.
        </span>
      )}
    </>
  );
}

export function VerifyResultView() {
  const result = usePeel((s) => s.verifyResult);
  const dismiss = usePeel((s) => s.dismissVerifyResult);
  return (
    <div role="status" className="verify-status">
      {result && (
        <div className={`verify-result ${result.ok ? 'verify-ok' : 'verify-bad'}`}>
          <span className="verify-icon" aria-hidden="true">
            {result.ok ? '✓' : '!'}
          </span>
          <div className="verify-body">
            <p className="verify-line">
              <ResultText result={result} />
            </p>
            <p className="verify-head muted small">
              Head #{result.headSeq}{' '}
              <code title={`SHA-256 ${result.headHash}`}>{result.headHash.slice(0, 16)}…</code> · checked{' '}
              {formatUtc(result.checkedAt)} in {Math.max(1, Math.round(result.wallMs))} ms
            </p>
          </div>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss the verification result"
            onClick={dismiss}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
