// Starts the worked example from the app: the investigation exists at once (so the UI can open it) and fills in
// live as its experiments run, through the same dispatch path every other call takes.
import { PeelError } from '../../../../shared/contract/errors';
import type { ServiceContext } from '../context';
import type { CallChannel } from '../handler-types';
import { createSampleInvestigation } from './sample-investigation';

export function startSampleInvestigation(
  ctx: ServiceContext,
  call: CallChannel,
): Promise<{ investigationId: string }> {
  return new Promise((resolve, reject) => {
    createSampleInvestigation(
      {
        call,
        awaitRun: async (runId) => ctx.lab.jobs.get(runId)?.stored,
      },
      ctx.clock() - 3 * 24 * 3600 * 1000,
      (investigationId) => resolve({ investigationId }),
    ).catch((error: unknown) => {
      reject(
        new PeelError(
          'internal',
          `The worked example could not be created: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    });
  });
}
