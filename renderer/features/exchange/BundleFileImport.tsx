// Importing a bundle by its path on this machine: for large bundles, read from disk in the background with progress
// and Cancel, one import at a time, while the rest of Peel stays usable.
import { useState } from 'react';
import { usePeel } from '../../state/store';
import './exchange.css';

export function BundleFileImport({ disabled }: { disabled: boolean }) {
  const job = usePeel((s) => s.bundleJob);
  const problem = usePeel((s) => s.bundleJobProblem);
  const importBundleFile = usePeel((s) => s.importBundleFile);
  const cancel = usePeel((s) => s.cancelBundleImport);
  const [path, setPath] = useState('');
  return (
    <div className="field bundle-file-import">
      <label htmlFor="bundle-path">
        …or a large bundle by its path on this machine (read in the background)
      </label>
      <div className="inline-row">
        <input
          id="bundle-path"
          type="text"
          value={path}
          disabled={disabled || job !== null}
          placeholder="/home/me/handover.peel.json"
          onChange={(event) => setPath(event.target.value)}
        />
        <button
          type="button"
          className="button"
          disabled={disabled || job !== null || path.trim() === ''}
          onClick={() => void importBundleFile(path.trim())}
        >
          Import from disk
        </button>
      </div>
      {job && (
        <div className="run-progress" data-job={job.jobId}>
          <progress max={1} value={job.fraction} aria-label={`Importing ${job.fileName}`} />
          <span className="small">{job.message}</span>
          <button type="button" className="button small" onClick={() => void cancel()}>
            Cancel import
          </button>
        </div>
      )}
      {problem && (
        <p className="form-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
