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

const eventWord = (n: number) => `${n.toLocaleString('en-US')} event${n === 1 ? '' : 's'}`;

function ResultText({ result, own }: { result: VerifyResult; own: number | null }) {
  const events = eventWord(result.events);
  // Verify checks the database's one chain, which every investigation's events are part of: say so, and how many
  // of them are this investigation's, so "1 event" in the header and "136 events" here do not seem to disagree.
  const scope =
    own === null ? '' : ` This investigation's ${eventWord(own)} ${own === 1 ? 'is' : 'are'} part of it.`;
  if (result.ok) {
    return (
      <>
        <strong className="verify-verdict">Intact</strong>
        <span>
          The database's whole chain (every investigation): {events}, every hash recomputed;{' '}
          {result.triggers.expected.length} append-only triggers as created; every record shown agrees with
          the events that recorded it.{scope}
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
  const verified = usePeel((s) => s.verifyResult);
  const verifiedOn = usePeel((s) => s.verifiedInvestigationId);
  const onScreen = usePeel((s) => (s.route.name === 'investigation' ? s.route.id : null));
  const own = usePeel((s) =>
    s.auditInvestigationId !== null && s.auditInvestigationId === onScreen ? s.auditEvents.length : null,
  );
  const dismiss = usePeel((s) => s.dismissVerifyResult);
  // A result from another investigation's screen is not shown here: verify again to see it for this one.
  const result = verified && verifiedOn === onScreen ? verified : null;
  return (
    <div role="status" className="verify-status">
      {result && (
        <div className={`verify-result ${result.ok ? 'verify-ok' : 'verify-bad'}`}>
          <span className="verify-icon" aria-hidden="true">
            {result.ok ? '✓' : '!'}
          </span>
          <div className="verify-body">
            <p className="verify-line">
              <ResultText result={result} own={own} />
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
