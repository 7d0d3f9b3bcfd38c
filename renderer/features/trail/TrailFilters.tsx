// The timeline's filters: text search (run on the backend, over kinds, payload text and descriptions), one rule,
// and any kind categories.
import { useEffect, useState } from 'react';
import { AUDIT_CATEGORIES, type AuditCategory } from '../../../shared/domain/audit-kinds';
import { RULES, type RuleId } from '../../../shared/domain/rules';
import { usePeel } from '../../state/store';

/** Searching at every keystroke would query 100,000 events per letter; wait for a pause in typing. */
const SEARCH_PAUSE_MS = 250;

const CATEGORY_LABELS: Record<AuditCategory, string> = {
  investigation: 'Investigation',
  checklist: 'Checklist',
  note: 'Notes',
  hypothesis: 'Hypotheses',
  experiment: 'Experiments',
  run: 'Runs',
  verdict: 'Verdicts',
  comparison: 'Comparisons',
  fix: 'Fixes',
  resolution: 'Resolution',
  export: 'Exports',
  training: 'Drill',
};

export function TrailFilters() {
  const filters = usePeel((s) => s.trailFilters);
  const setFilters = usePeel((s) => s.setTrailFilters);
  const [text, setText] = useState(filters.text);

  useEffect(() => setText(filters.text), [filters.text]);
  useEffect(() => {
    if (text === filters.text) return;
    const timer = setTimeout(() => void setFilters({ text }), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, filters.text, setFilters]);

  const toggleCategory = (category: AuditCategory) =>
    void setFilters({
      categories: filters.categories.includes(category)
        ? filters.categories.filter((each) => each !== category)
        : [...filters.categories, category],
    });
  const filtered = filters.ruleIds.length > 0 || filters.categories.length > 0 || filters.text.trim() !== '';

  return (
    <div className="trail-filters">
      <input
        type="search"
        className="trail-search"
        aria-label="Search the trail"
        placeholder="Search notes, kinds, descriptions, hashes…"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') void setFilters({ text });
        }}
      />
      <select
        aria-label="Rule"
        className="trail-rule-select"
        value={filters.ruleIds[0] ?? ''}
        onChange={(event) =>
          void setFilters({ ruleIds: event.target.value ? [event.target.value as RuleId] : [] })
        }
      >
        <option value="">All rules</option>
        {RULES.map((rule) => (
          <option key={rule.id} value={rule.id}>
            {rule.number}. {rule.title}
          </option>
        ))}
      </select>
      <fieldset className="trail-categories">
        <legend className="trail-visually-hidden">Kinds of event</legend>
        {AUDIT_CATEGORIES.map((category) => (
          <button
            key={category}
            type="button"
            className={`trail-chip trail-cat-${category}`}
            aria-pressed={filters.categories.includes(category)}
            onClick={() => toggleCategory(category)}
          >
            {CATEGORY_LABELS[category]}
          </button>
        ))}
      </fieldset>
      {filtered && (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setText('');
            void setFilters({ ruleIds: [], categories: [], text: '' });
          }}
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
