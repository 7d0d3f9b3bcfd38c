// "If you didn't fix it, it ain't fixed": the A/B/A proof as three steps with their runs, and marking the
// investigation resolved, which Peel refuses (saying what is missing) until the proof is complete.
import { useRef, useState } from 'react';
import { usePeel } from '../../state/store';
import { useFocusRequest } from '../../ui/use-focus-request';
import { useReadOnly } from '../exchange/use-read-only';

export function ProofPanel() {
  const lab = usePeel((s) => s.lab);
  const resolve = usePeel((s) => s.resolve);
  const selectRun = usePeel((s) => s.selectRun);
  const [reason, setReason] = useState('');
  const readOnly = useReadOnly();
  const reasonRef = useRef<HTMLInputElement>(null);
  useFocusRequest('resolution', reasonRef);
  if (!lab) return null;
  const runSeq = (runId: string | null) =>
    lab.experiments.flatMap((e) => e.runs).find((run) => run.id === runId)?.seq;
  return (
    <section className="card proof-panel" aria-labelledby="proof-title">
      <h2 id="proof-title" className="card-title">
        Verify the fix (A/B/A)
        {lab.proof.fixes.length > 0 && <span className="muted small">fix: {lab.proof.fixes.join(', ')}</span>}
      </h2>
      <ol className="proof-steps">
        {lab.proof.steps.map((step) => (
          <li key={step.label} className={step.ok ? 'ok' : 'missing'}>
            <span className="proof-mark" aria-hidden="true">
              {step.ok ? '✓' : '○'}
            </span>
            <span>{step.label}</span>
            {step.runId && (
              <button type="button" className="link-button" onClick={() => selectRun(step.runId)}>
                run #{runSeq(step.runId)}
              </button>
            )}
          </li>
        ))}
      </ol>
      {lab.resolution ? (
        <p className="resolved-note">
          Resolved by {lab.resolution.by}: {lab.resolution.reason}
        </p>
      ) : readOnly ? (
        lab.proof.missing && <p className="muted small">{lab.proof.missing}</p>
      ) : (
        <form
          className="resolve-form"
          onSubmit={(event) => {
            event.preventDefault();
            void resolve(reason);
          }}
        >
          {lab.proof.missing && <p className="muted small">{lab.proof.missing}</p>}
          <input
            ref={reasonRef}
            aria-label="Resolution"
            placeholder="What was wrong and how it was fixed"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
          <button type="submit" className="button primary" disabled={reason.trim() === ''}>
            Mark resolved
          </button>
        </form>
      )}
    </section>
  );
}
