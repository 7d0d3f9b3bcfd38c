// The drill list: what a trainee chooses by (title, difficulty, estimated time, the rules it exercises, the budget)
// and "surprise me", which lets Peel pick the drill and the variant.
import { type ChangeEvent, useEffect } from 'react';
import { findRule } from '../../../shared/domain/rules';
import { usePeel } from '../../state/store';
import './training.css';

export function DrillsScreen() {
  const drills = usePeel((s) => s.drills);
  const starting = usePeel((s) => s.drillStarting);
  const loadDrills = usePeel((s) => s.loadDrills);
  const startDrill = usePeel((s) => s.startDrill);
  const navigate = usePeel((s) => s.navigate);
  const startDrillFile = usePeel((s) => s.startDrillFile);
  const newDrillDraft = usePeel((s) => s.newDrillDraft);
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) await startDrillFile(file.name, await file.text());
  };
  useEffect(() => {
    void loadDrills();
  }, [loadDrills]);
  return (
    <main className="drills-screen" aria-labelledby="drills-title">
      <header className="drills-header">
        <div>
          <h1 id="drills-title">Drills</h1>
          <p className="muted">
            A real job fails in the simulator; the cause is hidden and differs every time. Work it with the
            rules: your trail is your score.
          </p>
        </div>
        <div className="drills-actions">
          <button
            type="button"
            className="button primary"
            disabled={starting !== null}
            onClick={() => void startDrill()}
          >
            {starting === 'surprise' ? 'Starting…' : 'Surprise me'}
          </button>
          <label className="button file-button">
            {starting === 'file' ? 'Starting…' : 'Open a drill file…'}
            <input
              type="file"
              accept=".json,application/json"
              className="visually-hidden"
              aria-label="Start a drill from a drill file"
              disabled={starting !== null}
              onChange={(event) => void onFile(event)}
            />
          </label>
          <button type="button" className="button" onClick={() => void newDrillDraft()}>
            Instructor: author a drill
          </button>
          <button type="button" className="button" onClick={() => navigate({ name: 'cohort' })}>
            Instructor: cohort
          </button>
        </div>
      </header>
      <ul className="drill-list" aria-label="Drills">
        {drills.map((drill) => (
          <li key={drill.id} className="card drill-card">
            <div className="drill-card-top">
              <h2 className="card-title">{drill.title}</h2>
              <span className="drill-card-marks">
                {drill.authored && (
                  <span className="drill-authored">
                    {drill.fromInvestigation ? 'from an investigation' : 'authored'}
                  </span>
                )}
                <span className={`difficulty difficulty-${drill.difficulty}`}>{drill.difficulty}</span>
              </span>
            </div>
            <p>{drill.summary}</p>
            <dl className="drill-facts">
              <div>
                <dt>Estimated time</dt>
                <dd>{drill.estimatedMinutes} min</dd>
              </div>
              <div>
                <dt>Budget</dt>
                <dd>{drill.budgetHours} simulated hours</dd>
              </div>
              <div>
                <dt>Rules exercised</dt>
                <dd>
                  {drill.rules
                    .map((id) => findRule(id))
                    .map((rule) => (rule ? `${rule.number}. ${rule.title}` : ''))
                    .join(' · ')}
                </dd>
              </div>
            </dl>
            <button
              type="button"
              className="button"
              disabled={starting !== null}
              aria-label={`Start the drill: ${drill.title}`}
              onClick={() => void startDrill(drill.id)}
            >
              {starting === drill.id ? 'Starting…' : 'Start'}
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}
