// A run's verdict as a coloured chip: leak red, sawtooth amber, blip blue, flat green (grey while unknown).
import './graphs.css';
import type { Verdict } from '../../shared/contract/lab-entities';

export function VerdictChip({ verdict }: { verdict: Verdict | null }) {
  return (
    <span className={`graph-verdict graph-verdict-${verdict ?? 'none'}`}>{verdict ?? 'no verdict'}</span>
  );
}

/** The chip and the summary in words and numbers, as shown beside each run. */
export function RunVerdict({ verdict, summary }: { verdict: Verdict | null; summary: string | null }) {
  return (
    <span className="graph-run-verdict">
      <VerdictChip verdict={verdict} />
      {summary && <span className="graph-run-summary">{summary}</span>}
    </span>
  );
}
