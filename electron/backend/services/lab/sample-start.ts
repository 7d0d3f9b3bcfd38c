// Starts the worked example from the app: the investigation exists at once (so the UI can open it) and fills in
// live as its experiments run, through the same dispatch path every other call takes.
import { PeelError } from '../../../shared/contract/errors';
import type { ServiceContext } from '../context';
import { createHandlers } from '../handlers';
import { createSampleInvestigation } from './sample-investigation';
import { validatedCall } from './validated-call';

export function startSampleInvestigation(ctx: ServiceContext): Promise<{ investigationId: string }> {
  const handlers = createHandlers(ctx, { host: 'browser', version: 'sample', dataDir: '' });
  return new Promise((resolve, reject) => {
    createSampleInvestigation(
      {
        call: (channel, request) => validatedCall(handlers, channel, request),
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
