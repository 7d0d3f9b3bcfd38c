// Checking a trainee's diagnosis: culprit, cause (from the list every drill offers), free text and fix. A wrong
// one is refused with the same words whatever was wrong, so guessing part by part learns nothing; only input that
// cannot be a diagnosis of this job (an unknown operator, a fix for another operator) is named.
import { DEFECT_KIND_INFO, DEFECT_KINDS, type DefectKind } from './defect-kinds';
import type { DrillAnswer, DrillVariant } from './drill-types';

export const CULPRIT_PLATFORM = 'platform';
export const CULPRIT_CONFIGURATION = 'configuration';

export interface DiagnosisInput {
  /** An operator id of the job, `platform` or `configuration`. */
  culprit: string;
  cause: DefectKind;
  /** Free text: the trainee's reasoning, kept in the trail, not graded. */
  notes: string;
  /** A fix choice id (`<fix kind>@<target>`). */
  fix: string;
}

export type DiagnosisResult =
  | { status: 'invalid'; field: keyof DiagnosisInput; message: string }
  | { status: 'wrong'; message: string }
  | { status: 'right'; message: string };

export const WRONG_DIAGNOSIS =
  'Not confirmed: this diagnosis does not match what is wrong. Look again at what your runs show; the answer stays hidden.';

export function checkDiagnosis(variant: DrillVariant, input: DiagnosisInput): DiagnosisResult {
  const operators = variant.healthyGraph.operators.map((op) => op.id);
  const culprits = [...operators, CULPRIT_PLATFORM, CULPRIT_CONFIGURATION];
  if (!culprits.includes(input.culprit))
    return {
      status: 'invalid',
      field: 'culprit',
      message: `culprit: '${input.culprit}' is not an operator of this job (nor ${CULPRIT_PLATFORM} or ${CULPRIT_CONFIGURATION})`,
    };
  if (!DEFECT_KINDS.includes(input.cause))
    return {
      status: 'invalid',
      field: 'cause',
      message: `cause: '${input.cause}' is not one of the listed causes`,
    };
  const fix = variant.fixChoices.find((choice) => choice.id === input.fix);
  if (!fix)
    return { status: 'invalid', field: 'fix', message: `fix: '${input.fix}' is not one of this job's fixes` };
  if (operators.includes(input.culprit) && operators.includes(fix.target) && fix.target !== input.culprit)
    return {
      status: 'invalid',
      field: 'fix',
      message: `fix: it changes ${fix.target}, but the culprit you name is ${input.culprit}`,
    };
  return isRight(variant.answer, input)
    ? {
        status: 'right',
        message: 'Diagnosis confirmed. Now prove the fix: with it, without it, with it again (A/B/A).',
      }
    : { status: 'wrong', message: WRONG_DIAGNOSIS };
}

function isRight(answer: DrillAnswer, input: DiagnosisInput): boolean {
  return (
    answer.acceptedCulprits.includes(input.culprit) &&
    input.cause === answer.defect &&
    answer.acceptedFixes.includes(input.fix)
  );
}

/** The cause list of the diagnosis form: the same for every drill. */
export function causeChoices(): Array<{ id: DefectKind; label: string }> {
  return DEFECT_KINDS.map((id) => ({ id, label: DEFECT_KIND_INFO[id].label }));
}
