// Where the investigation stands: the suggested next step, always with its one click (derive, run, preflight, the
// fix with or without, resolve, export), and the
// warnings when the method slips, each tagged with its rule.
import { findRule } from '../../../shared/domain/rules';
import { usePeel } from '../../state/store';
import { useReadOnly } from '../exchange/use-read-only';
import { nextStepLabel, runNextStepAction, runNextStepDerivation } from './lab-commands';

export function NextStepBanner() {
  const lab = usePeel((s) => s.lab);
  const label = usePeel(nextStepLabel);
  const readOnly = useReadOnly();
  const continueImported = usePeel((s) => s.continueImported);
  if (!lab) return null;
  const { nextStep, warnings } = lab;
  const rule = findRule(nextStep.ruleId);
  const onClick = () => {
    const state = usePeel.getState();
    if (nextStep.derive) runNextStepDerivation(state);
    else if (nextStep.action) runNextStepAction(state, nextStep.action);
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
          label && (
            <button type="button" className="button primary" onClick={onClick} title="Shortcut: S">
              {label}
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
