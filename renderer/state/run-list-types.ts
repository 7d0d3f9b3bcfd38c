// The run list slice's shape: what of the run list the user has loaded beyond the lab state's window (older
// experiments, an experiment's older runs, runs opened by id), and the calls that load more.
import type { Experiment, LabState } from '../../shared/contract/lab-entities';
import type { RunListLoaded } from './run-list-window';

export interface RunListSlice {
  runListLoaded: RunListLoaded;
  /** Runs read by id that the window did not hold, each under its experiment (kept across lab states). */
  runListPinned: Experiment[];
  /** True while a page of the run list is on its way. */
  runListLoading: boolean;
  /** Shows a lab state from the server: its window of the run list joined with what the user has loaded. */
  landLab(window: LabState): void;
  /** Loads the next page of older experiments (each with its newest runs). */
  loadOlderExperiments(): Promise<void>;
  /** Loads the next page of one experiment's older runs. */
  loadOlderRuns(experimentId: string): Promise<void>;
  /** Makes sure a run named elsewhere (the trail, the checklist) is in the list, reading it by id if need be. */
  ensureRunListed(runId: string): Promise<boolean>;
}
