// A note as it reads now, marked "edited" when corrected, with its earlier revisions one click away.
import { useRef, useState } from 'react';
import type { Note } from '../../../shared/contract/entities';
import { usePeel } from '../../state/store';
import { formatUtc } from '../../ui/format-time';
import { Markdown } from '../../ui/Markdown';
import { useFocusRequest } from '../../ui/use-focus-request';
import { useReadOnly } from '../exchange/use-read-only';
import { NoteEditor } from './NoteEditor';

export function NoteView({ note }: { note: Note }) {
  const correct = usePeel((s) => s.correctNote);
  const readOnly = useReadOnly();
  const [editing, setEditing] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const articleRef = useRef<HTMLElement>(null);
  // The trail's "Show the note" lands here.
  useFocusRequest(`note-item:${note.id}`, articleRef);
  if (editing) {
    return (
      <NoteEditor
        label="Correct this note"
        submitLabel="Save correction"
        initial={note.body}
        onSubmit={async (body) => {
          const saved = await correct(note.id, body);
          if (saved) setEditing(false);
          return saved;
        }}
        onCancel={() => setEditing(false)}
      />
    );
  }
  return (
    <article className="note" ref={articleRef} tabIndex={-1}>
      <Markdown source={note.body} />
      <footer className="note-meta">
        <span>
          {note.createdBy} · {formatUtc(note.createdAt)}
        </span>
        {note.edited && (
          <button
            type="button"
            className="edited-mark"
            aria-expanded={showHistory}
            onClick={() => setShowHistory((shown) => !shown)}
            title={`Last corrected ${formatUtc(note.updatedAt)}`}
          >
            edited · {note.history.length} revisions
          </button>
        )}
        {!readOnly && (
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            Correct
          </button>
        )}
      </footer>
      {showHistory && (
        <ol className="note-history" aria-label="Earlier revisions">
          {note.history.map((revision, index) => (
            <li key={revision.id}>
              <span className="muted small">
                Revision {index + 1} · {revision.createdBy} · {formatUtc(revision.createdAt)}
              </span>
              <Markdown source={revision.body} />
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
