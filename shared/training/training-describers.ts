// One line of plain English for each training event, for the trail panel and the exports. Register them with
// registerDescriber once the kinds are in shared/domain/audit-kinds.ts. Only the trainee's own choices appear:
// a refused diagnosis says what was refused, never what would have been right.
import type { TrainingAuditKind } from './training-audit-kinds';

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value ?? ''));

export const TRAINING_DESCRIBERS: Record<TrainingAuditKind, (payload: Record<string, unknown>) => string> = {
  'drill.started': (p) =>
    `Started the drill “${text(p.title)}” (${text(p.difficulty)}, budget ${text(p.budgetHours)} simulated hours)`,
  'hint.taken': (p) => `Took a hint (${text(p.hintId)}, cost ${text(p.cost)}): ${text(p.text)}`,
  'diagnosis.submitted': (p) =>
    p.correct === true
      ? `Diagnosis confirmed: ${text(p.culprit)}, ${text(p.cause)}, fix ${text(p.fix)}`
      : `Diagnosis refused: ${text(p.culprit)}, ${text(p.cause)}, fix ${text(p.fix)}`,
  'drill.authored': (p) =>
    p.fromInvestigationId
      ? `Saved the drill “${text(p.title)}” (${text(p.drillId)}), made from an investigation`
      : `Saved the drill “${text(p.title)}” (${text(p.drillId)})`,
};
