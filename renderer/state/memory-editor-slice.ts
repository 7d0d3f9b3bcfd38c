// The memory editor: previewing how configuration overrides split the scenario's memory, then applying them to the
// lab (which drops the preview: the lab state now shows them).
import type { StateCreator } from 'zustand';
import { api } from './client-ref';
import type { MemoryEditorSlice } from './memory-editor-types';
import type { PeelState } from './peel-state';

export const createMemoryEditorSlice: StateCreator<PeelState, [], [], MemoryEditorSlice> = (set, get) => ({
  memoryPreview: null,

  async previewMemory(configOverrides) {
    const scenarioId = get().lab?.scenarioId;
    const investigationId = get().labInvestigationId;
    if (!scenarioId) return;
    await get().attempt(async () =>
      set({
        memoryPreview: await api().call('lab.previewMemory', {
          scenarioId,
          variant: null,
          configOverrides,
          // A drill's scenario is its own: the backend finds it through the investigation.
          ...(investigationId ? { investigationId } : {}),
        }),
      }),
    );
  },
  async applyConfig(configOverrides) {
    const id = get().labInvestigationId;
    if (!id) return false;
    const lab = await get().attempt(() =>
      api().call('lab.setConfigOverrides', { investigationId: id, configOverrides }),
    );
    if (lab) {
      get().landLab(lab);
      set({ memoryPreview: null });
    }
    return lab !== undefined;
  },
});
