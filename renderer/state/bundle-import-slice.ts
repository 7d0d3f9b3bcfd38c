// Importing a bundle from a file on disk: the backend reads and checks it in the background and pushes progress
// and the result; a second import while one runs is refused by the backend, and that refusal shows here.
import type { StateCreator } from 'zustand';
import { ApiError } from '../api/client';
import type { BundleImportSlice } from './bundle-import-types';
import { api } from './client-ref';
import type { PeelState } from './peel-state';

/** At most this many results of jobs whose start has not answered yet are remembered (they answer in milliseconds). */
const EARLY_RESULTS_KEPT = 16;

export const createBundleImportSlice: StateCreator<PeelState, [], [], BundleImportSlice> = (set, get) => {
  // A job that fails at once (a path that is not there) can push its result before the call that started it has
  // answered: finished jobs' ids are remembered here so that answer does not then show the job as running, for ever.
  const finishedEarly = new Set<string>();
  return {
    bundleJob: null,
    bundleJobProblem: null,

    async importBundleFile(path) {
      set({ bundleJobProblem: null });
      try {
        const job = await api().call('bundles.importFile', { path });
        if (finishedEarly.has(job.jobId)) return;
        const pushed = get().bundleJob;
        set({
          bundleJob:
            pushed?.jobId === job.jobId
              ? pushed
              : { jobId: job.jobId, fileName: job.fileName, fraction: 0, message: 'starting' },
        });
      } catch (error) {
        set({
          bundleJobProblem:
            error instanceof ApiError || error instanceof Error ? error.message : String(error),
        });
      }
    },
    async cancelBundleImport() {
      const job = get().bundleJob;
      if (job) await get().attempt(() => api().call('bundles.cancelImport', { jobId: job.jobId }));
    },
    receiveBundleProgress(payload) {
      const job = get().bundleJob;
      if (job && job.jobId !== payload.jobId) return;
      set({ bundleJob: { ...payload } });
    },
    receiveBundleFinished(payload) {
      const job = get().bundleJob;
      if (job && job.jobId !== payload.jobId) return;
      finishedEarly.add(payload.jobId);
      if (finishedEarly.size > EARLY_RESULTS_KEPT) finishedEarly.delete(finishedEarly.values().next().value!);
      set({ bundleJob: null, bundleJobProblem: payload.error?.message ?? null });
      if (!payload.investigationId) return;
      const investigationId = payload.investigationId;
      void get()
        .loadExchangeMarks()
        .then(() => {
          get().closeOverlay();
          get().navigate({ name: 'investigation', id: investigationId });
          get().notify('info', `Imported ${payload.fileName}: read-only, chain verified.`);
        });
    },
  };
};
