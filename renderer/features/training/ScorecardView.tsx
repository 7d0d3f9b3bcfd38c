// The scorecard, read by the backend from the trail: each line's points, why, and links to the events behind it
// (which open the trail at that event).
import { Fragment, useEffect, useRef, useState } from 'react';
import { describeAuditEvent } from '../../../shared/domain/describe-audit-event';
import { findRule } from '../../../shared/domain/rules';
import { usePeel } from '../../state/store';
import { formatUtc } from '../../ui/format-time';
import { useFocusRequest } from '../../ui/use-focus-request';

export function ScorecardView({ investigationId }: { investigationId?: string }) {
  const card = usePeel((s) => s.scorecard);
  const session = usePeel((s) => s.drillSession);
  const loadScorecard = usePeel((s) => s.loadScorecard);
  const setView = usePeel((s) => s.setView);
  const localEvents = usePeel((s) => s.auditEvents);
  const importedEvents = usePeel((s) => s.importedTrail);
  const imported = usePeel((s) => s.exchange?.imported != null);
  const loadImportedTrail = usePeel((s) => s.loadImportedTrail);
  const [open, setOpen] = useState<string | null>(null);
  const ref = useRef<HTMLElement>(null);
  useFocusRequest('drill-scorecard', ref);
  useEffect(() => {
    if (imported) void loadImportedTrail();
  }, [imported, loadImportedTrail]);
  // An imported drill's events are its own chain's, as received; a local one's are the audit trail.
  const events = new Map((imported ? importedEvents : localEvents).map((event) => [event.seq, event]));
  const id = investigationId ?? session?.investigationId;
  const trailLength = session ? session.hintsTaken.length + session.diagnoses.length + session.spentHours : 0;
  useEffect(() => {
    // Again whenever the session's trail grows (a hint, a diagnosis, a run), so the card follows it.
    if (id && trailLength >= 0) void loadScorecard(id);
  }, [id, trailLength, loadScorecard]);
  if (!card) return null;
  return (
    <section className="card drill-scorecard" aria-labelledby="scorecard-title" ref={ref} tabIndex={-1}>
      <h2 id="scorecard-title" className="card-title">
        Scorecard: {card.points} of {card.max}
        <span className={`status-pill ${card.solved ? 'status-resolved' : 'status-open'}`}>
          {card.solved ? 'solved' : 'not solved yet'}
        </span>
      </h2>
      <table className="scorecard-table">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Rule</th>
            <th scope="col">Points</th>
            <th scope="col">Why</th>
            <th scope="col">Events</th>
          </tr>
        </thead>
        <tbody>
          {card.lines.map((line) => (
            <Fragment key={line.id}>
              <tr>
                <th scope="row">{line.title}</th>
                <td>{findRule(line.ruleId)?.number}</td>
                <td>
                  {line.points}/{line.max}
                </td>
                <td>{line.why}</td>
                <td className="scorecard-events">
                  {line.eventSeqs.length > 0 && (
                    <button
                      type="button"
                      className="link-button"
                      aria-expanded={open === line.id}
                      aria-controls={`score-events-${line.id}`}
                      onClick={() => setOpen(open === line.id ? null : line.id)}
                    >
                      {line.eventSeqs.map((seq) => `#${seq}`).join(' ')}
                    </button>
                  )}
                </td>
              </tr>
              {open === line.id && (
                <tr id={`score-events-${line.id}`} className="scorecard-event-row">
                  <td colSpan={5}>
                    <ul>
                      {line.eventSeqs.map((seq) => {
                        const event = events.get(seq);
                        return (
                          <li key={seq}>
                            <strong>#{seq}</strong>{' '}
                            {event ? (
                              <>
                                <span className="muted small">{formatUtc(event.at)}</span>{' '}
                                {describeAuditEvent(event)}
                              </>
                            ) : (
                              <span className="muted">not loaded</span>
                            )}
                          </li>
                        );
                      })}
                    </ul>
                    <button type="button" className="button small" onClick={() => setView('trail')}>
                      Open the whole trail
                    </button>
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
}
