// The diagnosis: the culprit (an operator, the platform or the configuration), the cause from the list every drill
// offers plus free text, and the fix. A wrong one is refused with words that reveal nothing; a right one asks for
// the A/B/A proof before the drill counts as solved.
import { type FormEvent, useRef, useState } from 'react';
import { usePeel } from '../../state/store';
import { useFocusRequest } from '../../ui/use-focus-request';

export function DiagnosisForm() {
  const session = usePeel((s) => s.drillSession)!;
  const verdict = usePeel((s) => s.drillVerdict);
  const submit = usePeel((s) => s.submitDiagnosis);
  const imported = usePeel((s) => s.exchange?.imported != null);
  // Once the right diagnosis is in, the form shows it and takes no more: the drill's answer is settled.
  const readOnly = imported || session.diagnosed;
  const { choices } = session.view;
  const accepted = session.diagnoses.find((d) => d.correct) ?? null;
  const [culprit, setCulprit] = useState('');
  const [cause, setCause] = useState('');
  const [fix, setFix] = useState('');
  const [notes, setNotes] = useState('');
  const labelOf = (list: ReadonlyArray<{ id: string; label: string }>, id: string) =>
    list.find((choice) => choice.id === id)?.label ?? id;
  const [busy, setBusy] = useState(false);
  const culpritRef = useRef<HTMLSelectElement>(null);
  useFocusRequest('drill-diagnosis', culpritRef);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await submit({ culprit, cause, fix, notes });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card drill-diagnosis" aria-labelledby="drill-diagnosis-title">
      <h2 id="drill-diagnosis-title" className="card-title">
        Diagnosis
      </h2>
      {session.diagnoses.length > 0 && (
        <p className="muted small">
          {session.diagnoses.length} submitted, {session.diagnoses.filter((d) => !d.correct).length} refused
        </p>
      )}
      {accepted ? (
        <div className="drill-accepted" role="status" aria-label="The accepted diagnosis">
          <p>
            <strong>{session.solved ? 'Solved.' : 'Diagnosis accepted.'}</strong>{' '}
            {session.solved
              ? 'The fix is proven A/B/A; the form is closed.'
              : 'Prove the fix before the drill counts as solved.'}
          </p>
          <dl>
            <dt>Culprit</dt>
            <dd>{labelOf(choices.culprits, accepted.culprit)}</dd>
            <dt>Cause</dt>
            <dd>{labelOf(choices.causes, accepted.cause)}</dd>
            <dt>Fix</dt>
            <dd>{labelOf(choices.fixes, accepted.fix)}</dd>
            {accepted.notes && (
              <>
                <dt>Your reasoning</dt>
                <dd>{accepted.notes}</dd>
              </>
            )}
          </dl>
        </div>
      ) : (
        <form onSubmit={(event) => void onSubmit(event)}>
          <label htmlFor="diagnosis-culprit">Culprit</label>
          <select
            id="diagnosis-culprit"
            ref={culpritRef}
            value={culprit}
            required
            disabled={readOnly}
            onChange={(event) => setCulprit(event.target.value)}
          >
            <option value="">Choose…</option>
            {choices.culprits.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.label}
              </option>
            ))}
          </select>
          <label htmlFor="diagnosis-cause">Cause</label>
          <select
            id="diagnosis-cause"
            value={cause}
            required
            disabled={readOnly}
            onChange={(event) => setCause(event.target.value)}
          >
            <option value="">Choose…</option>
            {choices.causes.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.label}
              </option>
            ))}
          </select>
          <label htmlFor="diagnosis-fix">Fix</label>
          <select
            id="diagnosis-fix"
            value={fix}
            required
            disabled={readOnly}
            onChange={(event) => setFix(event.target.value)}
          >
            <option value="">Choose…</option>
            {choices.fixes.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.label}
              </option>
            ))}
          </select>
          <label htmlFor="diagnosis-notes">Your reasoning (kept in the trail)</label>
          <textarea
            id="diagnosis-notes"
            rows={3}
            value={notes}
            disabled={readOnly}
            onChange={(event) => setNotes(event.target.value)}
          />
          <button type="submit" className="button primary" disabled={busy || readOnly}>
            Submit diagnosis
          </button>
        </form>
      )}
      {verdict && !session.solved && (
        <p className={`drill-verdict verdict-${verdict.status}`} role="status">
          {verdict.message}
        </p>
      )}
      {session.diagnosed && !session.solved && (
        <p className="small">
          Prove it in the lab: apply the fix to an experiment that fails, run it; remove it, run; apply it
          again, run.
        </p>
      )}
    </section>
  );
}
