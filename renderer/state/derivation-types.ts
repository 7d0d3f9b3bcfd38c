// The derivation slice's shape: new experiments derived from others, and the one waiting for confirmation.
import type { Experiment, ExperimentParamsInput, ParamChange } from '../../shared/contract/lab-entities';

export interface PendingDerivation {
  parentId: string | null;
  params: ExperimentParamsInput;
  label?: string;
  hypothesisId?: string | null;
  changes: ParamChange[];
  /** Run it as soon as it is created. */
  runAfter: boolean;
}

export interface DerivationSlice {
  /** A derivation waiting for the user to confirm it changes more than one thing. */
  pendingMultiChange: PendingDerivation | null;
  createExperiment(
    derivation: Omit<PendingDerivation, 'changes'>,
    confirmMultiChange?: boolean,
  ): Promise<Experiment | undefined>;
  confirmPendingDerivation(): Promise<void>;
  cancelPendingDerivation(): void;
  applyFix(
    experimentId: string,
    fixId: string,
    apply: boolean,
    runAfter?: boolean,
  ): Promise<Experiment | undefined>;
}
