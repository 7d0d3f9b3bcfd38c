// Drills: starting one opens it as an ordinary investigation on its drill page; hints and diagnoses go through the
// backend (which records them), and the session is fetched again after each, so the screen shows what the trail
// holds. The cohort imports bundles through the same import every bundle takes.
import type { StateCreator } from 'zustand';
import type { RequestOf } from '../../shared/contract/channels';
import type { ScenarioInfo } from '../../shared/contract/lab-entities';
import type { DefectKind } from '../../shared/training';
import { ApiError } from '../api/client';
import { deliverText } from '../api/deliver-text';
import { api } from './client-ref';
import type { PeelState } from './peel-state';
import type { TrainingSlice } from './training-types';

export const createTrainingSlice: StateCreator<PeelState, [], [], TrainingSlice> = (set, get) => {
  const openId = () => get().detail?.investigation.id;
  /** The lab finds a drill's scenario (operators, fixes) among the scenarios like any other's. */
  const showDrillScenario = (scenario: ScenarioInfo) =>
    set((state) => ({ scenarios: [...state.scenarios.filter((s) => s.id !== scenario.id), scenario] }));
  /** The drill just started: its session came with the start, so opening it need not fetch it again. */
  let justStarted: string | null = null;
  const start = async (label: string, request: RequestOf<'drills.start'>) => {
    set({ drillStarting: label });
    try {
      const session = await get().attempt(() => api().call('drills.start', request));
      if (!session) return;
      set({ drillSession: session, drillVerdict: null, scorecard: null });
      justStarted = session.investigationId;
      // The page's graph is what the trainee waits for: its series are asked for now, ahead of the investigation
      // and lab state the page opens with (the page's panel joins this request; the run's detail follows it).
      if (session.dashboardRunId) {
        void get().loadRunSeries(session.dashboardRunId);
        void get().loadHeatmap(session.dashboardRunId);
      }
      showDrillScenario(session.scenario);
      get().navigate({ name: 'investigation', id: session.investigationId });
      get().setView('drill');
    } finally {
      set({ drillStarting: null });
    }
  };
  return {
    drills: [],
    drillStarting: null,
    drillSession: null,
    drillVerdict: null,
    scorecard: null,
    cohort: [],
    cohortImporting: false,
    async loadDrills() {
      await get().attempt(async () => set({ drills: await api().call('drills.list', {}) }));
    },
    startDrill(drillId) {
      return start(drillId ?? 'surprise', drillId ? { drillId } : { surprise: true });
    },
    startDrillFile(fileName, text) {
      return start('file', { drillFile: text, fileName });
    },
    async loadDrillSession(investigationId) {
      if (justStarted === investigationId && get().drillSession?.investigationId === investigationId) {
        justStarted = null;
        return;
      }
      justStarted = null;
      const session = await get().attempt(() => api().call('drills.session', { investigationId }));
      if (session === undefined || openId() !== investigationId) return;
      if (get().drillSession?.investigationId !== investigationId)
        set({ drillVerdict: null, scorecard: null });
      set({ drillSession: session });
      if (session) showDrillScenario(session.scenario);
    },
    async takeHint(hintId) {
      const id = get().drillSession?.investigationId;
      if (!id) return;
      const session = await get().attempt(() =>
        api().call('drills.takeHint', { investigationId: id, hintId }),
      );
      if (session) set({ drillSession: session });
    },
    async submitDiagnosis(draft) {
      const id = get().drillSession?.investigationId;
      if (!id) return false;
      try {
        const verdict = await api().call('drills.diagnose', {
          investigationId: id,
          culprit: draft.culprit,
          cause: draft.cause as DefectKind,
          fix: draft.fix,
          notes: draft.notes,
        });
        set({
          drillSession: verdict.session,
          drillVerdict: { status: verdict.status, message: verdict.message },
        });
        return verdict.status === 'right';
      } catch (error) {
        get().notify('error', error instanceof ApiError ? error.message : String(error));
        return false;
      }
    },
    async loadScorecard(investigationId) {
      const id = investigationId ?? get().drillSession?.investigationId;
      if (!id) return;
      const card = await get().attempt(() => api().call('drills.scorecard', { investigationId: id }));
      if (card) set({ scorecard: card });
    },
    async loadCohort() {
      await get().attempt(async () => set({ cohort: await api().call('drills.cohort', {}) }));
    },
    async importCohortBundles(files) {
      set({ cohortImporting: true });
      try {
        for (const file of files) {
          const imported = await get().attempt(() =>
            api().call('bundles.import', { text: file.text, fileName: file.name }),
          );
          if (imported) get().notify('info', `Imported ${file.name}: its chain verifies.`);
        }
        await get().loadCohort();
        void get().loadExchangeMarks();
      } finally {
        set({ cohortImporting: false });
      }
    },
    async exportTraineeReport(investigationId, format) {
      const report = await get().attempt(() =>
        api().call('drills.traineeReport', { investigationId, format }),
      );
      if (report) deliverText(report.fileName, report.text, report.mimeType);
    },
    async exportCohortCsv() {
      const csv = await get().attempt(() => api().call('drills.cohortCsv', {}));
      if (csv) deliverText(csv.fileName, csv.text, 'text/csv');
    },
  };
};
