// One investigation in the list: title, status, when, and how far along the checklist it is.
import type { InvestigationSummary } from '../../../shared/contract/entities';
import { usePeel } from '../../state/store';
import { formatRelative, formatUtc } from '../../ui/format-time';
import '../exchange/exchange.css';

export function InvestigationRow({ investigation }: { investigation: InvestigationSummary }) {
  const navigate = usePeel((s) => s.navigate);
  const mark = usePeel((s) => s.exchangeMarks[investigation.id]);
  const progress = investigation.checklistDone / Math.max(1, investigation.checklistTotal);
  return (
    <li>
      <button
        type="button"
        className="investigation-row"
        onClick={() => navigate({ name: 'investigation', id: investigation.id })}
      >
        <div className="investigation-row-main">
          <span className="investigation-title">{investigation.title}</span>
          <span className={`status-pill status-${investigation.status}`}>{investigation.status}</span>
          {mark && <span className={`investigation-tag ${mark.kind}`}>{mark.label}</span>}
          {investigation.summary && <span className="investigation-summary">{investigation.summary}</span>}
        </div>
        <div className="investigation-row-meta">
          <span title={`Incident started ${formatUtc(investigation.startedAt)}`}>
            started {formatUtc(investigation.startedAt)}
          </span>
          <span className="muted" title={formatUtc(investigation.updatedAt)}>
            updated {formatRelative(investigation.updatedAt, Date.now())}
          </span>
          <span className="progress" title="checklist items done">
            <span className="progress-bar">
              <span className="progress-fill" style={{ width: `${Math.round(progress * 100)}%` }} />
            </span>
            {investigation.checklistDone}/{investigation.checklistTotal}
          </span>
          <span>{investigation.openHypotheses} open hypotheses</span>
          <span className="muted">
            {investigation.eventCount} {investigation.eventCount === 1 ? 'event' : 'events'}
          </span>
        </div>
      </button>
    </li>
  );
}
