// Writing or correcting a person's description of an audit event; Ctrl/Cmd+Enter saves, Escape cancels.
import { useState } from 'react';
import { LIMITS } from '../../../shared/contract/limits';

export function DescriptionEditor({
  initial,
  label,
  onSave,
  onCancel,
}: {
  initial: string;
  label: string;
  onSave: (body: string) => Promise<boolean>;
  onCancel: () => void;
}) {
  const [body, setBody] = useState(initial);
  const [busy, setBusy] = useState(false);
  const unchanged = body.trim() === '' || body === initial;
  const save = async () => {
    if (unchanged || busy) return;
    setBusy(true);
    const saved = await onSave(body);
    setBusy(false);
    if (saved) onCancel();
  };
  return (
    <form
      className="trail-describe"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <textarea
        // biome-ignore lint/a11y/noAutofocus: the user just asked to describe this event
        autoFocus
        aria-label={label}
        rows={2}
        maxLength={LIMITS.eventDescriptionLength}
        placeholder="What this event meant, or why it was done"
        value={body}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void save();
          }
        }}
      />
      <div className="trail-describe-actions">
        <button type="submit" className="button primary" disabled={unchanged || busy}>
          {initial ? 'Save correction' : 'Save description'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
