// The drill channels bound to their services.
import type { trainingChannels } from '../../../../shared/contract/training-channels';
import { DRILLS, drillListing } from '../../../../shared/training';
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../handler-types';
import {
  drillSession,
  startDrillInvestigation,
  submitDiagnosis,
  takeDrillHint,
  writeAuthoredDrill,
} from './drill-sessions';
import { cohortExport, cohortRows, drillScorecard } from './scorecards';

export function trainingHandlers(ctx: ServiceContext): HandlersFor<keyof typeof trainingChannels> {
  return {
    'drills.list': () => DRILLS.map(drillListing),
    'drills.start': (request) => startDrillInvestigation(ctx, request),
    'drills.writeFile': (request) => writeAuthoredDrill(ctx, request),
    'drills.session': (request) => drillSession(ctx, request.investigationId),
    'drills.takeHint': (request) => takeDrillHint(ctx, request),
    'drills.diagnose': (request) => submitDiagnosis(ctx, request),
    'drills.scorecard': (request) => drillScorecard(ctx, request.investigationId),
    'drills.cohort': () => cohortRows(ctx),
    'drills.cohortCsv': () => cohortExport(ctx),
  };
}
