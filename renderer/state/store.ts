// The renderer's zustand store, one slice per feature (the zustand slices pattern).
import { create } from 'zustand';
import { type AppSlice, createAppSlice } from './app-slice';
import { type AuditSlice, createAuditSlice } from './audit-slice';
import { createInvestigationSlice, type InvestigationSlice } from './investigation-slice';
import { createInvestigationsSlice, type InvestigationsSlice } from './investigations-slice';
import { createLabSlice, type LabSlice } from './lab-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export type PeelState = AppSlice & InvestigationsSlice & InvestigationSlice & AuditSlice & UiSlice & LabSlice;

export function createPeelStore() {
  return create<PeelState>()((...args) => ({
    ...createAppSlice(...args),
    ...createInvestigationsSlice(...args),
    ...createInvestigationSlice(...args),
    ...createAuditSlice(...args),
    ...createUiSlice(...args),
    ...createLabSlice(...args),
  }));
}

export const usePeel = createPeelStore();
