// A Markdown editor with a preview tab; Ctrl/Cmd+Enter saves. Used for new notes and for corrections.
import { useRef, useState } from 'react';
import { LIMITS } from '../../../shared/contract/limits';
import { Markdown } from '../../ui/Markdown';
import { useFocusRequest } from '../../ui/use-focus-request';

export function NoteEditor({
  label,
  submitLabel,
  initial = '',
  focusTarget,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  initial?: string;
  focusTarget?: string;
  onSubmit: (body: string) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const [body, setBody] = useState(initial);
  const [preview, setPreview] = useState(false);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  useFocusRequest(focusTarget ?? '', ref);
  const empty = body.trim() === '';

  const submit = async () => {
    if (empty || busy) return;
    setBusy(true);
    const saved = await onSubmit(body);
    setBusy(false);
    if (saved && !onCancel) {
      setBody('');
      setPreview(false);
    }
  };

  return (
    <div className="note-editor">
      <div className="note-editor-tabs" role="tablist" aria-label="Editor mode">
        <button type="button" role="tab" aria-selected={!preview} onClick={() => setPreview(false)}>
          Write
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={preview}
          onClick={() => setPreview(true)}
          disabled={empty}
        >
          Preview
        </button>
      </div>
      {preview ? (
        <Markdown source={body} className="note-preview" />
      ) : (
        <textarea
          ref={ref}
          aria-label={label}
          placeholder={`${label} (Markdown)…`}
          rows={Math.min(12, Math.max(2, body.split('\n').length + 1))}
          value={body}
          maxLength={LIMITS.noteLength}
          onChange={(event) => setBody(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              void submit();
            }
            if (event.key === 'Escape' && onCancel) onCancel();
          }}
        />
      )}
      {(!empty || onCancel) && (
        <div className="note-editor-actions">
          <span className="muted small">Markdown · Ctrl+Enter to save</span>
          {onCancel && (
            <button type="button" className="button" onClick={onCancel}>
              Cancel
            </button>
          )}
          <button
            type="button"
            className="button primary"
            disabled={empty || busy}
            onClick={() => void submit()}
          >
            {submitLabel}
          </button>
        </div>
      )}
    </div>
  );
}
