// The lab's header line on load: what this investigation keeps on disk, and the simulation workers' queue (how many
// run, how many wait, the bound beyond which a run is refused).
import { formatBytes } from '../../../shared/sim/analysis/format-bytes';
import { usePeel } from '../../state/store';

export function LabCapacityBar({ investigationId }: { investigationId: string }) {
  const diskUse = usePeel((s) => (s.diskUse?.investigationId === investigationId ? s.diskUse.disk : null));
  const queue = usePeel((s) => s.runQueue);
  if (!diskUse && !queue) return null;
  const waitingHere = queue?.waiting.filter((entry) => entry.investigationId === investigationId).length ?? 0;
  return (
    <p className="lab-capacity muted small" role="status" aria-label="Disk and run queue">
      {diskUse && (
        <span className="disk-use" data-bytes={diskUse.bytes}>
          {formatBytes(diskUse.bytes)} on disk, {diskUse.runs} {diskUse.runs === 1 ? 'run' : 'runs'}
        </span>
      )}
      {queue && (queue.running.length > 0 || queue.waiting.length > 0) && (
        <span className="run-queue-summary">
          {' · '}
          {queue.running.length} of {queue.slots} simulation workers busy, {queue.waiting.length} queued
          {waitingHere !== queue.waiting.length ? ` (${waitingHere} of this investigation)` : ''}, at most{' '}
          {queue.maxWaiting} may wait
        </span>
      )}
    </p>
  );
}
