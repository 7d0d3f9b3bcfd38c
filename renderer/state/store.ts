// The renderer's zustand store, one slice per feature (the zustand slices pattern).
import { create } from 'zustand';
import { type AppSlice, createAppSlice } from './app-slice';
import { type AuditSlice, createAuditSlice } from './audit-slice';
import { createExchangeSlice, type ExchangeSlice } from './exchange-slice';
import { createInvestigationSlice, type InvestigationSlice } from './investigation-slice';
import { createInvestigationsSlice, type InvestigationsSlice } from './investigations-slice';
import { createLabSlice, type LabSlice } from './lab-slice';
import { createTrailSlice, type TrailSlice } from './trail-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export type PeelState = AppSlice &
  InvestigationsSlice &
  InvestigationSlice &
  AuditSlice &
  UiSlice &
  LabSlice &
  TrailSlice &
  ExchangeSlice;

export function createPeelStore() {
  return create<PeelState>()((...args) => ({
    ...createAppSlice(...args),
    ...createInvestigationsSlice(...args),
    ...createInvestigationSlice(...args),
    ...createAuditSlice(...args),
    ...createUiSlice(...args),
    ...createLabSlice(...args),
    ...createExchangeSlice(...args),
    ...createTrailSlice(...args),
  }));
}

export const usePeel = createPeelStore();
