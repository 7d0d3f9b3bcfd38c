// The analysis on series recorded from real JVMs (TaskManagerProbe.java, re-recorded by record.sh): four incident
// shapes, three captures each, read as recorded (every 250 ms) and as Prometheus would have scraped them (1, 5 and
// 15 s, with jitter and lost scrapes), with the restart times given, read from a job uptime gauge, and detected.
// What is asserted where follows what the samples can show: a restart interval of 35-60 s scraped every 15 s is
// three samples, too few to tell a 5 MiB step from 8 MiB of GC saw-tooth, so there only wrong claims are refused.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeResidentMemory } from '../../resident-memory';
import { restartsFromUptime } from '../../restart-signals';
import { analyzeStaircase, type StaircaseResult, type StaircaseVerdict } from '../../staircase';
import { type Capture, type CaptureKind, jobUptime, parseCapture } from './capture-file';
import { scrape } from './scrape';

const here = dirname(fileURLToPath(import.meta.url));
const captures: Capture[] = readdirSync(here)
  .filter((f) => f.endsWith('.csv'))
  .sort()
  .map((f) => {
    const name = f.slice(0, -4);
    return parseCapture(
      name,
      readFileSync(join(here, f), 'utf8'),
      readFileSync(join(here, `${name}.json`), 'utf8'),
    );
  });

/** The direct-memory verdict each kind must get. */
const DIRECT: Record<CaptureKind, StaircaseVerdict> = {
  'sporadic-leak': 'leak',
  'restart-blip': 'blip',
  'gc-left-step': 'leak',
  'unsafe-leak': 'flat',
};

/** Claims that are wrong for a kind whatever the sampling: memory retained where none is, or cut back by a GC. */
const WRONG: Record<CaptureKind, StaircaseVerdict[]> = {
  'sporadic-leak': ['sawtooth'],
  'restart-blip': ['leak', 'sawtooth'],
  'gc-left-step': ['sawtooth'],
  'unsafe-leak': ['leak', 'sawtooth'],
};

/** What one leaking restart keeps, from the restart notes ("leaked 5242880", "dropped 1769472"). */
function leakedBytes(c: Capture): number {
  const sizes = c.restartNotes
    .map((n) => /^(?:leaked|dropped) (\d+)$/.exec(n)?.[1])
    .filter((s) => s !== undefined);
  return Number(sizes[0] ?? 0);
}

interface View {
  label: string;
  timesSec: Float64Array;
  direct: Float64Array;
  rss: Float64Array;
  uptimeRestartsSec: number[];
}

/** The capture as recorded, and scraped every `step` seconds (seeds vary the phase and jitter). */
function view(c: Capture, step: number, seed: number): View {
  const uptime = jobUptime(c.timesSec, c.restartsSec, 60);
  const s =
    step === 0
      ? { timesSec: c.timesSec, values: [c.direct, c.rss, uptime] }
      : scrape(c.timesSec, [c.direct, c.rss, uptime], step, seed);
  return {
    label: step === 0 ? 'as recorded' : `scraped every ${step} s (seed ${seed})`,
    timesSec: s.timesSec,
    direct: s.values[0] as Float64Array,
    rss: s.values[1] as Float64Array,
    uptimeRestartsSec: restartsFromUptime(s.timesSec, s.values[2] as Float64Array),
  };
}

function direct(v: View, restartsSec?: number[]): StaircaseResult {
  return analyzeStaircase({
    timesSec: v.timesSec,
    values: v.direct,
    ...(restartsSec ? { restartsSec } : {}),
  });
}

function resident(v: View, restartsSec?: number[]): StaircaseResult {
  // The recording starts after the JVM's warm-up (TaskManagerProbe warms up first): nothing to leave out.
  return analyzeResidentMemory({
    timesSec: v.timesSec,
    values: v.rss,
    warmUpSec: 0,
    ...(restartsSec ? { restartsSec } : {}),
  });
}

const why = (c: Capture, v: View, r: StaircaseResult) => `${c.name} ${v.label}: ${r.summary}`;

describe('real-JVM captures', () => {
  it('holds three captures of each kind, each with its restarts', () => {
    const kinds = captures.map((c) => c.kind);
    for (const kind of Object.keys(DIRECT)) expect(kinds.filter((k) => k === kind)).toHaveLength(3);
    for (const c of captures) expect(c.restartsSec.length).toBeGreaterThanOrEqual(4);
  });

  for (const c of captures) {
    describe(c.name, () => {
      it(`reads direct memory as ${DIRECT[c.kind]} with its restarts given or read from uptime, as recorded and scraped every 1 s`, () => {
        for (const v of [view(c, 0, 0), view(c, 1, 1), view(c, 1, 2)]) {
          expect(v.uptimeRestartsSec).toHaveLength(c.restartsSec.length);
          for (const restarts of [c.restartsSec, v.uptimeRestartsSec]) {
            const r = direct(v, restarts);
            expect(r.verdict, why(c, v, r)).toBe(DIRECT[c.kind]);
          }
        }
      });

      if (c.kind === 'sporadic-leak' || c.kind === 'gc-left-step') {
        it('says how much a leaking restart keeps, within a third of what the program kept', () => {
          const r = direct(view(c, 0, 0), c.restartsSec);
          expect(r.retainedBytesPerRestart, why(c, view(c, 0, 0), r)).toBeGreaterThan(
            (2 / 3) * leakedBytes(c),
          );
          expect(r.retainedBytesPerRestart, why(c, view(c, 0, 0), r)).toBeLessThan((4 / 3) * leakedBytes(c));
        });
      }

      if (c.kind !== 'restart-blip') {
        // Transients after restarts (restart-blip) cannot be told from random spikes without the restart times;
        // there the next test only refuses a wrong claim.
        it(`reads direct memory as ${DIRECT[c.kind]} with restarts detected from the series as recorded`, () => {
          const v = view(c, 0, 0);
          const r = direct(v);
          expect(r.verdict, why(c, v, r)).toBe(DIRECT[c.kind]);
        });
      }

      it('makes no wrong claim on direct memory at any scrape interval, restarts given, from uptime or detected', () => {
        for (const step of [0, 1, 5, 15]) {
          for (const seed of [1, 2]) {
            const v = view(c, step, seed);
            for (const restarts of [c.restartsSec, v.uptimeRestartsSec, undefined]) {
              const r = direct(v, restarts);
              expect(WRONG[c.kind], why(c, v, r)).not.toContain(r.verdict);
            }
          }
        }
      });

      if (c.kind === 'unsafe-leak') {
        it('reads resident memory as a leak while direct memory stays flat, at every scrape interval', () => {
          for (const step of [0, 1, 5, 15]) {
            const v = view(c, step, 3);
            for (const restarts of [c.restartsSec, v.uptimeRestartsSec]) {
              const r = resident(v, restarts);
              expect(r.verdict, why(c, v, r)).toBe('leak');
              expect(r.retainedBytesPerRestart, why(c, v, r)).toBeGreaterThan(0.5 * leakedBytes(c));
              expect(r.retainedBytesPerRestart, why(c, v, r)).toBeLessThan(1.5 * leakedBytes(c));
            }
            if (step <= 1) expect(direct(v, c.restartsSec).verdict).toBe('flat');
          }
        });
      }
    });
  }
});
