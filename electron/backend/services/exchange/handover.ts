// The hand-over summary a colleague reads first: what has been ruled out (refuted hypotheses, operators the coverage
// map cleared) and on what evidence, what is established, what is still suspected, and the next step Peel suggests.
import type { Hypothesis, Investigation } from '../../../../shared/contract/entities';
import type { Handover } from '../../../../shared/contract/exchange-entities';
import type { LabState } from '../../../../shared/contract/lab-entities';

export function buildHandover(
  investigation: Investigation,
  lab: LabState,
  hypotheses: readonly Hypothesis[],
  runSeq: (runId: string | null) => number | null,
): Handover {
  const finding = (h: Hypothesis) => ({
    statement: h.statement,
    reason: h.reason,
    runSeq: runSeq(h.decidedByRunId),
  });
  const operator = (c: LabState['coverage'][number]) => ({
    operator: c.operator,
    layer: c.layer,
    reason: c.reason,
  });
  return {
    status: investigation.status,
    resolution: lab.resolution
      ? { at: lab.resolution.at, by: lab.resolution.by, reason: lab.resolution.reason }
      : null,
    ruledOut: {
      hypotheses: hypotheses.filter((h) => h.status === 'refuted').map(finding),
      operators: lab.coverage.filter((c) => c.status === 'cleared').map(operator),
    },
    established: hypotheses.filter((h) => h.status === 'supported').map(finding),
    implicated: lab.coverage.filter((c) => c.status === 'implicated').map(operator),
    suspects: lab.suspects,
    openHypotheses: hypotheses.filter((h) => h.status === 'open').map((h) => h.statement),
    nextStep: { ruleId: lab.nextStep.ruleId, title: lab.nextStep.title, detail: lab.nextStep.detail },
  };
}
