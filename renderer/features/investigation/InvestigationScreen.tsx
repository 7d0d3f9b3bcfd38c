// An open investigation: the nine rules down the middle, a rule index on the left, the audit trail on the right;
// or the lab; or the whole trail as a timeline.
import { RULES } from '../../../shared/domain/rules';
import { usePeel } from '../../state/store';
import { formatUtc } from '../../ui/format-time';
import { Markdown } from '../../ui/Markdown';
import { AuditPanel } from '../audit/AuditPanel';
import { ExchangeBanner } from '../exchange/ExchangeBanner';
import { ExportMenu } from '../exchange/ExportMenu';
import { HypothesesPanel } from '../hypotheses/HypothesesPanel';
import { LabView } from '../lab/LabView';
import { NotesSection } from '../notes/NotesSection';
import { TrailView } from '../trail/TrailView';
import { DrillView } from '../training/DrillView';
import { MakeDrillButton } from '../training/MakeDrillButton';
import { RuleNav } from './RuleNav';
import { RuleSection } from './RuleSection';

export function InvestigationScreen() {
  const detail = usePeel((s) => s.detail);
  const loading = usePeel((s) => s.detailLoading);
  const auditOpen = usePeel((s) => s.auditPanelOpen);
  const view = usePeel((s) => s.view);
  const setView = usePeel((s) => s.setView);
  const imported = usePeel((s) => s.exchange?.imported != null);
  const isDrill = usePeel((s) => s.drillSession?.investigationId === s.detail?.investigation.id);
  if (!detail)
    return (
      <main className="loading">{loading ? 'Opening the investigation…' : 'Investigation not found.'}</main>
    );
  const { investigation } = detail;
  const tabs = (
    <div className="view-tabs" role="tablist" aria-label="Investigation views">
      {isDrill && (
        <button type="button" role="tab" aria-selected={view === 'drill'} onClick={() => setView('drill')}>
          Drill: page, hints, diagnosis
        </button>
      )}
      <button
        type="button"
        role="tab"
        aria-selected={view === 'notebook'}
        onClick={() => setView('notebook')}
      >
        Notebook
      </button>
      <button type="button" role="tab" aria-selected={view === 'lab'} onClick={() => setView('lab')}>
        Lab: make it fail, peel, verify
      </button>
      <button type="button" role="tab" aria-selected={view === 'trail'} onClick={() => setView('trail')}>
        Trail
      </button>
    </div>
  );
  if (view === 'trail') {
    // The timeline is the audit trail at full size: the side panel would only repeat it.
    return (
      <div className="investigation-layout trail-mode">
        <div className="trail-column">
          {tabs}
          <TrailView />
        </div>
      </div>
    );
  }
  if (view === 'drill' && isDrill) {
    return (
      <div className={`investigation-layout lab-mode ${auditOpen ? 'with-audit' : ''}`}>
        <div className="lab-column">
          {tabs}
          <DrillView />
        </div>
        {auditOpen && <AuditPanel />}
      </div>
    );
  }
  if (view === 'lab') {
    return (
      <div className={`investigation-layout lab-mode ${auditOpen ? 'with-audit' : ''}`}>
        <div className="lab-column">
          {tabs}
          <LabView />
        </div>
        {auditOpen && <AuditPanel />}
      </div>
    );
  }
  return (
    <div className={`investigation-layout ${auditOpen ? 'with-audit' : ''}`}>
      <RuleNav />
      <div className="notebook-column">
        {tabs}
        <main className="investigation-main" aria-labelledby="investigation-title">
          <ExchangeBanner />
          <header className="investigation-header card">
            <div className="investigation-header-top">
              <h1 id="investigation-title">{investigation.title}</h1>
              <span className={`status-pill status-${investigation.status}`}>{investigation.status}</span>
              <MakeDrillButton />
              {!imported && <ExportMenu />}
            </div>
            <p className="muted">
              Incident started {formatUtc(investigation.startedAt)} · opened by {investigation.createdBy} on{' '}
              {formatUtc(investigation.createdAt)}
            </p>
            {investigation.summary && (
              <Markdown source={investigation.summary} className="investigation-summary-text" />
            )}
          </header>
          <HypothesesPanel />
          <section className="card" aria-labelledby="investigation-notes-title">
            <h2 id="investigation-notes-title" className="card-title">
              Investigation notes
            </h2>
            <NotesSection ruleId={null} />
          </section>
          {RULES.map((rule) => (
            <RuleSection key={rule.id} rule={rule} />
          ))}
        </main>
      </div>
      {auditOpen && <AuditPanel />}
    </div>
  );
}
