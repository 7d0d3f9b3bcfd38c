// The rule index: each rule with its checklist progress; a click (or its number key) scrolls to it.
import { useMemo } from 'react';
import { RULES } from '../../../shared/domain/rules';
import { selectChecklist } from '../../state/investigation-selectors';
import { usePeel } from '../../state/store';
import { ruleProgress, tickedItemIds } from './checklist-progress';

export function RuleNav() {
  const checklist = usePeel(selectChecklist);
  const focusRule = usePeel((s) => s.focusRule);
  const ticked = useMemo(() => tickedItemIds(checklist), [checklist]);
  return (
    <nav className="rule-nav" aria-label="The nine rules">
      <ol>
        {RULES.map((rule) => {
          const { done, total } = ruleProgress(rule, ticked);
          return (
            <li key={rule.id}>
              <button type="button" className="rule-nav-item" onClick={() => focusRule(rule.id)}>
                <span className={`rule-number ${done === total ? 'complete' : ''}`}>{rule.number}</span>
                <span className="rule-nav-title">{rule.title}</span>
                <span className="rule-nav-count" title={`${done} of ${total} checklist items done`}>
                  {done}/{total}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
