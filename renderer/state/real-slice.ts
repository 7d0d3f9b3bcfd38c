// Real incidents in the renderer: check a real config, import metrics (a file's text, a file streamed from disk,
// a Prometheus query or a followed one, whose progress and end are pushed), and log real experiments.
import type { StateCreator } from 'zustand';
import { api } from './client-ref';
import type { PeelState } from './peel-state';
import type { RealSlice } from './real-types';

/** The import job's id while a browser upload is still sending (the host has started no job yet). */
const UPLOADING = 'uploading';

export const createRealSlice: StateCreator<PeelState, [], [], RealSlice> = (set, get) => {
  // A quick job can end (its event pushed) before the call that started it has returned: remember the ended ones.
  const ended = new Set<string>();
  // The browser upload in progress, if any: Cancel aborts it before any import job exists.
  let uploading: AbortController | null = null;
  const investigationId = () => get().realInvestigationId ?? get().labInvestigationId;
  const reloadImports = async (id: string) => {
    const [metricImports, realRuns] = await Promise.all([
      api().call('real.imports', { investigationId: id }),
      api().call('real.runs', { investigationId: id }),
    ]);
    if (investigationId() === id) set({ metricImports, realRuns });
  };
  const startJob = async (
    kind: 'file' | 'prometheus' | 'follow',
    start: (id: string) => Promise<{ jobId: string }>,
  ): Promise<boolean> => {
    const id = investigationId();
    if (!id) return false;
    set({ importError: null });
    const job = await get().attempt(() => start(id));
    if (!job) return false;
    if (!ended.delete(job.jobId)) {
      set({ importJob: { jobId: job.jobId, kind, fraction: null, message: 'starting…' } });
    }
    return true;
  };
  return {
    realInvestigationId: null,
    configCheck: null,
    metricImports: [],
    realRuns: [],
    importJob: null,
    importError: null,

    async loadReal(id) {
      if (get().realInvestigationId !== id) {
        set({
          realInvestigationId: id,
          configCheck: null,
          metricImports: [],
          realRuns: [],
          importError: null,
        });
      }
      await get().attempt(() => reloadImports(id));
    },
    async checkRealConfig(request) {
      const id = investigationId();
      if (!id) return false;
      const check = await get().attempt(() =>
        api().call('real.checkConfig', { ...request, investigationId: id }),
      );
      if (check) set({ configCheck: check });
      return check !== undefined;
    },
    async importMetricsText(fileName, text) {
      const id = investigationId();
      if (!id) return false;
      set({ importError: null });
      const imported = await get().attempt(() =>
        api().call('real.importText', { investigationId: id, fileName, text }),
      );
      if (!imported) return false;
      set({ metricImports: [...get().metricImports, imported] });
      get().notify('info', `Imported ${imported.series.length} series from ${imported.source}.`);
      return true;
    },
    importMetricsFile: (path) =>
      startJob('file', (id) => api().call('real.importFile', { investigationId: id, path })),
    async uploadMetricsFile(file) {
      const upload = api().uploadMetricsFile;
      const id = investigationId();
      if (!upload || !id) return false;
      const controller = new AbortController();
      uploading = controller;
      const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
      // Until the host has the whole file the job is the upload itself: its progress, and Cancel aborts it.
      set({
        importError: null,
        importJob: { jobId: UPLOADING, kind: 'file', fraction: 0, message: `uploading ${file.name}…` },
      });
      try {
        return await startJob('file', () =>
          upload(
            file,
            id,
            (sent, total) => {
              if (get().importJob?.jobId !== UPLOADING) return;
              set({
                importJob: {
                  jobId: UPLOADING,
                  kind: 'file',
                  fraction: total > 0 ? sent / total : null,
                  message: `uploading ${file.name}: ${mib(sent)} of ${mib(total)} MiB sent`,
                },
              });
            },
            controller.signal,
          ),
        );
      } finally {
        uploading = null;
        if (get().importJob?.jobId === UPLOADING) set({ importJob: null });
      }
    },
    async openMetricsFile() {
      let cancelled = false;
      const started = await startJob('file', async (id) => {
        const { jobId } = await api().call('real.openFile', { investigationId: id });
        if (jobId === null) cancelled = true;
        return { jobId: jobId ?? '' };
      });
      // The dialog was closed without a file: nothing started, nothing to track.
      if (cancelled) set({ importJob: null });
      return started && !cancelled;
    },
    queryPrometheus: (request) =>
      startJob('prometheus', (id) => api().call('real.queryPrometheus', { ...request, investigationId: id })),
    followPrometheus: (request) =>
      startJob('follow', (id) => api().call('real.follow', { ...request, investigationId: id })),
    async cancelImport() {
      if (uploading) {
        uploading.abort();
        return;
      }
      const job = get().importJob;
      if (job) await get().attempt(() => api().call('real.cancel', { jobId: job.jobId }));
    },
    async logRealExperiment(request) {
      const id = investigationId();
      if (!id) return false;
      const logged = await get().attempt(() =>
        api().call('experiments.logReal', { ...request, investigationId: id }),
      );
      if (!logged) return false;
      await get().refreshLab();
      await get().attempt(() => reloadImports(id));
      get().selectExperiment(logged.experiment.id);
      get().selectRun(logged.run.id);
      get().notify('info', `Logged real experiment #${logged.experiment.seq}: ${logged.run.summary ?? ''}`);
      return true;
    },
    async simulateWithConfig(config) {
      const lab = get().lab;
      const id = investigationId();
      if (!lab || !id) return false;
      const parent =
        lab.experiments.find((e) => e.id === get().selectedExperimentId) ?? lab.experiments[0] ?? null;
      const scenario = lab.scenarioId;
      if (!scenario) return false;
      const experiment = await get().attempt(() =>
        api().call('experiments.create', {
          investigationId: id,
          parentId: parent?.id ?? null,
          params: { ...(parent?.params ?? { scenario }), configOverrides: config },
          label: 'the real config',
          confirmMultiChange: true,
        }),
      );
      if (!experiment) return false;
      await get().refreshLab();
      get().selectExperiment(experiment.id);
      return (await get().startRun(experiment.id)) !== undefined;
    },
    receiveImportProgress({ jobId, fraction, message }) {
      const job = get().importJob;
      if (job?.jobId === jobId) set({ importJob: { ...job, fraction, message } });
    },
    receiveImportFinished({ jobId, investigationId: id, importId, error }) {
      if (get().importJob?.jobId === jobId) set({ importJob: null });
      else ended.add(jobId);
      if (error) {
        set({ importError: error.message });
        if (error.code !== 'cancelled') get().notify('error', error.message);
      }
      if (importId && investigationId() === id) void get().attempt(() => reloadImports(id));
    },
  };
};
