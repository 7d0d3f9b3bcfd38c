// "Look at real metrics": a metrics file (sent as text, or streamed from disk when large), or a live Prometheus
// query by URL, with progress and cancel, and a follow mode that keeps re-querying until stopped.
import { useId, useState } from 'react';
import { LIMITS } from '../../../shared/contract/limits';
import { api } from '../../state/client-ref';
import { usePeel } from '../../state/store';
import { fromDateTimeLocalUtc, toDateTimeLocalUtc } from '../../ui/format-time';
import { ImportList } from './ImportList';
import { readPickedFile } from './read-file';
import { UtcTimeField } from './UtcTimeField';

type AuthKind = 'none' | 'basic' | 'bearer';

export function MetricsImportSection() {
  const id = useId();
  const importMetricsText = usePeel((s) => s.importMetricsText);
  const importMetricsFile = usePeel((s) => s.importMetricsFile);
  const queryPrometheus = usePeel((s) => s.queryPrometheus);
  const followPrometheus = usePeel((s) => s.followPrometheus);
  const cancelImport = usePeel((s) => s.cancelImport);
  const job = usePeel((s) => s.importJob);
  const importError = usePeel((s) => s.importError);
  const [path, setPath] = useState('');
  const [url, setUrl] = useState('http://localhost:9090');
  const [query, setQuery] = useState('flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed');
  const [start, setStart] = useState(() => toDateTimeLocalUtc(Date.now() - 6 * 3600_000));
  const [end, setEnd] = useState(() => toDateTimeLocalUtc(Date.now()));
  const [step, setStep] = useState('15');
  const [authKind, setAuthKind] = useState<AuthKind>('none');
  const [user, setUser] = useState('');
  const [secret, setSecret] = useState('');
  const startMs = fromDateTimeLocalUtc(start);
  const endMs = fromDateTimeLocalUtc(end);
  const stepSec = Number(step);
  const auth =
    authKind === 'basic'
      ? { auth: { kind: 'basic' as const, username: user, password: secret } }
      : authKind === 'bearer' && secret
        ? { auth: { kind: 'bearer' as const, token: secret } }
        : {};
  const rangeOk = startMs !== null && stepSec > 0 && url.trim() !== '' && query.trim() !== '';
  // JSON escaping can grow a text (quotes, backslashes): leave room under the host's request limit.
  const desktop = api().host === 'electron';
  const openMetricsFile = usePeel((s) => s.openMetricsFile);
  const uploadMetricsFile = usePeel((s) => s.uploadMetricsFile);
  const tooBig = (size: number) => size > Math.min(LIMITS.metricsTextChars, LIMITS.requestBytes * 0.7);
  return (
    <section className="real-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Look at real metrics</h3>
      <div className="real-import-forms">
        <fieldset>
          <legend>A file</legend>
          <p className="muted small">
            Grafana CSV (joined or long), Prometheus query_range JSON, a /metrics scrape, or Flink REST
            answers; the format is read from the content.
          </p>
          {desktop ? (
            // The desktop app opens the file in the main process and streams it by path: no size limit, and its
            // bytes never pass through this page.
            <button
              type="button"
              className="button"
              disabled={job !== null}
              onClick={() => void openMetricsFile()}
            >
              Open a metrics file…
            </button>
          ) : (
            <input
              type="file"
              aria-label="Import a metrics file"
              disabled={job !== null}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                // A large file is uploaded as a stream (with progress and cancel), never read into this page.
                if (file && tooBig(file.size)) {
                  void uploadMetricsFile(file);
                  return;
                }
                void readPickedFile(file).then((read) => read && importMetricsText(read.name, read.text));
              }}
            />
          )}
          <label className="field">
            <span>Or a large file's path on this machine (streamed, with progress)</span>
            <input aria-label="Metrics file path" value={path} onChange={(e) => setPath(e.target.value)} />
          </label>
          <button
            type="button"
            className="button"
            disabled={path.trim() === '' || job !== null}
            onClick={() => void importMetricsFile(path.trim())}
          >
            Import from path
          </button>
        </fieldset>
        <fieldset>
          <legend>A live Prometheus</legend>
          <label className="field">
            <span>Prometheus URL</span>
            <input aria-label="Prometheus URL" value={url} onChange={(e) => setUrl(e.target.value)} />
          </label>
          <label className="field">
            <span>PromQL query</span>
            <input aria-label="PromQL query" value={query} onChange={(e) => setQuery(e.target.value)} />
          </label>
          <div className="field-row">
            <UtcTimeField label="From (UTC)" name="Query start" value={start} onChange={setStart} />
            <UtcTimeField label="To (UTC)" name="Query end" value={end} onChange={setEnd} />
            <label className="field">
              <span>Step (s)</span>
              <input aria-label="Query step" value={step} onChange={(e) => setStep(e.target.value)} />
            </label>
          </div>
          <div className="field-row">
            <label className="field">
              <span>Authentication (never recorded)</span>
              <select
                aria-label="Authentication"
                value={authKind}
                onChange={(e) => setAuthKind(e.target.value as AuthKind)}
              >
                <option value="none">none</option>
                <option value="basic">basic</option>
                <option value="bearer">bearer token</option>
              </select>
            </label>
            {authKind === 'basic' && (
              <label className="field">
                <span>User</span>
                <input aria-label="User name" value={user} onChange={(e) => setUser(e.target.value)} />
              </label>
            )}
            {authKind !== 'none' && (
              <label className="field">
                <span>{authKind === 'basic' ? 'Password' : 'Token'}</span>
                <input
                  type="password"
                  aria-label={authKind === 'basic' ? 'Password' : 'Token'}
                  value={secret}
                  onChange={(e) => setSecret(e.target.value)}
                />
              </label>
            )}
          </div>
          <div className="real-buttons">
            <button
              type="button"
              className="button primary"
              disabled={!rangeOk || endMs === null || job !== null}
              onClick={() =>
                void queryPrometheus({
                  url: url.trim(),
                  query,
                  startSec: (startMs ?? 0) / 1000,
                  endSec: (endMs ?? 0) / 1000,
                  stepSec,
                  ...auth,
                })
              }
            >
              Query
            </button>
            <button
              type="button"
              className="button"
              disabled={!rangeOk || job !== null}
              title="Re-query from the start up to now until stopped, while a real experiment runs"
              onClick={() =>
                void followPrometheus({
                  url: url.trim(),
                  query,
                  startSec: (startMs ?? 0) / 1000,
                  stepSec,
                  ...auth,
                })
              }
            >
              Follow
            </button>
          </div>
        </fieldset>
      </div>
      {job && (
        <div className="real-progress" role="status" aria-label="Import in progress">
          <progress max={1} value={job.fraction ?? undefined} />
          <span>
            {job.kind === 'follow' ? 'Following' : 'Importing'}: {job.message}
          </span>
          <button type="button" className="button small" onClick={() => void cancelImport()}>
            {job.kind === 'follow' ? 'Stop and import' : 'Cancel'}
          </button>
        </div>
      )}
      {importError && !job && (
        <p className="error-text" role="alert">
          {importError}
        </p>
      )}
      <ImportList />
    </section>
  );
}
