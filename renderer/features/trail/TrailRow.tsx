// One event of the timeline: seq, UTC time to the millisecond, actor, kind, rule, what happened, the hash prefix;
// a way to the thing it changed; and a person's description of it, marked "edited" once corrected, with history.
import { memo, useState } from 'react';
import type { TrailEvent } from '../../../shared/contract/trail-entities';
import { type AuditKind, categoryOf } from '../../../shared/domain/audit-kinds';
import { describeAuditEvent, ruleLabel } from '../../../shared/domain/describe-audit-event';
import { jumpTarget } from '../../../shared/domain/trail-jump';
import { usePeel } from '../../state/store';
import { formatUtc, formatUtcPrecise } from '../../ui/format-time';
import { useReadOnly } from '../exchange/use-read-only';
import { DescriptionEditor } from './DescriptionEditor';

/** Kinds unknown to this Peel (an import from a newer one) still show, uncoloured. */
const categoryClass = (kind: string): string => `trail-cat-${categoryOf(kind as AuditKind) ?? 'other'}`;

export const TrailRow = memo(function TrailRow({ event }: { event: TrailEvent }) {
  const jump = usePeel((s) => s.jumpToEvent);
  const saveDescription = usePeel((s) => s.describeEvent);
  const readOnly = useReadOnly();
  const [editing, setEditing] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const target = jumpTarget(event);
  const rule = ruleLabel(event.ruleId);
  const description = event.description;
  return (
    <article
      className={`trail-row ${categoryClass(event.kind)}`}
      aria-label={`Event ${event.seq}: ${event.kind}`}
    >
      <div className="trail-row-head">
        <span className="trail-seq">#{event.seq}</span>
        <time className="trail-time" dateTime={new Date(event.at).toISOString()}>
          {formatUtcPrecise(event.at)}
        </time>
        <span className="trail-actor">{event.actor}</span>
        <span className="trail-kind">{event.kind}</span>
        {rule && <span className="rule-tag trail-rule">{rule}</span>}
        <span className="trail-spacer" />
        <code className="trail-hash" title={`SHA-256 ${event.hash}`}>
          {event.hash.slice(0, 12)}
        </code>
      </div>
      <div className="trail-row-body">
        <p className="trail-text">{describeAuditEvent(event)}</p>
        <div className="trail-actions">
          {target && (
            <button type="button" className="link-button" onClick={() => jump(event)}>
              {target.label}
            </button>
          )}
          {!readOnly && (
            <button
              type="button"
              className="link-button"
              aria-label={`${description ? 'Correct the description of' : 'Describe'} event ${event.seq}`}
              onClick={() => setEditing(true)}
            >
              {description ? 'Correct description' : 'Describe'}
            </button>
          )}
        </div>
      </div>
      {description && !editing && (
        <div className="trail-description">
          <p className="trail-description-text">{description.body}</p>
          <span className="muted small">
            {description.updatedBy} · {formatUtc(description.updatedAt)}
          </span>
          {description.edited && (
            <button
              type="button"
              className="edited-mark"
              aria-expanded={showHistory}
              onClick={() => setShowHistory((shown) => !shown)}
              title={`Corrected ${description.history.length - 1} time${description.history.length > 2 ? 's' : ''}`}
            >
              edited · {description.history.length} versions
            </button>
          )}
        </div>
      )}
      {description && showHistory && !editing && (
        <ol className="trail-history" aria-label={`Earlier descriptions of event ${event.seq}`}>
          {description.history.map((entry, index) => (
            <li key={entry.id}>
              <span className="muted small">
                Version {index + 1} · {entry.createdBy} · {formatUtc(entry.createdAt)}
              </span>
              <p>{entry.body}</p>
            </li>
          ))}
        </ol>
      )}
      {editing && (
        <DescriptionEditor
          initial={description?.body ?? ''}
          label={`Description of event ${event.seq}`}
          onSave={(body) => saveDescription(event.id, body)}
          onCancel={() => setEditing(false)}
        />
      )}
    </article>
  );
});
