// The store's whole shape: every slice's state and actions in one intersection. Slice creators type `get()` with
// it. It imports only the slices' shapes (their *-types.ts modules), never a slice creator, so the creators can
// import it without an import cycle; store.ts composes the creators.
import type { AppSlice } from './app-types';
import type { AuditSlice } from './audit-types';
import type { BundleImportSlice } from './bundle-import-types';
import type { CapacitySlice } from './capacity-types';
import type { CompareSlice } from './compare-types';
import type { DerivationSlice } from './derivation-types';
import type { DrillAuthorSlice } from './drill-author-types';
import type { ExchangeSlice } from './exchange-types';
import type { InvestigationSlice } from './investigation-types';
import type { InvestigationsSlice } from './investigations-types';
import type { LabSlice } from './lab-types';
import type { MemoryEditorSlice } from './memory-editor-types';
import type { RealSlice } from './real-types';
import type { ReplaySlice } from './replay-types';
import type { RunListSlice } from './run-list-types';
import type { RunResultsSlice } from './run-results-types';
import type { SweepSlice } from './sweep-types';
import type { TrailSlice } from './trail-types';
import type { TrainingSlice } from './training-types';
import type { UiSlice } from './ui-types';
import type { ViewSlice } from './view-types';

export type PeelState = AppSlice &
  InvestigationsSlice &
  InvestigationSlice &
  AuditSlice &
  UiSlice &
  ViewSlice &
  LabSlice &
  RunListSlice &
  CapacitySlice &
  RunResultsSlice &
  CompareSlice &
  SweepSlice &
  MemoryEditorSlice &
  DerivationSlice &
  TrailSlice &
  ReplaySlice &
  ExchangeSlice &
  BundleImportSlice &
  RealSlice &
  TrainingSlice &
  DrillAuthorSlice;
