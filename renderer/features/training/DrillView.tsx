// The drill page of a drill investigation: the page as on-call gets it (alert, the JVM's OOM stack trace, the
// dashboard of the first hours with the lab's own charts), the clock and the simulated-hours budget as spent,
// hints in order of strength (each recorded with its cost), the diagnosis form, and the scorecard once solved.
// The experiments themselves are the lab's: a drill is an ordinary investigation.
import { useEffect, useMemo, useRef, useState } from 'react';
import { findRule } from '../../../shared/domain/rules';
import type { PeelState } from '../../state/peel-state';
import { usePeel } from '../../state/store';
import { formatUtc } from '../../ui/format-time';
import { RunPanel } from '../lab/RunPanel';
import { DiagnosisForm } from './DiagnosisForm';
import { ScorecardView } from './ScorecardView';
import './training.css';

/** One string of every run's status: it changes when a run starts or ends. */
function runStatuses(state: PeelState): string | undefined {
  return state.lab?.experiments.flatMap((e) => e.runs.map((r) => r.status)).join();
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

function elapsed(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

function DrillClock() {
  const session = usePeel((s) => s.drillSession)!;
  const now = useNow(15_000);
  const fraction = Math.min(1, session.spentHours / session.budgetHours);
  // The clock stops at the right diagnosis (what the scorecard's time to diagnosis reads).
  const diagnosedAt = session.diagnoses.find((d) => d.correct)?.at;
  return (
    <section className="card drill-clock" aria-label="Clock and budget">
      <div>
        <span className="muted small">{diagnosedAt ? 'Time to diagnosis' : 'On the clock'}</span>
        <strong>{elapsed((diagnosedAt ?? now) - session.startedAt)}</strong>
        <span className="muted small">of about {session.view.drill.estimatedMinutes} min</span>
      </div>
      <div className="drill-budget">
        <label htmlFor="drill-budget" className="muted small">
          Simulated hours spent: {session.spentHours.toLocaleString('en-US')} of {session.budgetHours}
        </label>
        <progress id="drill-budget" max={1} value={fraction} />
      </div>
      <div>
        <span className="muted small">Status</span>
        <strong>{session.solved ? 'Solved' : session.diagnosed ? 'Diagnosed: prove the fix' : 'Open'}</strong>
      </div>
    </section>
  );
}

function DrillPage() {
  const session = usePeel((s) => s.drillSession)!;
  const lab = usePeel((s) => s.lab);
  const loadRunSeries = usePeel((s) => s.loadRunSeries);
  const loadHeatmap = usePeel((s) => s.loadHeatmap);
  const { page } = session.view;
  const run = useMemo(
    () => lab?.experiments.flatMap((e) => e.runs).find((r) => r.id === session.dashboardRunId) ?? null,
    [lab, session.dashboardRunId],
  );
  const completedRunId = run?.status === 'completed' ? run.id : null;
  useEffect(() => {
    if (!completedRunId) return;
    // The graph first: the run's detail (up to megabytes of events) and the heat map follow its series by
    // themselves (run-results-slice.ts), so neither holds the backend while the graph waits.
    // The start asked for them already (training-slice.ts): loadRunSeries does not fetch them twice.
    void loadRunSeries(completedRunId);
    void loadHeatmap(completedRunId);
  }, [completedRunId, loadRunSeries, loadHeatmap]);
  return (
    <section className="card drill-page" aria-labelledby="drill-page-title">
      <h2 id="drill-page-title" className="card-title">
        The page
      </h2>
      <p className="drill-alert" role="note">
        {page.alert}
      </p>
      {/* The alert, then the dashboard, then the logs: what an on-call engineer opens in that order, and the graph
          stays on the first screen however long the variant's stack trace is. */}
      <h3>Dashboard: the first {page.dashboard.hours} hours</h3>
      {run ? <RunPanel run={run} dashboard /> : <p className="muted">Loading the dashboard…</p>}
      {(page.stackTrace || page.diagnostics.length > 0) && <h3>The logs</h3>}
      {page.stackTrace && (
        <figure className="drill-trace">
          <figcaption className="muted small">From the TaskManager log</figcaption>
          <pre>{page.stackTrace}</pre>
        </figure>
      )}
      {page.diagnostics.length > 0 && (
        <ul className="drill-diagnostics" aria-label="Other lines in the logs">
          {page.diagnostics.map((line) => (
            <li key={line}>
              <code>{line}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DrillHints() {
  const session = usePeel((s) => s.drillSession)!;
  const takeHint = usePeel((s) => s.takeHint);
  const taken = new Map(session.hintsTaken.map((hint) => [hint.hintId, hint]));
  return (
    <section className="card drill-hints" aria-labelledby="drill-hints-title">
      <h2 id="drill-hints-title" className="card-title">
        Hints
      </h2>
      <p className="muted small">Weakest first. Each is recorded in your trail and costs points.</p>
      <ol>
        {session.view.hints.map((hint) => {
          const got = taken.get(hint.id);
          const rule = findRule(hint.ruleId);
          return (
            <li key={hint.id} className={got ? 'hint taken' : 'hint'}>
              <div className="hint-top">
                <span>
                  <strong>{hint.title}</strong>{' '}
                  <span className="muted small">
                    rule {rule?.number} · costs {hint.cost}
                  </span>
                  {hint.done && !got && (
                    <span className="muted small hint-done"> · already in your trail: {hint.done}</span>
                  )}
                </span>
                {!got && (
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Take the hint: ${hint.title} (costs ${hint.cost})`}
                    onClick={() => void takeHint(hint.id)}
                  >
                    Take hint
                  </button>
                )}
              </div>
              {got && (
                <p className="hint-text">
                  {got.text} <span className="muted small">(taken {formatUtc(got.at)})</span>
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function DrillView() {
  const session = usePeel((s) => s.drillSession);
  const investigationId = usePeel((s) => s.detail?.investigation.id);
  const labVersion = usePeel(runStatuses);
  const loadDrillSession = usePeel((s) => s.loadDrillSession);
  // Runs end in the lab: fetch the session again so the budget and status follow the trail. The first lab state
  // of an investigation is not a change: opening it loaded the session already.
  const seenLab = useRef<{ id: string | undefined; version: string | undefined }>({
    id: undefined,
    version: undefined,
  });
  useEffect(() => {
    // labVersion changes when a run starts or ends (undefined until the lab is loaded, which opening does).
    const seen = seenLab.current;
    seenLab.current = { id: investigationId, version: labVersion };
    if (!investigationId || labVersion === undefined) return;
    if (seen.id === investigationId && seen.version === undefined) return;
    if (seen.id === investigationId && seen.version === labVersion) return;
    void loadDrillSession(investigationId);
  }, [investigationId, labVersion, loadDrillSession]);
  if (!session || session.investigationId !== investigationId)
    return <p className="muted">This investigation is not a drill.</p>;
  return (
    <div className="drill-view">
      <DrillClock />
      <DrillPage />
      <div className="drill-columns">
        <DrillHints />
        <DiagnosisForm />
      </div>
      <ScorecardView />
    </div>
  );
}
