// The instructor's author screen: a drill definition being edited (started from a catalogue drill, a drill file or
// an investigation), the last solvability preview of it, the refusal that names a field, and saving it.
import type { DrillPreview } from '../../shared/contract/training-entities';
import type { DrillDefinition } from '../../shared/training';

export interface AuthorProblem {
  message: string;
  /** The field the backend named (`drill.template.sources`), when it named one. */
  field: string | null;
}

export interface DrillAuthorSlice {
  authorDraft: DrillDefinition | null;
  /** The preview of the draft as it was when previewed; null once the draft changes. */
  authorPreview: DrillPreview | null;
  authorBusy: 'preview' | 'save' | 'load' | 'from-investigation' | null;
  authorProblem: AuthorProblem | null;
  /** Opens the author screen on a copy of a catalogue drill (the first one when no id is given). */
  newDrillDraft(baseDrillId?: string): Promise<void>;
  editDrillDraft(change: (draft: DrillDefinition) => DrillDefinition): void;
  previewDrillDraft(): Promise<void>;
  /** Saves the draft (listed and audited from now on) and delivers its file: save dialog or download. */
  saveDrillDraft(): Promise<boolean>;
  /** Reads a drill file into the draft; a malformed or newer file is refused with what and where. */
  loadDrillDraftFile(fileName: string, text: string): Promise<void>;
  /** Makes a drill of the open investigation, saves it and opens it on the author screen. */
  drillFromInvestigation(investigationId: string): Promise<void>;
}
