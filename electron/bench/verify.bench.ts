// Verifying a 100,000-event audit chain: every hash recomputed from what is stored, every link and seq checked,
// the append-only triggers compared with the migrations. Goal from the issue: under 1 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE } from '../backend/paths';
import { verifyDatabase } from '../backend/services/trail/verify-audit';
import { openStore } from '../backend/store/store';
import type { Benchmark } from './bench-row';
import { buildLargeTrail } from './large-trail';

const EVENTS = 100_000;
const ROUNDS = 5;

export const benchmark: Benchmark = {
  name: 'verify',
  description:
    'verify the whole audit chain and triggers of a 100,000-event database (read-only, as npm run verify); goal < 1 s',
  async run(log) {
    const dataDir = mkdtempSync(join(tmpdir(), 'peel-bench-verify-'));
    try {
      const built = await buildLargeTrail(dataDir, EVENTS, (done) => {
        if (done % 20_000 === 0) log(`built ${done.toLocaleString('en-US')} events`);
      });
      log(`built in ${(built.buildMs / 1000).toFixed(1)} s`);
      // As `npm run verify` opens it: read-only, a new connection.
      const store = openStore(join(dataDir, DATABASE_FILE), { readonly: true });
      try {
        const times: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          const result = verifyDatabase(store);
          if (!result.ok || result.events !== EVENTS)
            throw new Error(`verification failed: ${JSON.stringify(result.firstBad)}`);
          times.push(result.wallMs);
          log(`round ${round + 1}: ${result.wallMs.toFixed(0)} ms`);
        }
        const sorted = [...times].sort((a, b) => a - b);
        const wallMs = sorted[Math.floor(ROUNDS / 2)]!;
        return [
          {
            bench: 'verify',
            events: EVENTS,
            wallMs,
            firstRoundMs: times[0]!,
            eventsPerSecond: (EVENTS / wallMs) * 1000,
            goalMs: 1000,
            buildMs: built.buildMs,
            rounds: ROUNDS,
            statistic: `median of ${ROUNDS}`,
          },
        ];
      } finally {
        store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
