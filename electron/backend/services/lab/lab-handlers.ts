// The lab's channels bound to their services.
import type { labChannels } from '../../../../shared/contract/lab-channels';
import type { ServiceContext } from '../context';
import type { CallChannel, HandlersFor } from '../handler-types';
import { scenarioOptionOf } from '../training/drill-of-investigation';
import { labCapacity } from './capacity';
import { openComparison } from './comparisons';
import { discardRunData } from './discard-run';
import {
  applyFix,
  checkedParamsAndPlan,
  createExperiment,
  diffPreview,
  previewMemory,
  setConfigOverrides,
  setScenario,
} from './experiments';
import { labStateForScreen } from './lab-state';
import { runPreflight } from './preflight';
import { resolveInvestigation } from './resolution';
import { getRun, readHeatmap, readSeries } from './run-reads';
import { runPage } from './run-window';
import { cancelRun, startRun } from './runs';
import { startSampleInvestigation } from './sample-start';
import { listScenarioInfos } from './scenarios';
import { cancelSweep, startSweep } from './sweeps';

export function labHandlers(ctx: ServiceContext, call: CallChannel): HandlersFor<keyof typeof labChannels> {
  return {
    'sample.create': () => startSampleInvestigation(ctx, call),
    'scenarios.list': () => listScenarioInfos(),
    'lab.capacity': (request) => labCapacity(ctx, request),
    'lab.state': (request) => labStateForScreen(ctx, request.investigationId),
    'lab.setScenario': (request) => setScenario(ctx, request),
    'lab.setConfigOverrides': (request) => setConfigOverrides(ctx, request),
    'lab.previewMemory': (request) =>
      previewMemory(request, request.investigationId ? scenarioOptionOf(ctx, request.investigationId) : {}),
    'lab.planJob': (request) =>
      checkedParamsAndPlan(
        'lab.planJob',
        request.params,
        request.investigationId ? scenarioOptionOf(ctx, request.investigationId) : {},
      ).plan,
    'lab.preflight': (request) => runPreflight(ctx, request),
    'experiments.diff': (request) => diffPreview(ctx, request),
    'experiments.create': (request) => createExperiment(ctx, request),
    'fixes.apply': (request) => applyFix(ctx, request),
    'runs.start': (request) => startRun(ctx, request),
    'runs.cancel': (request) => cancelRun(ctx, request),
    'runs.discardData': (request) => discardRunData(ctx, request),
    'runs.page': (request) => runPage(ctx, request),
    'runs.get': (request) => getRun(ctx, request),
    'runs.series': (request) => readSeries(ctx, request),
    'runs.heatmap': (request) => readHeatmap(ctx, request),
    'comparisons.open': (request) => openComparison(ctx, request),
    'sweeps.start': (request) => startSweep(ctx, request),
    'sweeps.cancel': (request) => cancelSweep(ctx, request),
    'investigations.resolve': (request) => resolveInvestigation(ctx, request),
  };
}
