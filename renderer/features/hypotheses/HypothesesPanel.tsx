// Hypotheses: what you think is going on, and its fate (supported, refuted, inconclusive) with the reason. A
// statement is corrected, never overwritten: the latest text shows, marked "edited", its history a click away.
import { type FormEvent, useRef, useState } from 'react';
import type { Hypothesis, HypothesisStatus } from '../../../shared/contract/entities';
import { LIMITS } from '../../../shared/contract/limits';
import { selectHypotheses } from '../../state/investigation-selectors';
import { usePeel } from '../../state/store';
import { formatUtc } from '../../ui/format-time';
import { useFocusRequest } from '../../ui/use-focus-request';
import { useReadOnly } from '../exchange/use-read-only';

const VERDICTS: { status: HypothesisStatus; label: string }[] = [
  { status: 'supported', label: 'Supported' },
  { status: 'refuted', label: 'Refuted' },
  { status: 'inconclusive', label: 'Inconclusive' },
  { status: 'open', label: 'Reopen' },
];

function StatementCorrection({ hypothesis, onDone }: { hypothesis: Hypothesis; onDone: () => void }) {
  const correct = usePeel((s) => s.correctHypothesis);
  const [statement, setStatement] = useState(hypothesis.statement);
  const unchanged = statement.trim() === '' || statement.trim() === hypothesis.statement;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!unchanged && (await correct(hypothesis.id, statement))) onDone();
  };
  return (
    <form className="reason-form" onSubmit={save}>
      <input
        // biome-ignore lint/a11y/noAutofocus: the user just asked to correct this statement
        autoFocus
        aria-label="Corrected statement"
        maxLength={LIMITS.hypothesisLength}
        value={statement}
        onChange={(event) => setStatement(event.target.value)}
        onKeyDown={(event) => event.key === 'Escape' && onDone()}
      />
      <button type="submit" className="button primary" disabled={unchanged}>
        Save correction
      </button>
      <button type="button" className="button" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

function HypothesisItem({ hypothesis }: { hypothesis: Hypothesis }) {
  const setStatus = usePeel((s) => s.setHypothesisStatus);
  const readOnly = useReadOnly();
  const [pending, setPending] = useState<HypothesisStatus | null>(null);
  const [reason, setReason] = useState('');
  const [correcting, setCorrecting] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const itemRef = useRef<HTMLLIElement>(null);
  useFocusRequest(`hypothesis-item:${hypothesis.id}`, itemRef);
  const decide = async (event: FormEvent) => {
    event.preventDefault();
    if (!pending) return;
    if (await setStatus(hypothesis.id, pending, reason)) {
      setPending(null);
      setReason('');
    }
  };
  return (
    <li className={`hypothesis hypothesis-${hypothesis.status}`} ref={itemRef} tabIndex={-1}>
      <div className="hypothesis-main">
        <span className={`status-pill status-${hypothesis.status}`}>{hypothesis.status}</span>
        <span className="hypothesis-statement">{hypothesis.statement}</span>
        {hypothesis.predicts && (
          <span className="hypothesis-predicts">
            predicts {hypothesis.predicts === 'leak' ? 'the leak remains' : 'the leak goes'}
            {hypothesis.decidedAutomatically ? ' · decided by its run' : ''}
          </span>
        )}
        {hypothesis.edited && (
          <button
            type="button"
            className="edited-mark"
            aria-expanded={showHistory}
            onClick={() => setShowHistory((shown) => !shown)}
            title={`Last corrected ${formatUtc(hypothesis.history.at(-1)?.createdAt ?? hypothesis.updatedAt)}`}
          >
            edited · {hypothesis.history.length} versions
          </button>
        )}
      </div>
      {showHistory && (
        <ol className="note-history" aria-label="Earlier statements">
          {hypothesis.history.map((revision, index) => (
            <li key={revision.id}>
              <span className="muted small">
                {index === 0 ? 'As first written' : `Correction ${index}`} · {revision.createdBy} ·{' '}
                {formatUtc(revision.createdAt)}
              </span>
              <p>{revision.statement}</p>
            </li>
          ))}
        </ol>
      )}
      {correcting && <StatementCorrection hypothesis={hypothesis} onDone={() => setCorrecting(false)} />}
      {hypothesis.reason && <p className="hypothesis-reason">Because: {hypothesis.reason}</p>}
      <div className="hypothesis-actions">
        <span className="muted small">
          {hypothesis.createdBy} · {formatUtc(hypothesis.createdAt)}
        </span>
        {!readOnly && (
          <button type="button" className="link-button" onClick={() => setCorrecting(true)}>
            Correct
          </button>
        )}
        {VERDICTS.filter((v) => !readOnly && v.status !== hypothesis.status).map((verdict) => (
          <button
            key={verdict.status}
            type="button"
            className={`link-button ${pending === verdict.status ? 'active' : ''}`}
            onClick={() => setPending(verdict.status)}
          >
            {verdict.label}
          </button>
        ))}
      </div>
      {pending && (
        <form className="reason-form" onSubmit={decide}>
          <input
            // biome-ignore lint/a11y/noAutofocus: the user just chose a verdict and must give its reason
            autoFocus
            aria-label={`Why is it ${pending}?`}
            placeholder={
              pending === 'open'
                ? 'Why reopen it? (optional)'
                : `Why is it ${pending}? e.g. the run that shows it`
            }
            maxLength={LIMITS.reasonLength}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            onKeyDown={(event) => event.key === 'Escape' && setPending(null)}
          />
          <button
            type="submit"
            className="button primary"
            disabled={pending !== 'open' && reason.trim() === ''}
          >
            Mark {pending}
          </button>
          <button type="button" className="button" onClick={() => setPending(null)}>
            Cancel
          </button>
        </form>
      )}
    </li>
  );
}

export function HypothesesPanel() {
  const hypotheses = usePeel(selectHypotheses);
  const add = usePeel((s) => s.addHypothesis);
  const readOnly = useReadOnly();
  const [statement, setStatement] = useState('');
  const [predicts, setPredicts] = useState<'' | 'leak' | 'no-leak'>('');
  const inputRef = useRef<HTMLInputElement>(null);
  useFocusRequest('hypothesis', inputRef);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (statement.trim() === '') return;
    if (await add(statement, 'divide-and-conquer', predicts || null)) {
      setStatement('');
      setPredicts('');
    }
  };
  const open = hypotheses.filter((h) => h.status === 'open').length;
  return (
    <section className="card" aria-labelledby="hypotheses-title">
      <h2 id="hypotheses-title" className="card-title">
        Hypotheses{' '}
        <span className="muted small">
          {open} open · {hypotheses.length} in all
        </span>
      </h2>
      <ul className="hypotheses">
        {hypotheses.map((hypothesis) => (
          <HypothesisItem key={hypothesis.id} hypothesis={hypothesis} />
        ))}
      </ul>
      {!readOnly && (
        <form className="hypothesis-form" onSubmit={submit}>
          <input
            ref={inputRef}
            aria-label="New hypothesis"
            placeholder="A hypothesis and the effect it predicts, e.g. “removing layer 3 removes the staircase”"
            maxLength={LIMITS.hypothesisLength}
            value={statement}
            onChange={(event) => setStatement(event.target.value)}
          />
          <select
            aria-label="Effect it predicts for the run that tests it"
            value={predicts}
            onChange={(event) => setPredicts(event.target.value as '' | 'leak' | 'no-leak')}
          >
            <option value="">predicts: nothing to test</option>
            <option value="leak">predicts: the leak remains</option>
            <option value="no-leak">predicts: the leak goes</option>
          </select>
          <button type="submit" className="button" disabled={statement.trim() === ''}>
            Add hypothesis
          </button>
        </form>
      )}
    </section>
  );
}
