// Making new experiments from existing ones: a derivation by hand (one that changes more than one thing waits for
// the user to confirm it, rule 5: change one thing at a time) or a fix applied to an experiment. Either way the new
// experiment is selected, and run when asked.
import type { StateCreator } from 'zustand';
import type { ParamChange } from '../../shared/contract/lab-entities';
import { ApiError } from '../api/client';
import { api } from './client-ref';
import type { DerivationSlice } from './derivation-types';
import type { PeelState } from './peel-state';

export const createDerivationSlice: StateCreator<PeelState, [], [], DerivationSlice> = (set, get) => ({
  pendingMultiChange: null,

  async createExperiment(derivation, confirmMultiChange = false) {
    const id = get().labInvestigationId;
    if (!id) return undefined;
    try {
      const experiment = await api().call('experiments.create', {
        investigationId: id,
        parentId: derivation.parentId,
        params: derivation.params,
        ...(derivation.label ? { label: derivation.label } : {}),
        ...(derivation.hypothesisId ? { hypothesisId: derivation.hypothesisId } : {}),
        confirmMultiChange,
      });
      set({ pendingMultiChange: null });
      await get().refreshLab();
      get().selectExperiment(experiment.id);
      if (derivation.runAfter) await get().startRun(experiment.id);
      return experiment;
    } catch (error) {
      if (
        error instanceof ApiError &&
        error.code === 'conflict' &&
        Array.isArray((error.details as { changes?: unknown })?.changes)
      ) {
        set({
          pendingMultiChange: {
            ...derivation,
            changes: (error.details as { changes: ParamChange[] }).changes,
          },
        });
        return undefined;
      }
      get().notify('error', error instanceof Error ? error.message : String(error));
      return undefined;
    }
  },
  async confirmPendingDerivation() {
    const pending = get().pendingMultiChange;
    if (pending) await get().createExperiment(pending, true);
  },
  cancelPendingDerivation() {
    set({ pendingMultiChange: null });
  },
  async applyFix(experimentId, fixId, apply, runAfter = true) {
    const experiment = await get().attempt(() => api().call('fixes.apply', { experimentId, fixId, apply }));
    if (!experiment) return undefined;
    await get().refreshLab();
    get().selectExperiment(experiment.id);
    if (runAfter) await get().startRun(experiment.id);
    return experiment;
  },
});
