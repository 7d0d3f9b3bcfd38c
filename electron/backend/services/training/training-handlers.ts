// The drill channels bound to their services.
import type { trainingChannels } from '../../../../shared/contract/training-channels';
import type { ServiceContext } from '../context';
import type { ExchangeHost } from '../exchange/exchange-host';
import type { HandlersFor } from '../handler-types';
import {
  drillOfInvestigation,
  listDrills,
  previewAuthoredDrill,
  readAuthoredFile,
  saveAuthoredDrill,
  saveDrillFileWithDialog,
} from './authored-drills';
import {
  drillSession,
  startDrillInvestigation,
  submitDiagnosis,
  takeDrillHint,
  writeAuthoredDrill,
} from './drill-sessions';
import { cohortExport, cohortRows, drillScorecard, traineeReport } from './scorecards';

export function trainingHandlers(
  ctx: ServiceContext,
  exchangeHost?: ExchangeHost,
): HandlersFor<keyof typeof trainingChannels> {
  return {
    'drills.list': () => listDrills(ctx),
    'drills.start': (request) => startDrillInvestigation(ctx, request),
    'drills.writeFile': (request) => writeAuthoredDrill(ctx, request),
    'drills.preview': (request) => previewAuthoredDrill(request),
    'drills.save': (request) => saveAuthoredDrill(ctx, request),
    'drills.readFile': (request) => readAuthoredFile(request),
    'drills.saveFile': (request) => saveDrillFileWithDialog(ctx, exchangeHost, request),
    'drills.fromInvestigation': (request) => drillOfInvestigation(ctx, request),
    'drills.traineeReport': (request) => traineeReport(ctx, request),
    'drills.session': (request) => drillSession(ctx, request.investigationId),
    'drills.takeHint': (request) => takeDrillHint(ctx, request),
    'drills.diagnose': (request) => submitDiagnosis(ctx, request),
    'drills.scorecard': (request) => drillScorecard(ctx, request.investigationId),
    'drills.cohort': () => cohortRows(ctx),
    'drills.cohortCsv': () => cohortExport(ctx),
  };
}
