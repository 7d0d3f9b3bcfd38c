// "Understand the system": the selected experiment's job as a diagram (what is peeled, and the coverage map of
// what the runs so far say about each operator), where its subtasks sit, and the TaskManager memory model with
// the keys behind each part; editing a memory key previews the new breakdown before anything runs.
import { useEffect, useState } from 'react';
import type { Experiment } from '../../../shared/contract/lab-entities';
import { usePeel } from '../../state/store';
import { MemoryConfigEditor } from '../memory-model/MemoryConfigEditor';
import { MemoryModelBar } from '../memory-model/MemoryModelBar';
import { SlotPlacement } from '../topology/SlotPlacement';
import { TopologyDiagram } from '../topology/TopologyDiagram';

export function SystemPanel({ experiment }: { experiment: Experiment | null }) {
  const lab = usePeel((s) => s.lab);
  const scenarioId = lab?.scenarioId ?? null;
  const scenario = usePeel((s) => s.scenarios.find((c) => c.id === scenarioId));
  const plan = usePeel((s) =>
    experiment ? s.plans[experiment.id] : scenarioId ? s.plans[`scenario:${scenarioId}`] : undefined,
  );
  const fullPlan = usePeel((s) => (scenarioId ? s.plans[`scenario:${scenarioId}`] : undefined));
  const loadPlan = usePeel((s) => s.loadPlan);
  const loadScenarioPlan = usePeel((s) => s.loadScenarioPlan);
  const preview = usePeel((s) => s.memoryPreview);
  const previewMemory = usePeel((s) => s.previewMemory);
  const applyConfig = usePeel((s) => s.applyConfig);
  const [selectedOperator, setSelectedOperator] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [open, setOpen] = useState(true);
  useEffect(() => {
    if (scenarioId) void loadScenarioPlan(scenarioId);
    if (experiment) void loadPlan(experiment.id);
  }, [scenarioId, experiment, loadPlan, loadScenarioPlan]);
  if (!lab || !scenario || !plan) return null;
  return (
    <section className="card system-panel" aria-labelledby="system-title">
      <header className="run-header">
        <h2 id="system-title" className="card-title">
          The system: {scenario.title}
          <span className="muted small">
            {experiment ? `as experiment #${experiment.seq} runs it` : 'the full job'}
          </span>
        </h2>
        <button
          type="button"
          className="button small"
          aria-expanded={open}
          onClick={() => setOpen((value) => !value)}
        >
          {open ? 'Hide' : 'Show'}
        </button>
      </header>
      {open && (
        <div className="system-grid">
          <p className="muted small">{scenario.description}</p>
          <TopologyDiagram
            plan={plan}
            scenarioOperators={fullPlan?.operators ?? scenario.operators}
            scenarioEdges={fullPlan?.edges}
            coverage={lab.coverage}
            selectedOperator={selectedOperator}
            onSelectOperator={(id) => setSelectedOperator((current) => (current === id ? null : id))}
          />
          <SlotPlacement plan={plan} selectedOperator={selectedOperator} />
          <MemoryModelBar
            memory={plan.memory}
            containerLimitBytes={plan.containerLimitBytes}
            sources="closed"
          />
          <div>
            <button
              type="button"
              className="button small"
              aria-expanded={editing}
              onClick={() => setEditing((value) => !value)}
            >
              {editing ? 'Close the memory editor' : 'Edit memory settings…'}
            </button>
          </div>
          {editing && (
            <MemoryConfigEditor
              config={plan.config}
              memory={plan.memory}
              containerLimitBytes={plan.containerLimitBytes}
              overrides={lab.configOverrides}
              preview={preview}
              onChange={(overrides) => void previewMemory(overrides)}
              onApply={(overrides) => void applyConfig(overrides).then((ok) => ok && setEditing(false))}
              applyLabel="Use for new baselines"
            />
          )}
        </div>
      )}
    </section>
  );
}
