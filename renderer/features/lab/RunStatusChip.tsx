// A run in the experiments list: its verdict chip once finished, its progress while running, or how it ended.
import type { RunSummary } from '../../../shared/contract/lab-entities';
import { VerdictChip } from '../graphs/VerdictChip';

export function RunStatusChip({ run, progress }: { run: RunSummary; progress?: number | undefined }) {
  if (run.status === 'running') {
    return (
      <span className="verdict-chip verdict-running">
        {progress === undefined ? 'running' : `${Math.round(progress * 100)}%`}
      </span>
    );
  }
  if (run.status !== 'completed')
    return <span className={`verdict-chip verdict-${run.status}`}>{run.status}</span>;
  return (
    <span className="run-status" title={run.summary ?? undefined}>
      <VerdictChip verdict={run.verdict} />
      {(run.containersKilled ?? 0) > 0 && <span className="ooms"> {run.containersKilled} killed by YARN</span>}
      {(run.ooms ?? 0) > 0 && <span className="ooms"> {run.ooms} OOM</span>}
    </span>
  );
}
