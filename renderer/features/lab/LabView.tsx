// The lab of an investigation: the next step, the experiments tree on the left, and for the selected experiment
// the system (topology, memory), the experiment, its run's results, comparisons, the sweep and the fix proof.
import { useEffect } from 'react';
import { usePeel } from '../../state/store';
import { useReadOnly } from '../exchange/use-read-only';
import { RealIncidentPanel } from '../imports/RealIncidentPanel';
import { ComparePanel } from './ComparePanel';
import { ExperimentList } from './ExperimentList';
import { ExperimentPanel } from './ExperimentPanel';
import { LabCapacityBar } from './LabCapacityBar';
import { MultiChangeDialog } from './MultiChangeDialog';
import { NextStepBanner } from './NextStepBanner';
import { ProofPanel } from './ProofPanel';
import { RunPanel } from './RunPanel';
import { ScenarioPicker } from './ScenarioPicker';
import { SweepPanel } from './SweepPanel';
import { SystemPanel } from './SystemPanel';
import './lab.css';

export function LabView() {
  const investigationId = usePeel((s) => s.detail?.investigation.id);
  const lab = usePeel((s) => s.lab);
  const labInvestigationId = usePeel((s) => s.labInvestigationId);
  const loadLab = usePeel((s) => s.loadLab);
  const selectedExperimentId = usePeel((s) => s.selectedExperimentId);
  const selectedRunId = usePeel((s) => s.selectedRunId);
  const comparison = usePeel((s) => s.comparison);
  const finishedRun = usePeel((s) => (selectedRunId ? s.finishedRuns[selectedRunId] : undefined));
  const loadCapacity = usePeel((s) => s.loadCapacity);
  const readOnly = useReadOnly();
  useEffect(() => {
    if (investigationId && labInvestigationId !== investigationId) void loadLab(investigationId);
  }, [investigationId, labInvestigationId, loadLab]);
  // The disk figure and the run-size estimate follow the lab: every stored run refreshes it.
  useEffect(() => {
    if (investigationId && lab && labInvestigationId === investigationId)
      void loadCapacity(investigationId, selectedExperimentId);
  }, [investigationId, labInvestigationId, lab, selectedExperimentId, loadCapacity]);
  if (!lab || labInvestigationId !== investigationId) return <div className="loading">Opening the lab…</div>;
  if (!lab.scenarioId) {
    return (
      <div className="lab-single">
        <NextStepBanner />
        {readOnly ? (
          <p className="muted">No scenario was picked in this investigation before it was exported.</p>
        ) : (
          <ScenarioPicker />
        )}
      </div>
    );
  }
  const experiment = lab.experiments.find((e) => e.id === selectedExperimentId) ?? null;
  const listedRun = lab.experiments.flatMap((e) => e.runs).find((r) => r.id === selectedRunId) ?? null;
  // The news that the selected run finished (sent after it was stored) shows its result before the lab state does.
  const run =
    listedRun && !(listedRun.status === 'running' && finishedRun) ? listedRun : (finishedRun ?? null);
  return (
    <div className="lab-layout">
      <ExperimentList />
      <div className="lab-main">
        <LabCapacityBar investigationId={labInvestigationId} />
        <NextStepBanner />
        {comparison && <ComparePanel />}
        <SystemPanel experiment={experiment} />
        <RealIncidentPanel />
        {experiment && <ExperimentPanel experiment={experiment} />}
        {run && <RunPanel run={run} />}
        <SweepPanel />
        {lab.experiments.some((e) => e.params.fixes.length > 0) && <ProofPanel />}
      </div>
      <MultiChangeDialog />
    </div>
  );
}
