// Selectors for the open investigation's lists. With no investigation open they answer the same empty array every
// time: a selector answering a fresh `[]` would look like a change on every store update (zustand compares answers
// with Object.is), re-rendering its component each time, or without end.
import type { ChecklistTick, Hypothesis } from '../../shared/contract/entities';
import type { PeelState } from './peel-state';

const NO_TICKS: ChecklistTick[] = [];
const NO_HYPOTHESES: Hypothesis[] = [];

export const selectChecklist = (state: PeelState): ChecklistTick[] => state.detail?.checklist ?? NO_TICKS;

export const selectHypotheses = (state: PeelState): Hypothesis[] => state.detail?.hypotheses ?? NO_HYPOTHESES;
