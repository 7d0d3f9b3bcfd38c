// `npm run sample -- [--data-dir DIR]`: creates the worked example investigation (the seed's story, solved through
// the real services) and prints its id on the last line.
import { openBackend } from '../backend/backend';
import { resolveDataDir } from '../backend/paths';
import { createSampleInvestigation } from '../backend/services/lab/sample-investigation';
import { inProcessRunner } from '../backend/workers/simulation-runner';

function parseArgs(argv: readonly string[]): { dataDir?: string } {
  const options: { dataDir?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data-dir') {
      const value = argv[++i];
      if (!value) {
        console.error('sample: --data-dir needs a folder');
        process.exit(2);
      }
      options.dataDir = value;
    } else {
      console.error(`sample: unknown argument '${arg}' (expected --data-dir DIR)`);
      process.exit(2);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const { dataDir } = parseArgs(process.argv.slice(2));
  const backend = openBackend({
    dataDir: resolveDataDir({ flag: dataDir }),
    host: 'browser',
    version: 'sample',
    runner: inProcessRunner,
  });
  const started = performance.now();
  try {
    const id = await createSampleInvestigation(
      {
        async call(channel, request) {
          const result = await backend.dispatch(channel, request);
          if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
          return result.value as never;
        },
        awaitRun: async (runId) => backend.context.lab.jobs.get(runId)?.stored,
        onStep: (step, index, total) => console.error(`[${index}/${total}] ${step}`),
      },
      Date.now() - 3 * 24 * 3600 * 1000,
    );
    console.error(
      `Created in ${((performance.now() - started) / 1000).toFixed(1)} s in ${backend.store.path}`,
    );
    console.log(id);
  } finally {
    backend.close();
  }
}

main().catch((error: unknown) => {
  console.error(`sample: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
