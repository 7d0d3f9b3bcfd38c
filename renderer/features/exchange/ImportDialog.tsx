// Importing a colleague's bundle: choose the .peel.json file (or paste its text). Peel checks it in full first and
// says exactly what is wrong and where if it refuses; nothing is written then.
import { type FormEvent, useState } from 'react';
import { usePeel } from '../../state/store';
import { Dialog } from '../../ui/Dialog';
import { BundleFileImport } from './BundleFileImport';

export function ImportDialog() {
  const close = usePeel((s) => s.closeOverlay);
  const importBundle = usePeel((s) => s.importBundle);
  const importing = usePeel((s) => s.importing);
  const problem = usePeel((s) => s.importProblem);
  const clearProblem = usePeel((s) => s.clearImportProblem);
  const [file, setFile] = useState<File | null>(null);
  const [pasted, setPasted] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = file ? await file.text() : pasted;
    if (text.trim() === '') return;
    if (await importBundle(text, file?.name)) close();
  };

  return (
    <Dialog
      title="Import a bundle"
      onClose={() => {
        clearProblem();
        close();
      }}
      className="form-dialog"
    >
      <form onSubmit={submit}>
        <header className="dialog-header">
          <h2>Import a bundle</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={close}>
            ×
          </button>
        </header>
        <p className="muted">
          A colleague's exported JSON bundle: Peel verifies its audit chain, then opens the investigation
          read-only with the hand-over first. Continue it in a branch of your own to work on it.
        </p>
        <label className="field">
          <span>Bundle file (.peel.json)</span>
          <input
            type="file"
            accept=".json,application/json"
            onChange={(event) => {
              clearProblem();
              setFile(event.target.files?.[0] ?? null);
            }}
          />
        </label>
        <label className="field">
          <span>…or paste its text</span>
          <textarea
            rows={4}
            value={pasted}
            disabled={file !== null}
            placeholder='{"format": "peel-bundle", "version": 1, …}'
            onChange={(event) => {
              clearProblem();
              setPasted(event.target.value);
            }}
          />
        </label>
        <BundleFileImport disabled={importing} />
        {problem && (
          <p className="form-problem" role="alert">
            {problem}
          </p>
        )}
        <footer className="dialog-footer">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button
            type="submit"
            className="button primary"
            disabled={importing || (!file && pasted.trim() === '')}
          >
            {importing ? 'Checking…' : 'Import'}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
