// Rule 5's guard: an experiment that changes more than one thing from its parent is created only after the user
// confirms it, and it is recorded as such.
import { usePeel } from '../../state/store';
import { Dialog } from '../../ui/Dialog';

export function MultiChangeDialog() {
  const pending = usePeel((s) => s.pendingMultiChange);
  const confirm = usePeel((s) => s.confirmPendingDerivation);
  const cancel = usePeel((s) => s.cancelPendingDerivation);
  if (!pending) return null;
  return (
    <Dialog title="More than one change" onClose={cancel} className="form-dialog">
      <header className="dialog-header">
        <h2>Change one thing at a time?</h2>
      </header>
      <div className="dialog-body">
        <p>This experiment changes {pending.changes.length} things from its parent:</p>
        <ul>
          {pending.changes.map((change) => (
            <li key={change.dimension}>{change.description}</li>
          ))}
        </ul>
        <p className="muted">
          If its result differs, you will not know which change did it. You can go back and change one thing,
          or go ahead: the trail records that this step changed several things.
        </p>
      </div>
      <footer className="dialog-footer">
        <button type="button" className="button" onClick={cancel}>
          Go back
        </button>
        <button type="button" className="button primary" onClick={() => void confirm()}>
          Create it anyway
        </button>
      </footer>
    </Dialog>
  );
}
