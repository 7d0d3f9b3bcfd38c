// The notes of a rule (or of the investigation when ruleId is null), oldest first, and an editor for a new one.
import type { RuleId } from '../../../shared/domain/rules';
import { usePeel } from '../../state/store';
import { useReadOnly } from '../exchange/use-read-only';
import { NoteEditor } from './NoteEditor';
import { NoteView } from './NoteView';

export function NotesSection({ ruleId }: { ruleId: RuleId | null }) {
  const notes = usePeel((s) => s.detail?.notes);
  const addNote = usePeel((s) => s.addNote);
  const readOnly = useReadOnly();
  const mine = (notes ?? []).filter((note) => note.ruleId === ruleId);
  return (
    <div className="notes">
      {mine.map((note) => (
        <NoteView key={note.id} note={note} />
      ))}
      {!readOnly && (
        <NoteEditor
          focusTarget={`note:${ruleId ?? 'investigation'}`}
          label={ruleId ? 'Add a note to this rule' : 'Add a note to the investigation'}
          submitLabel="Add note"
          onSubmit={(body) => addNote(ruleId, body)}
        />
      )}
    </div>
  );
}
