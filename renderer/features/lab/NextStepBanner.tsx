// Where the investigation stands: the suggested next step (one click where it is an experiment to derive) and the
// warnings when the method slips, each tagged with its rule.
import { findRule } from '../../../shared/domain/rules';
import { usePeel } from '../../state/store';
import { useReadOnly } from '../exchange/use-read-only';

export function NextStepBanner() {
  const lab = usePeel((s) => s.lab);
  const create = usePeel((s) => s.createExperiment);
  const readOnly = useReadOnly();
  const continueImported = usePeel((s) => s.continueImported);
  if (!lab) return null;
  const { nextStep, warnings } = lab;
  const rule = findRule(nextStep.ruleId);
  const derive = nextStep.derive;
  const parent = derive?.fromExperimentId
    ? lab.experiments.find((e) => e.id === derive.fromExperimentId)
    : null;
  const onDerive = () => {
    if (!derive || !lab.scenarioId) return;
    const params = parent
      ? { ...parent.params, ...derive.changes }
      : { scenario: lab.scenarioId, ...derive.changes };
    void create({ parentId: parent?.id ?? null, params, label: derive.label, runAfter: parent !== null });
  };
  return (
    <div className="next-step-area">
      <section className="next-step" aria-label="Suggested next step">
        <span className="rule-tag">{rule ? `${rule.number}. ${rule.title}` : nextStep.ruleId}</span>
        <div className="next-step-text">
          <strong>{nextStep.title}</strong>
          <span>{nextStep.detail}</span>
          {readOnly && (
            <span className="muted small">
              This investigation was imported and is read-only: continue it in a new branch to take this step.
            </span>
          )}
        </div>
        {readOnly ? (
          <button type="button" className="button primary" onClick={() => void continueImported()}>
            Continue in a new branch
          </button>
        ) : (
          derive && (
            <button type="button" className="button primary" onClick={onDerive}>
              {parent ? `Run: ${derive.label}` : 'Create the baseline'}
            </button>
          )
        )}
      </section>
      {warnings.length > 0 && (
        <ul className="method-warnings" aria-label="Method warnings">
          {warnings.map((warning) => (
            <li key={`${warning.ruleId}-${warning.refs.join()}`}>
              <span className="rule-tag warn">{findRule(warning.ruleId)?.title ?? warning.ruleId}</span>{' '}
              {warning.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
