// The config editor's before/after: the memory now and with the edits, on one scale, the changed parts outlined
// and the changes in words (direct limit first).
import type { MemoryPreview } from '../../../shared/contract/lab-entities';
import { MemoryModelBar } from './MemoryModelBar';
import { changedParts, diffMemory, type MemoryState } from './memory-diff';

export interface MemoryPreviewPanelProps {
  current: MemoryState;
  /** The preview for the edits; only drawn when it is a breakdown and there are edits. */
  preview: MemoryPreview | null;
  edited: boolean;
}

export function MemoryPreviewPanel({ current, preview, edited }: MemoryPreviewPanelProps) {
  const next = edited && preview?.ok ? preview : null;
  if (!next) {
    return (
      <div className="memedit-preview">
        <p className="memedit-bar-title">TaskManager memory now</p>
        <MemoryModelBar
          memory={current.memory}
          containerLimitBytes={current.containerLimitBytes}
          label="TaskManager memory now"
        />
      </div>
    );
  }
  const after: MemoryState = { memory: next.memory, containerLimitBytes: next.containerLimitBytes };
  const changes = diffMemory(current, after);
  const scale = Math.max(
    current.memory.totalProcessMemory,
    current.containerLimitBytes,
    after.memory.totalProcessMemory,
    after.containerLimitBytes,
  );
  return (
    <div className="memedit-preview">
      {changes.length === 0 ? (
        <p className="muted">These values give the same memory as now.</p>
      ) : (
        <ul className="memedit-changes" aria-label="What changes">
          {changes.map((change) => (
            <li key={change.id} className={change.emphasis ? 'emphasis' : undefined}>
              <span className="memedit-change-label">{change.label}</span>
              <span className="memedit-change-values">
                {change.before} → <strong>{change.after}</strong>
              </span>
              <span className="memedit-change-delta">{change.delta}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="memedit-bar-title">Now</p>
      <MemoryModelBar
        memory={current.memory}
        containerLimitBytes={current.containerLimitBytes}
        scaleBytes={scale}
        sources="none"
        label="TaskManager memory now"
      />
      <p className="memedit-bar-title">With your changes</p>
      <MemoryModelBar
        memory={after.memory}
        containerLimitBytes={after.containerLimitBytes}
        scaleBytes={scale}
        changed={changedParts(current.memory, after.memory)}
        label="TaskManager memory with your changes"
      />
    </div>
  );
}
