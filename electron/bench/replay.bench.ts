// Replaying the worked example: every recorded run re-simulated from the parameters and seed its chain holds, its
// series, analysis and verdict compared with what the chain recorded (as `npm run verify -- --replay`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend } from '../backend/backend';
import { createSampleInvestigation } from '../backend/services/lab/sample-investigation';
import { replayRuns, replayTargets } from '../backend/services/trail/replay';
import { storedSeriesHash } from '../backend/services/trail/verify-state';
import { inProcessRunner } from '../backend/workers/simulation-runner';
import type { Benchmark } from './bench-row';

export const benchmark: Benchmark = {
  name: 'replay',
  description:
    "replay of the worked example's runs from their recorded parameters and seeds, checked against the chain",
  async run(log) {
    const dataDir = mkdtempSync(join(tmpdir(), 'peel-bench-replay-'));
    const backend = openBackend({ dataDir, host: 'browser', version: 'bench', runner: inProcessRunner });
    try {
      const built = performance.now();
      const id = await createSampleInvestigation(
        {
          async call(channel, request) {
            const result = await backend.dispatch(channel, request);
            if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
            return result.value as never;
          },
          awaitRun: async (runId) => backend.context.lab.jobs.get(runId)?.stored,
        },
        Date.UTC(2026, 0, 1),
      );
      log(`worked example built in ${((performance.now() - built) / 1000).toFixed(1)} s`);
      const targets = replayTargets(backend.store, id);
      const started = performance.now();
      const result = await replayRuns(targets, {
        runner: inProcessRunner,
        storedSeriesHashOf: (target) => storedSeriesHash(backend.store, target.localRunId),
      });
      const wallMs = performance.now() - started;
      if (!result.ok) throw new Error(`replay failed: ${result.firstMismatch?.message ?? 'cancelled'}`);
      return [
        {
          bench: 'replay',
          runs: result.replayed,
          wallMs,
          perRunMs: wallMs / Math.max(1, result.replayed),
          goal: 'none set (a figure to watch)',
        },
      ];
    } finally {
      backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
