// Binds every contract channel to its service function. The mapped type makes a missing handler a type error.
import type { ChannelName, RequestOf, ResponseOf } from '../../shared/contract/channels';
import { planJob } from '../../shared/sim/engine/job-plan';
import { listAuditEvents } from './audit';
import { setChecklistItem } from './checklist';
import type { ServiceContext } from './context';
import { addHypothesis, setHypothesisStatus } from './hypotheses';
import { createInvestigation, getInvestigation, listInvestigations } from './investigations';
import { openComparison } from './lab/comparisons';
import {
  applyFix,
  checkedParams,
  createExperiment,
  diffPreview,
  previewMemory,
  setConfigOverrides,
  setScenario,
} from './lab/experiments';
import { labState } from './lab/lab-state';
import { withParamErrors } from './lab/params-errors';
import { runPreflight } from './lab/preflight';
import { resolveInvestigation } from './lab/resolution';
import { getRun, readHeatmap, readSeries } from './lab/run-reads';
import { cancelRun, startRun } from './lab/runs';
import { listScenarioInfos } from './lab/scenarios';
import { cancelSweep, startSweep } from './lab/sweeps';
import { addNote, correctNote } from './notes';

export type Handlers = {
  [C in ChannelName]: (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
};

export interface HostInfo {
  host: 'electron' | 'browser';
  version: string;
  dataDir: string;
}

export function createHandlers(ctx: ServiceContext, hostInfo: HostInfo): Handlers {
  return {
    'app.info': () => ({
      ...hostInfo,
      databasePath: ctx.store.path,
      user: ctx.user,
      schemaVersion: ctx.store.schemaVersion(),
    }),
    'investigations.list': (request) => listInvestigations(ctx, request),
    'investigations.create': (request) => createInvestigation(ctx, request),
    'investigations.get': (request) => getInvestigation(ctx, request),
    'checklist.set': (request) => setChecklistItem(ctx, request),
    'notes.add': (request) => addNote(ctx, request),
    'notes.correct': (request) => correctNote(ctx, request),
    'hypotheses.add': (request) => addHypothesis(ctx, request),
    'hypotheses.setStatus': (request) => setHypothesisStatus(ctx, request),
    'scenarios.list': () => listScenarioInfos(),
    'lab.state': (request) => labState(ctx, request.investigationId),
    'lab.setScenario': (request) => setScenario(ctx, request),
    'lab.setConfigOverrides': (request) => setConfigOverrides(ctx, request),
    'lab.previewMemory': (request) => previewMemory(request),
    'lab.planJob': (request) =>
      withParamErrors('lab.planJob', () => planJob(checkedParams('lab.planJob', request.params))),
    'lab.preflight': (request) => runPreflight(ctx, request),
    'experiments.diff': (request) => diffPreview(ctx, request),
    'experiments.create': (request) => createExperiment(ctx, request),
    'fixes.apply': (request) => applyFix(ctx, request),
    'runs.start': (request) => startRun(ctx, request),
    'runs.cancel': (request) => cancelRun(ctx, request),
    'runs.get': (request) => getRun(ctx, request),
    'runs.series': (request) => readSeries(ctx, request),
    'runs.heatmap': (request) => readHeatmap(ctx, request),
    'comparisons.open': (request) => openComparison(ctx, request),
    'sweeps.start': (request) => startSweep(ctx, request),
    'sweeps.cancel': (request) => cancelSweep(ctx, request),
    'investigations.resolve': (request) => resolveInvestigation(ctx, request),
    'audit.list': (request) => listAuditEvents(ctx, request),
  };
}
