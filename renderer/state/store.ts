// The renderer's zustand store, one slice per job (the zustand slices pattern). Its shape, PeelState, is declared
// in peel-state.ts; each slice's shape is in its *-types.ts and its actions in its *-slice.ts.
import { create } from 'zustand';
import { createAppSlice } from './app-slice';
import { createAuditSlice } from './audit-slice';
import { createBundleImportSlice } from './bundle-import-slice';
import { createCapacitySlice } from './capacity-slice';
import { createCompareSlice } from './compare-slice';
import { createDerivationSlice } from './derivation-slice';
import { createDrillAuthorSlice } from './drill-author-slice';
import { createExchangeSlice } from './exchange-slice';
import { createInvestigationSlice } from './investigation-slice';
import { createInvestigationsSlice } from './investigations-slice';
import { createLabSlice } from './lab-slice';
import { createMemoryEditorSlice } from './memory-editor-slice';
import type { PeelState } from './peel-state';
import { createRealSlice } from './real-slice';
import { createReplaySlice } from './replay-slice';
import { createRunListSlice } from './run-list-slice';
import { createRunResultsSlice } from './run-results-slice';
import { createSweepSlice } from './sweep-slice';
import { createTrailSlice } from './trail-slice';
import { createTrainingSlice } from './training-slice';
import { createUiSlice } from './ui-slice';
import { createViewSlice } from './view-slice';

export function createPeelStore() {
  return create<PeelState>()((...args) => ({
    ...createAppSlice(...args),
    ...createInvestigationsSlice(...args),
    ...createInvestigationSlice(...args),
    ...createAuditSlice(...args),
    ...createUiSlice(...args),
    ...createViewSlice(...args),
    ...createLabSlice(...args),
    ...createRunListSlice(...args),
    ...createCapacitySlice(...args),
    ...createRunResultsSlice(...args),
    ...createCompareSlice(...args),
    ...createSweepSlice(...args),
    ...createMemoryEditorSlice(...args),
    ...createDerivationSlice(...args),
    ...createExchangeSlice(...args),
    ...createBundleImportSlice(...args),
    ...createTrailSlice(...args),
    ...createReplaySlice(...args),
    ...createRealSlice(...args),
    ...createTrainingSlice(...args),
    ...createDrillAuthorSlice(...args),
  }));
}

export const usePeel = createPeelStore();
