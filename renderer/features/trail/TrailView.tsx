// The trail of an investigation as a full-height timeline: every audit event newest first, filtered by rule and
// kind, searchable, each a click away from what it changed; the Verify button checks the whole chain.
import { useEffect } from 'react';
import { usePeel } from '../../state/store';
import { ReplayButton, ReplayStatus } from './ReplayPanel';
import { TrailFilters } from './TrailFilters';
import { TrailList } from './TrailList';
import { VerifyButton, VerifyResultView } from './VerifyPanel';
import './trail.css';

function TrailCount() {
  const total = usePeel((s) => s.trailTotal);
  const loading = usePeel((s) => s.trailLoading);
  const filters = usePeel((s) => s.trailFilters);
  const filtered = filters.ruleIds.length > 0 || filters.categories.length > 0 || filters.text.trim() !== '';
  if (total === null) return <span className="muted">{loading ? 'Reading the trail…' : ''}</span>;
  const count = `${total.toLocaleString('en-US')} event${total === 1 ? '' : 's'}`;
  return <span className="muted trail-count">{filtered ? `${count} match` : count}</span>;
}

function NewEvents() {
  const count = usePeel((s) => s.trailNewEvents);
  const refresh = usePeel((s) => s.refreshTrail);
  if (count === 0) return null;
  return (
    <button type="button" className="button trail-new" onClick={() => void refresh()}>
      {count} new event{count === 1 ? '' : 's'} · Show
    </button>
  );
}

export function TrailView() {
  const investigationId = usePeel((s) => s.detail?.investigation.id);
  const title = usePeel((s) => s.detail?.investigation.title);
  const openTrail = usePeel((s) => s.openTrail);
  const total = usePeel((s) => s.trailTotal);
  const loading = usePeel((s) => s.trailLoading);
  // Opening the view reads the trail afresh, so it shows what happened in the notebook and the lab meanwhile.
  useEffect(() => {
    if (investigationId) void openTrail(investigationId);
  }, [investigationId, openTrail]);
  return (
    <section className="trail" aria-labelledby="trail-title">
      <header className="trail-header">
        <div className="trail-title-line">
          <h1 id="trail-title">Trail</h1>
          <span className="trail-subtitle">{title}</span>
          <TrailCount />
          <span className="trail-spacer" />
          <NewEvents />
          <VerifyButton />
          {investigationId && <ReplayButton investigationId={investigationId} />}
        </div>
        <VerifyResultView />
        {investigationId && <ReplayStatus investigationId={investigationId} />}
        <TrailFilters />
      </header>
      {total === 0 && !loading ? (
        <p className="trail-empty">No event matches these filters.</p>
      ) : (
        <TrailList />
      )}
    </section>
  );
}
