// Real incidents beside the simulation: the job's real config, its real metrics, and real experiments logged in
// the same lineage as the simulated ones.
import { useEffect } from 'react';
import { usePeel } from '../../state/store';
import { useReadOnly } from '../exchange/use-read-only';
import { ConfigCheckSection } from './ConfigCheckSection';
import { ImportList } from './ImportList';
import { MetricsImportSection } from './MetricsImportSection';
import { RealExperimentSection } from './RealExperimentSection';
import './imports.css';

export function RealIncidentPanel() {
  const investigationId = usePeel((s) => s.labInvestigationId);
  const realInvestigationId = usePeel((s) => s.realInvestigationId);
  const loadReal = usePeel((s) => s.loadReal);
  const readOnly = useReadOnly();
  useEffect(() => {
    if (investigationId && investigationId !== realInvestigationId) void loadReal(investigationId);
  }, [investigationId, realInvestigationId, loadReal]);
  if (!investigationId) return null;
  // An imported investigation shows what it carried (the imported metrics, as read), with nothing to change.
  if (readOnly) {
    return (
      <details className="card real-panel">
        <summary>
          <h2 className="card-title">The real incident: imported metrics (read-only)</h2>
        </summary>
        <section className="real-section">
          <ImportList />
        </section>
      </details>
    );
  }
  return (
    <details className="card real-panel">
      <summary>
        <h2 className="card-title">The real incident: config, metrics, real experiments</h2>
      </summary>
      <ConfigCheckSection />
      <MetricsImportSection />
      <RealExperimentSection />
    </details>
  );
}
