// One of the nine rules: what it asks, guiding questions, its checklist and its notes.
import { useMemo, useRef } from 'react';
import type { Rule } from '../../../shared/domain/rules';
import { selectChecklist } from '../../state/investigation-selectors';
import { usePeel } from '../../state/store';
import { useFocusRequest } from '../../ui/use-focus-request';
import { useReadOnly } from '../exchange/use-read-only';
import { NotesSection } from '../notes/NotesSection';
import { ChecklistItemRow } from './ChecklistItemRow';
import { ruleProgress, tickedItemIds } from './checklist-progress';

export function RuleSection({ rule }: { rule: Rule }) {
  const checklist = usePeel(selectChecklist);
  const evidence = usePeel((s) => s.lab?.evidence);
  const readOnly = useReadOnly();
  const ticked = useMemo(() => tickedItemIds(checklist), [checklist]);
  const { done, total } = ruleProgress(rule, ticked);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusRequest(`rule:${rule.id}`, headingRef);
  return (
    <section className="card rule-section" id={`rule-${rule.id}`} aria-labelledby={`rule-title-${rule.id}`}>
      <header className="rule-header">
        <span className={`rule-number large ${done === total ? 'complete' : ''}`}>{rule.number}</span>
        <div>
          <h2 id={`rule-title-${rule.id}`} ref={headingRef} tabIndex={-1}>
            {rule.title}
          </h2>
          <p className="muted">{rule.summary}</p>
        </div>
        <span className="rule-count">
          {done}/{total}
        </span>
      </header>
      <details className="prompts">
        <summary>Guiding questions</summary>
        <ul>
          {rule.prompts.map((prompt) => (
            <li key={prompt}>{prompt}</li>
          ))}
        </ul>
      </details>
      <ul className="checklist" aria-label={`${rule.title} checklist`}>
        {rule.checklist.map((item) => (
          <ChecklistItemRow
            key={item.id}
            item={item}
            tick={checklist.find((tick) => tick.itemId === item.id)}
            evidence={evidence?.filter((entry) => entry.itemId === item.id) ?? []}
            readOnly={readOnly}
          />
        ))}
      </ul>
      <NotesSection ruleId={rule.id} />
    </section>
  );
}
