// Deriving an experiment from the selected one: peel layers or operators, run the control job, change the failure
// schedule, pause the sink, spike payloads, apply fixes, bind a hypothesis. The diff to the parent is shown live;
// more than one change is allowed only after an explicit confirmation (rule 5).
import { useMemo, useState } from 'react';
import type { Experiment, ExperimentParams } from '../../../shared/contract/lab-entities';
import { diffExperimentParams } from '../../../shared/domain/lab/experiment-diff';
import { MAX_HOURS } from '../../../shared/sim/engine/param-limits';
import { selectHypotheses } from '../../state/investigation-selectors';
import { usePeel } from '../../state/store';
import { Dialog } from '../../ui/Dialog';
import { scheduleOf, shutdownsFrom, toggleRemoved } from './derive-params';

export function DeriveDialog({ parent, onClose }: { parent: Experiment; onClose: () => void }) {
  const scenario = usePeel((s) => s.scenarios.find((candidate) => candidate.id === parent.params.scenario));
  const hypotheses = usePeel(selectHypotheses);
  const create = usePeel((s) => s.createExperiment);
  const [params, setParams] = useState<ExperimentParams>(parent.params);
  const [schedule, setSchedule] = useState(() => scheduleOf(parent.params));
  const [hypothesisId, setHypothesisId] = useState<string>('');
  const update = (patch: Partial<ExperimentParams>) => setParams((current) => ({ ...current, ...patch }));
  const effective = useMemo(
    () =>
      ({
        ...params,
        failContainers:
          JSON.stringify(schedule) === JSON.stringify(scheduleOf(parent.params)) &&
          params.hours === parent.params.hours
            ? params.failContainers
            : shutdownsFrom(schedule, params.hours),
      }) satisfies ExperimentParams,
    [params, schedule, parent.params],
  );
  const diff = useMemo(() => diffExperimentParams(parent.params, effective), [parent.params, effective]);
  const operatorsByLayer = useMemo(() => {
    const map: Record<string, string[]> = {};
    for (const op of scenario?.operators ?? []) map[op.layer] = [...(map[op.layer] ?? []), op.id];
    return map;
  }, [scenario]);
  const isRemoved = (id: string, layer: string) =>
    params.removed.includes(id) || params.removed.includes(layer);
  const pause = params.pauseSink[0];
  const spike = params.payloadSpikes[0];
  const submit = (runAfter: boolean) => {
    void create({
      parentId: parent.id,
      params: effective,
      hypothesisId: hypothesisId || null,
      runAfter,
    }).then((created) => {
      if (created) onClose();
    });
  };
  return (
    <Dialog title={`Derive from experiment #${parent.seq}`} onClose={onClose} className="derive-dialog">
      <header className="dialog-header">
        <h2>
          Derive from #{parent.seq}: {parent.label}
        </h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="derive-body">
        <fieldset>
          <legend>Peel (divide and conquer)</legend>
          <label className="inline-check">
            <input
              type="checkbox"
              checked={params.control}
              onChange={(e) => update({ control: e.target.checked })}
            />
            Run the control job instead (trivial source → sink on the same platform settings)
          </label>
          <div className="peel-grid" aria-disabled={params.control}>
            {scenario?.layers.map((layer) => (
              <div key={layer} className="peel-layer">
                <label className="inline-check layer-check">
                  <input
                    type="checkbox"
                    disabled={params.control}
                    checked={params.removed.includes(layer)}
                    onChange={() =>
                      update({ removed: toggleRemoved(params.removed, layer, operatorsByLayer) })
                    }
                  />
                  Remove {layer.replace('layer', 'layer ')}
                </label>
                {(operatorsByLayer[layer] ?? []).map((op) => (
                  <label key={op} className="inline-check op-check">
                    <input
                      type="checkbox"
                      disabled={params.control || params.removed.includes(layer)}
                      checked={isRemoved(op, layer)}
                      onChange={() =>
                        update({ removed: toggleRemoved(params.removed, op, operatorsByLayer) })
                      }
                    />
                    <code>{op}</code>
                  </label>
                ))}
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Make it fail</legend>
          <div className="field-row">
            <label className="field">
              <span>Shut containers down every (min, 0 = never)</span>
              <input
                type="number"
                min={0}
                value={schedule?.everyMin ?? 0}
                onChange={(e) => {
                  const everyMin = Number(e.target.value);
                  setSchedule(
                    everyMin > 0
                      ? { everyMin, firstMin: schedule?.firstMin ?? everyMin, count: schedule?.count ?? 1 }
                      : null,
                  );
                }}
              />
            </label>
            <label className="field">
              <span>Containers each time</span>
              <input
                type="number"
                min={1}
                max={params.parallelism}
                disabled={!schedule}
                value={schedule?.count ?? 1}
                onChange={(e) =>
                  schedule && setSchedule({ ...schedule, count: Math.max(1, Number(e.target.value)) })
                }
              />
            </label>
            <label className="field">
              <span>Hours</span>
              <input
                type="number"
                min={0.5}
                max={MAX_HOURS}
                step={0.5}
                value={params.hours}
                onChange={(e) => update({ hours: Number(e.target.value) })}
              />
            </label>
          </div>
          <div className="field-row">
            <label className="field">
              <span>Pause the sink from (min)</span>
              <input
                type="number"
                min={0}
                value={pause ? pause.fromSec / 60 : ''}
                placeholder="never"
                onChange={(e) => {
                  const from = Number(e.target.value) * 60;
                  update({
                    pauseSink:
                      e.target.value === ''
                        ? []
                        : [
                            {
                              fromSec: from,
                              toSec: Math.max(from + 60, pause?.toSec ?? from + 600),
                              slowdown: 0,
                            },
                          ],
                  });
                }}
              />
            </label>
            <label className="field">
              <span>to (min)</span>
              <input
                type="number"
                min={0}
                disabled={!pause}
                value={pause ? pause.toSec / 60 : ''}
                onChange={(e) =>
                  pause && update({ pauseSink: [{ ...pause, toSec: Number(e.target.value) * 60 }] })
                }
              />
            </label>
            <label className="field">
              <span>RPC payload ×factor (1 = normal)</span>
              <input
                type="number"
                min={1}
                max={100}
                value={spike?.factor ?? 1}
                onChange={(e) => {
                  const factor = Number(e.target.value);
                  update({
                    payloadSpikes:
                      factor > 1
                        ? [{ fromSec: spike?.fromSec ?? 3600, toSec: spike?.toSec ?? 5400, factor }]
                        : [],
                  });
                }}
              />
            </label>
          </div>
          <div className="field-row">
            <label className="field">
              <span>Parallelism</span>
              <input
                type="number"
                min={1}
                max={64}
                value={params.parallelism}
                onChange={(e) => update({ parallelism: Number(e.target.value) })}
              />
            </label>
            <label className="field">
              <span>Seed</span>
              <input
                type="number"
                min={0}
                value={params.seed}
                onChange={(e) => update({ seed: Number(e.target.value) })}
              />
            </label>
          </div>
        </fieldset>
        {scenario && scenario.fixes.length > 0 && (
          <fieldset>
            <legend>Fixes</legend>
            {scenario.fixes.map((fix) => (
              <label key={fix.id} className="inline-check">
                <input
                  type="checkbox"
                  checked={params.fixes.includes(fix.id)}
                  onChange={(e) =>
                    update({
                      fixes: e.target.checked
                        ? [...params.fixes, fix.id]
                        : params.fixes.filter((f) => f !== fix.id),
                    })
                  }
                />
                <code>{fix.id}</code> {fix.description}
              </label>
            ))}
          </fieldset>
        )}
        <label className="field">
          <span>Hypothesis this experiment tests (its run decides it)</span>
          <select value={hypothesisId} onChange={(e) => setHypothesisId(e.target.value)}>
            <option value="">none</option>
            {hypotheses
              .filter((h) => h.status === 'open' || h.decidedAutomatically)
              .map((h) => (
                <option key={h.id} value={h.id}>
                  {h.statement}
                  {h.predicts ? ` (predicts ${h.predicts})` : ' (no predicted effect)'}
                </option>
              ))}
          </select>
        </label>
        <div className={`diff-preview ${diff.length > 1 ? 'too-many' : ''}`} aria-live="polite">
          <strong>Changes from #{parent.seq}:</strong>{' '}
          {diff.length === 0
            ? 'none yet'
            : diff.map((change) => (
                <span key={change.dimension} className="diff-chip">
                  {change.description}
                </span>
              ))}
          {diff.length > 1 && (
            <p className="warn-text">More than one change: the result will not say which one mattered.</p>
          )}
        </div>
      </div>
      <footer className="dialog-footer">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button" disabled={diff.length === 0} onClick={() => submit(false)}>
          Create
        </button>
        <button
          type="button"
          className="button primary"
          disabled={diff.length === 0}
          onClick={() => submit(true)}
        >
          Create and run
        </button>
      </footer>
    </Dialog>
  );
}
