// The metrics imported into the investigation: where each came from (with its content hash, as recorded) and each
// series by TaskManager with its points, first and last times, and the staircase verdict.
import { usePeel } from '../../state/store';
import { formatUtc } from '../../ui/format-time';

function labelsText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .filter(([k]) => k !== 'tm_id')
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

export function ImportList() {
  const imports = usePeel((s) => s.metricImports);
  if (imports.length === 0) return <p className="muted">Nothing imported yet.</p>;
  return (
    <section className="real-imports" aria-label="Imported metrics">
      {imports.map((imp) => (
        <article key={imp.id} className="real-import" aria-label={`Import #${imp.seq}`}>
          <header>
            <strong>#{imp.seq}</strong> <span className="real-source">{imp.source}</span>{' '}
            <span className="muted small">
              {imp.format}, sha256 <code>{imp.contentSha256.slice(0, 12)}…</code>, {formatUtc(imp.importedAt)}
            </span>
          </header>
          {imp.warnings.length > 0 && (
            <ul className="muted small">
              {imp.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          <table>
            <thead>
              <tr>
                <th scope="col">TaskManager</th>
                <th scope="col">Metric</th>
                <th scope="col">Points</th>
                <th scope="col">From – to (UTC)</th>
                <th scope="col">Verdict</th>
              </tr>
            </thead>
            <tbody>
              {imp.series.map((s) => (
                <tr key={s.position}>
                  <td>{s.taskManager ?? <span className="muted">—</span>}</td>
                  <td>
                    <code>{s.flinkName ?? s.metric}</code>
                    {labelsText(s.labels) && <span className="muted small"> {labelsText(s.labels)}</span>}
                  </td>
                  <td>{s.points.toLocaleString('en')}</td>
                  <td className="small">
                    {s.firstSec !== null && s.lastSec !== null
                      ? `${formatUtc(s.firstSec * 1000)} – ${formatUtc(s.lastSec * 1000)}`
                      : '—'}
                  </td>
                  <td>
                    {s.verdict ? (
                      <span className={`real-verdict ${s.verdict}`} title={s.summary ?? undefined}>
                        {s.verdict}
                      </span>
                    ) : (
                      <span className="muted small">not a memory series</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      ))}
    </section>
  );
}
