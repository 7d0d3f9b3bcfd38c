// The instructor's cohort: trainees' drill bundles imported (each chain verified, as every import is), their
// scorecards side by side, any trainee's trail one click away, and the table as CSV.
import { type ChangeEvent, useEffect } from 'react';
import { usePeel } from '../../state/store';
import { formatUtc } from '../../ui/format-time';
import './training.css';

export function CohortScreen() {
  const rows = usePeel((s) => s.cohort);
  const importing = usePeel((s) => s.cohortImporting);
  const loadCohort = usePeel((s) => s.loadCohort);
  const importBundles = usePeel((s) => s.importCohortBundles);
  const exportCsv = usePeel((s) => s.exportCohortCsv);
  const exportReport = usePeel((s) => s.exportTraineeReport);
  const navigate = usePeel((s) => s.navigate);
  const setView = usePeel((s) => s.setView);
  useEffect(() => {
    void loadCohort();
  }, [loadCohort]);
  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    await importBundles(
      await Promise.all(files.map(async (file) => ({ name: file.name, text: await file.text() }))),
    );
  };
  const lineTitles = rows[0]?.scorecard.lines.map((line) => ({ id: line.id, title: line.title })) ?? [];
  return (
    <main className="drills-screen" aria-labelledby="cohort-title">
      <header className="drills-header">
        <div>
          <h1 id="cohort-title">Cohort</h1>
          <p className="muted">
            Import your trainees' drill bundles: each chain is verified before it is scored, and a score is
            read from the chain, so it cannot be edited.
          </p>
        </div>
        <div className="drills-actions">
          <label className="button primary file-button">
            {importing ? 'Importing…' : 'Import drill bundles…'}
            <input
              type="file"
              accept=".json,application/json"
              multiple
              className="visually-hidden"
              aria-label="Import drill bundles"
              onChange={(event) => void onFiles(event)}
            />
          </label>
          <button
            type="button"
            className="button"
            disabled={rows.length === 0}
            onClick={() => void exportCsv()}
          >
            Export table as CSV
          </button>
          <button type="button" className="button" onClick={() => navigate({ name: 'drills' })}>
            Drills
          </button>
        </div>
      </header>
      {rows.length === 0 ? (
        <p className="card muted">No trainee drill imported yet.</p>
      ) : (
        <div className="card cohort-table-wrap">
          <table className="cohort-table">
            <caption className="visually-hidden">Scorecards of imported trainee drills</caption>
            <thead>
              <tr>
                <th scope="col">Trainee</th>
                <th scope="col">Drill</th>
                <th scope="col">Exported</th>
                <th scope="col">Solved</th>
                <th scope="col">Points</th>
                {lineTitles.map((line) => (
                  <th key={line.id} scope="col">
                    {line.title}
                  </th>
                ))}
                <th scope="col">Trail</th>
                <th scope="col">Report</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const points = new Map(row.scorecard.lines.map((line) => [line.id, line]));
                return (
                  <tr key={row.investigationId}>
                    <th scope="row">{row.trainee}</th>
                    <td>{row.scorecard.title}</td>
                    <td>{formatUtc(row.exportedAt)}</td>
                    <td>{row.scorecard.solved ? 'yes' : 'no'}</td>
                    <td>
                      {row.scorecard.points}/{row.scorecard.max}
                    </td>
                    {lineTitles.map((line) => {
                      const score = points.get(line.id);
                      return (
                        <td key={line.id} title={score?.why}>
                          {score ? `${score.points}/${score.max}` : ''}
                        </td>
                      );
                    })}
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Open ${row.trainee}'s trail`}
                        onClick={() => {
                          navigate({ name: 'investigation', id: row.investigationId });
                          setView('drill');
                        }}
                      >
                        Open
                      </button>
                    </td>
                    <td className="cohort-report">
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Export ${row.trainee}'s scorecard as Markdown`}
                        onClick={() => void exportReport(row.investigationId, 'md')}
                      >
                        Markdown
                      </button>{' '}
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Export ${row.trainee}'s scorecard as HTML`}
                        onClick={() => void exportReport(row.investigationId, 'html')}
                      >
                        HTML
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
