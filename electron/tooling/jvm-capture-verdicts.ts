// `npx tsx electron/tooling/jvm-capture-verdicts.ts [DIR]`: the analysis's verdict on every recorded real-JVM
// capture (shared/sim/analysis/real-jvm/captures), as recorded and as Prometheus would have scraped it every 1, 5
// and 15 s, with the restart times given, detected from the series, and read from a job uptime gauge. Direct memory
// for every capture; resident memory too for the Unsafe leak. A table for people; the tests assert the same.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Capture,
  jobUptime,
  parseCapture,
} from '../../shared/sim/analysis/real-jvm/captures/capture-file';
import { scrape } from '../../shared/sim/analysis/real-jvm/captures/scrape';
import { analyzeResidentMemory } from '../../shared/sim/analysis/resident-memory';
import { restartsFromUptime } from '../../shared/sim/analysis/restart-signals';
import { analyzeStaircase } from '../../shared/sim/analysis/staircase';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] ?? join(here, '..', '..', 'shared', 'sim', 'analysis', 'real-jvm', 'captures');
const MiB = 2 ** 20;

const captures: Capture[] = readdirSync(dir)
  .filter((f) => f.endsWith('.csv'))
  .sort()
  .map((f) => {
    const name = f.slice(0, -4);
    return parseCapture(
      name,
      readFileSync(join(dir, f), 'utf8'),
      readFileSync(join(dir, `${name}.json`), 'utf8'),
    );
  });

const steps = [0, 1, 5, 15];
const cell = (verdict: string, retained: number) =>
  retained > 0 ? `${verdict} ${(retained / MiB).toFixed(1)}` : verdict;
console.log(`| capture | series | step | given | detected | from uptime |`);
console.log(`|---|---|---|---|---|---|`);
for (const c of captures) {
  for (const column of c.kind === 'unsafe-leak' ? (['direct', 'rss'] as const) : (['direct'] as const)) {
    for (const step of steps) {
      const uptime = jobUptime(c.timesSec, c.restartsSec, 60);
      const s =
        step === 0
          ? { timesSec: c.timesSec, values: [c[column], uptime] }
          : scrape(c.timesSec, [c[column], uptime], step, step * 1000 + c.name.length);
      const values = s.values[0] as Float64Array;
      const analyse = (restartsSec?: number[]) => {
        const input = { timesSec: s.timesSec, values, ...(restartsSec ? { restartsSec } : {}) };
        return column === 'rss' ? analyzeResidentMemory({ ...input, warmUpSec: 0 }) : analyzeStaircase(input);
      };
      const given = analyse(c.restartsSec);
      const detected = analyse();
      const fromUptime = analyse(restartsFromUptime(s.timesSec, s.values[1] as Float64Array));
      console.log(
        `| ${c.name} | ${column} | ${step === 0 ? 'raw' : `${step} s`} | ${cell(given.verdict, given.retainedBytesPerRestart)} | ${cell(detected.verdict, detected.retainedBytesPerRestart)} | ${cell(fromUptime.verdict, fromUptime.retainedBytesPerRestart)} |`,
      );
    }
  }
}
