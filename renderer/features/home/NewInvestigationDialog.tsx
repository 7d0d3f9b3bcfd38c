// Starting an investigation: a title, what was seen, and when the incident started (UTC).
import { type FormEvent, useState } from 'react';
import { LIMITS } from '../../../shared/contract/limits';
import { usePeel } from '../../state/store';
import { Dialog } from '../../ui/Dialog';
import { fromDateTimeLocalUtc, toDateTimeLocalUtc } from '../../ui/format-time';

export function NewInvestigationDialog() {
  const close = usePeel((s) => s.closeOverlay);
  const create = usePeel((s) => s.createInvestigation);
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [startedAt, setStartedAt] = useState(() => toDateTimeLocalUtc(Date.now()));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const started = fromDateTimeLocalUtc(startedAt);
    if (title.trim() === '') return setProblem('Give the investigation a title.');
    if (started === null) return setProblem('When did it start? Enter a date and time (UTC).');
    setBusy(true);
    const created = await create({ title, summary, startedAt: started });
    setBusy(false);
    if (created) close();
  };

  return (
    <Dialog title="New investigation" onClose={close} className="form-dialog">
      <form
        onSubmit={submit}
        onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && void submit()}
      >
        <header className="dialog-header">
          <h2>New investigation</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={close}>
            ×
          </button>
        </header>
        <label className="field">
          <span>Title</span>
          <input
            data-autofocus
            value={title}
            maxLength={LIMITS.titleLength}
            placeholder="e.g. Direct memory OOMs in ads-reporting after consolidation"
            onChange={(event) => setTitle(event.target.value)}
          />
        </label>
        <label className="field">
          <span>Incident summary</span>
          <textarea
            rows={5}
            value={summary}
            maxLength={LIMITS.summaryLength}
            placeholder="What was seen, where, how often. Markdown works."
            onChange={(event) => setSummary(event.target.value)}
          />
        </label>
        <label className="field">
          <span>Started at (UTC)</span>
          <input
            type="datetime-local"
            value={startedAt}
            onChange={(event) => setStartedAt(event.target.value)}
          />
        </label>
        {problem && (
          <p className="form-problem" role="alert">
            {problem}
          </p>
        )}
        <footer className="dialog-footer">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            Create investigation
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
