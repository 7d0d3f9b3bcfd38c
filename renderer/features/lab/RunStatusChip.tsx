// A run in the experiments list: its verdict chip once finished, its progress while running, or how it ended.
// data-status / data-verdict let tests and styles read the state without parsing text.
import type { RunSummary } from '../../../shared/contract/lab-entities';
import { VerdictChip } from '../../charts/VerdictChip';
import { queuedWords } from './queue-words';

export function RunStatusChip({
  run,
  progress,
  queuePosition = null,
}: {
  run: RunSummary;
  progress?: number | undefined;
  /** Its place in line while it waits for a simulation worker. */
  queuePosition?: number | null;
}) {
  const queued = run.status === 'running' && queuePosition !== null;
  return (
    <span
      className="run-status"
      data-status={run.status}
      data-queued={queued ? queuePosition : undefined}
      data-verdict={run.verdict ?? ''}
      data-discarded={run.dataDiscarded ? 'true' : undefined}
      title={run.summary ?? undefined}
    >
      {queued && <span className="verdict-chip verdict-queued">{queuedWords(queuePosition)}</span>}
      {run.status === 'running' && !queued && (
        <span className="verdict-chip verdict-running">
          {progress === undefined ? 'running' : `${Math.round(progress * 100)}%`}
        </span>
      )}
      {(run.status === 'failed' || run.status === 'cancelled') && (
        <span className={`verdict-chip verdict-${run.status}`}>{run.status}</span>
      )}
      {run.status === 'completed' && (
        <>
          <VerdictChip verdict={run.verdict} />
          {(run.ooms ?? 0) > 0 && <span className="ooms"> {run.ooms} OOM</span>}
          {(run.containersKilled ?? 0) > 0 && (
            <span className="ooms"> {run.containersKilled} killed by YARN</span>
          )}
          {run.dataDiscarded && (
            <span
              className="muted small"
              title="Its data was discarded; it is re-derived from its seed when shown."
            >
              {' '}
              · data discarded
            </span>
          )}
        </>
      )}
    </span>
  );
}
