// Runs DirectLeakProbe.java on the installed JDK and checks the analysis reads a real JVM's direct-memory series
// the way reference/jdk-direct-memory.md section 4 says they look. Also reads the recorded fixtures beside it.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSeriesCsv } from '../csv-series';
import { analyzeStaircase, type StaircaseResult, type StaircaseVerdict } from '../staircase';

const here = dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);
const MiB = 2 ** 20;

interface Mode {
  mode: string;
  flags: string[];
  restarts: number;
  verdicts: StaircaseVerdict[];
  /** The operator's map is 16 MiB: what a leaking restart keeps. */
  retained?: number;
}

const MODES: Mode[] = [
  {
    mode: 'leak',
    flags: ['-XX:+DisableExplicitGC', '-XX:MaxDirectMemorySize=256m'],
    restarts: 10,
    verdicts: ['leak'],
    retained: 16 * MiB,
  },
  // Each failed reservation waits 511 ms before the OOM (DisableExplicitGC): few restarts keep the run short.
  {
    mode: 'leak-oom',
    flags: ['-XX:+DisableExplicitGC', '-XX:MaxDirectMemorySize=112m'],
    restarts: 6,
    verdicts: ['leak'],
    retained: 16 * MiB,
  },
  {
    mode: 'sawtooth',
    flags: ['-XX:MaxDirectMemorySize=112m'],
    restarts: 10,
    verdicts: ['sawtooth'],
    retained: 16 * MiB,
  },
  {
    mode: 'fixed',
    flags: ['-XX:+DisableExplicitGC', '-XX:MaxDirectMemorySize=256m'],
    restarts: 10,
    verdicts: ['flat'],
  },
  { mode: 'transient', flags: ['-XX:MaxDirectMemorySize=256m'], restarts: 10, verdicts: ['flat', 'blip'] },
];

function expectReading(result: StaircaseResult, mode: Mode) {
  expect(mode.verdicts, result.summary).toContain(result.verdict);
  if (mode.retained !== undefined) {
    expect(result.retainedBytesPerRestart, result.summary).toBeGreaterThan(0.9 * mode.retained);
    expect(result.retainedBytesPerRestart, result.summary).toBeLessThan(1.1 * mode.retained);
  }
}

const javac = spawnSync('javac', ['-version'], { encoding: 'utf8' });
const hasJdk = javac.status === 0;
if (!hasJdk)
  console.warn(
    `real-jvm.test: skipping the live JVM runs: javac not runnable (${javac.error?.message ?? javac.stderr})`,
  );

describe.skipIf(!hasJdk)('a real JVM through simulated restarts (OpenJDK, G1)', () => {
  let work = '';
  const runs = new Map<string, { csv: string; restartsSec: number[]; ooms: string[] }>();

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'peel-probe-'));
    await run('javac', ['-d', work, join(here, 'DirectLeakProbe.java')]);
    await Promise.all(
      MODES.map(async (m) => {
        const out = join(work, `${m.mode}.csv`);
        const args = [
          '-Xmx64m',
          '-Xmn8m',
          '-XX:+UseG1GC',
          ...m.flags,
          '-cp',
          work,
          'DirectLeakProbe',
          m.mode,
          out,
          String(m.restarts),
          '4',
        ];
        const { stdout } = await run('java', args, { timeout: 30_000 });
        const lines = stdout.split('\n');
        runs.set(m.mode, {
          csv: readFileSync(out, 'utf8'),
          restartsSec: lines.filter((l) => l.startsWith('restart ')).map((l) => Number(l.slice(8)) / 1000),
          ooms: lines.filter((l) => l.startsWith('oom ')).map((l) => l.slice(4)),
        });
      }),
    );
  }, 60_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const m of MODES) {
    it(`reads the ${m.mode} run as ${m.verdicts.join(' or ')}, with and without its restart times`, () => {
      const recorded = runs.get(m.mode);
      if (!recorded) throw new Error(`no run for ${m.mode}`);
      const csv = parseSeriesCsv(recorded.csv);
      expect(csv.timeFormat).toBe('epoch-ms');
      expect(csv.series.map((s) => s.name)).toEqual(['direct']);
      expect(recorded.restartsSec).toHaveLength(m.restarts);
      const values = csv.series[0]?.values ?? new Float64Array();
      expectReading(analyzeStaircase({ timesSec: csv.timesSec, values }), m);
      const given = analyzeStaircase({ timesSec: csv.timesSec, values, restartsSec: recorded.restartsSec });
      expectReading(given, m);
      expect(given.restartsSec).toHaveLength(m.restarts);
    });
  }

  it('fails open() with the JDK 13+ direct OOM once the leak reaches the limit, and the JVM lives on', () => {
    // 48 MiB of pool and buffers plus 16 MiB per map under a 112 MiB limit: the 4th map no longer fits, and
    // every later open() fails the same way (reference section 2 for the text).
    const ooms = runs.get('leak-oom')?.ooms ?? [];
    expect(ooms).toHaveLength(3);
    for (const message of ooms) {
      expect(message).toMatch(
        /^Cannot reserve 16777216 bytes of direct buffer memory \(allocated: \d+, limit: 117440512\)$/,
      );
    }
    expect(runs.get('leak')?.ooms).toEqual([]);
  });
});

describe('the recorded real-JVM fixtures', () => {
  for (const m of MODES) {
    it(`${m.mode}.csv reads as ${m.verdicts.join(' or ')}`, () => {
      const csv = parseSeriesCsv(readFileSync(join(here, `${m.mode}.csv`), 'utf8'));
      expectReading(analyzeStaircase({ timesSec: csv.timesSec, values: csv.series[0]?.values ?? [] }), m);
    });
  }
});
