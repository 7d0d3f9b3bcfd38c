// The memory editor slice's shape: the preview of a memory configuration before it is applied to the lab.
import type { MemoryPreview } from '../../shared/contract/lab-entities';

export interface MemoryEditorSlice {
  memoryPreview: MemoryPreview | null;
  previewMemory(overrides: Record<string, string>): Promise<void>;
  /** Sets the lab's configuration overrides; false when the backend refused them. */
  applyConfig(overrides: Record<string, string>): Promise<boolean>;
}
