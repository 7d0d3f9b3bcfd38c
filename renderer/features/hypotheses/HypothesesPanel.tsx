// Hypotheses: what you think is going on, and its fate (supported, refuted, inconclusive) with the reason.
import { type FormEvent, useRef, useState } from 'react';
import type { Hypothesis, HypothesisStatus } from '../../../shared/contract/entities';
import { LIMITS } from '../../../shared/contract/limits';
import { usePeel } from '../../state/store';
import { formatUtc } from '../../ui/format-time';
import { useFocusRequest } from '../../ui/use-focus-request';

const VERDICTS: { status: HypothesisStatus; label: string }[] = [
  { status: 'supported', label: 'Supported' },
  { status: 'refuted', label: 'Refuted' },
  { status: 'inconclusive', label: 'Inconclusive' },
  { status: 'open', label: 'Reopen' },
];

function HypothesisItem({ hypothesis }: { hypothesis: Hypothesis }) {
  const setStatus = usePeel((s) => s.setHypothesisStatus);
  const [pending, setPending] = useState<HypothesisStatus | null>(null);
  const [reason, setReason] = useState('');
  const decide = async (event: FormEvent) => {
    event.preventDefault();
    if (!pending) return;
    if (await setStatus(hypothesis.id, pending, reason)) {
      setPending(null);
      setReason('');
    }
  };
  return (
    <li className={`hypothesis hypothesis-${hypothesis.status}`}>
      <div className="hypothesis-main">
        <span className={`status-pill status-${hypothesis.status}`}>{hypothesis.status}</span>
        <span className="hypothesis-statement">{hypothesis.statement}</span>
      </div>
      {hypothesis.reason && <p className="hypothesis-reason">Because: {hypothesis.reason}</p>}
      <div className="hypothesis-actions">
        <span className="muted small">
          {hypothesis.createdBy} · {formatUtc(hypothesis.createdAt)}
        </span>
        {VERDICTS.filter((v) => v.status !== hypothesis.status).map((verdict) => (
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
  const hypotheses = usePeel((s) => s.detail?.hypotheses ?? []);
  const add = usePeel((s) => s.addHypothesis);
  const [statement, setStatement] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  useFocusRequest('hypothesis', inputRef);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (statement.trim() === '') return;
    if (await add(statement, 'divide-and-conquer')) setStatement('');
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
      <form className="hypothesis-form" onSubmit={submit}>
        <input
          ref={inputRef}
          aria-label="New hypothesis"
          placeholder="A hypothesis and the effect it predicts, e.g. “removing layer 3 removes the staircase”"
          maxLength={LIMITS.hypothesisLength}
          value={statement}
          onChange={(event) => setStatement(event.target.value)}
        />
        <button type="submit" className="button" disabled={statement.trim() === ''}>
          Add hypothesis
        </button>
      </form>
    </section>
  );
}
