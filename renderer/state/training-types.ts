// The training slice's shape: the drill list, the open drill (its page, clock, budget, hints, diagnoses), the last
// diagnosis verdict, its scorecard, and the instructor's cohort of imported trainee drills.
import type {
  CohortRow,
  DrillListEntry,
  DrillSession,
  Scorecard,
  TraineeView,
} from '../../shared/contract/training-entities';
import type { HintId } from '../../shared/training';

export type DrillListingView = TraineeView['drill'];

export interface DiagnosisDraft {
  culprit: string;
  cause: string;
  fix: string;
  notes: string;
}

export interface TrainingSlice {
  drills: DrillListEntry[];
  drillStarting: string | null;
  /** The open investigation's drill, or null when it is not one. */
  drillSession: DrillSession | null;
  drillVerdict: { status: 'wrong' | 'right'; message: string } | null;
  scorecard: Scorecard | null;
  cohort: CohortRow[];
  cohortImporting: boolean;
  loadDrills(): Promise<void>;
  /** Starts the drill (a random variant), or a surprise when no id is given, and opens it. */
  startDrill(drillId?: string): Promise<void>;
  /** Starts the drill an instructor's drill file describes. */
  startDrillFile(fileName: string, text: string): Promise<void>;
  loadDrillSession(investigationId: string): Promise<void>;
  takeHint(hintId: HintId): Promise<void>;
  submitDiagnosis(draft: DiagnosisDraft): Promise<boolean>;
  loadScorecard(investigationId?: string): Promise<void>;
  loadCohort(): Promise<void>;
  importCohortBundles(files: { name: string; text: string }[]): Promise<void>;
  exportCohortCsv(): Promise<void>;
  /** One trainee's scorecard as a Markdown or HTML report (each line's why and its events). */
  exportTraineeReport(investigationId: string, format: 'md' | 'html'): Promise<void>;
}
