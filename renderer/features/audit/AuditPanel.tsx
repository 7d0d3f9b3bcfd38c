// The open investigation's audit trail, newest first, updated live as changes are written.

import type { AuditKind } from '../../../shared/domain/audit-kinds';
import { categoryOf } from '../../../shared/domain/audit-kinds';
import { describeAuditEvent, ruleLabel } from '../../../shared/domain/describe-audit-event';
import { usePeel } from '../../state/store';
import { formatUtcPrecise } from '../../ui/format-time';
import { VerifyButton, VerifyResultView } from '../trail/VerifyPanel';

export function AuditPanel() {
  const events = usePeel((s) => s.auditEvents);
  const toggle = usePeel((s) => s.toggleAuditPanel);
  return (
    <aside className="audit-panel" aria-labelledby="audit-title">
      <header className="audit-header">
        <h2 id="audit-title">Audit trail</h2>
        <span className="muted small" title="Events of this investigation">
          {events.length === 1 ? '1 event' : `${events.length} events`} here
        </span>
        <VerifyButton />
        <button type="button" className="icon-button" aria-label="Hide audit trail" onClick={toggle}>
          ×
        </button>
      </header>
      <VerifyResultView />
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take keyboard focus so it can be scrolled without a mouse */}
      <ol className="audit-list" aria-label="Audit events, newest first" tabIndex={0}>
        {events.map((event) => {
          const rule = ruleLabel(event.ruleId);
          return (
            <li key={event.seq} className={`audit-event audit-${categoryOf(event.kind as AuditKind)}`}>
              <div className="audit-event-head">
                <span className="audit-seq">#{event.seq}</span>
                <span className="audit-kind">{event.kind}</span>
                <time dateTime={new Date(event.at).toISOString()}>
                  {formatUtcPrecise(event.at).slice(11)}
                </time>
              </div>
              <p className="audit-text">{describeAuditEvent(event)}</p>
              <div className="audit-event-foot">
                <span>{event.actor}</span>
                {rule && <span className="rule-tag">{rule}</span>}
                <span className="audit-hash" title={`SHA-256 ${event.hash}`}>
                  {event.hash.slice(0, 10)}
                </span>
              </div>
            </li>
          );
        })}
      </ol>
    </aside>
  );
}
