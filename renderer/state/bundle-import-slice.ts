// Importing a bundle from a file on disk: the backend reads and checks it in the background and pushes progress
// and the result; a second import while one runs is refused by the backend, and that refusal shows here.
import type { StateCreator } from 'zustand';
import { ApiError } from '../api/client';
import type { BundleImportSlice } from './bundle-import-types';
import { api } from './client-ref';
import type { PeelState } from './peel-state';

export const createBundleImportSlice: StateCreator<PeelState, [], [], BundleImportSlice> = (set, get) => ({
  bundleJob: null,
  bundleJobProblem: null,

  async importBundleFile(path) {
    set({ bundleJobProblem: null });
    try {
      const job = await api().call('bundles.importFile', { path });
      set({ bundleJob: { jobId: job.jobId, fileName: job.fileName, fraction: 0, message: 'starting' } });
    } catch (error) {
      set({
        bundleJobProblem: error instanceof ApiError || error instanceof Error ? error.message : String(error),
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
});
