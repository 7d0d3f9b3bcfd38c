// The investigation slice's shape: the open investigation's checklist, notes and hypotheses.
import type { HypothesisStatus, InvestigationDetail } from '../../shared/contract/entities';
import type { RuleId } from '../../shared/domain/rules';

export interface InvestigationSlice {
  detail: InvestigationDetail | null;
  detailLoading: boolean;
  openInvestigation(id: string): Promise<void>;
  closeInvestigation(): void;
  refreshDetail(): Promise<void>;
  setChecklistItem(itemId: string, ticked: boolean): Promise<void>;
  addNote(ruleId: RuleId | null, body: string): Promise<boolean>;
  correctNote(noteId: string, body: string): Promise<boolean>;
  addHypothesis(
    statement: string,
    ruleId: RuleId | null,
    predicts?: 'leak' | 'no-leak' | null,
  ): Promise<boolean>;
  setHypothesisStatus(hypothesisId: string, status: HypothesisStatus, reason: string): Promise<boolean>;
  /** Corrects a statement: a new revision; the earlier texts stay in the hypothesis's history. */
  correctHypothesis(hypothesisId: string, statement: string): Promise<boolean>;
}
