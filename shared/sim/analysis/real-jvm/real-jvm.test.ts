// Runs DirectLeakProbe.java and TaskManagerProbe.java (captures/) on the installed JDK and checks the analysis
// reads a real JVM's direct-memory and resident-memory series the way reference/jdk-direct-memory.md says they
// look. Also reads the recorded fixtures beside it.
//
// A live JVM's timing is not the test's to choose: on a loaded machine (both cores busy) young GCs, ticks and samples
// come late and unevenly. So the programs count their restart periods in young GCs, not in milliseconds, and the
// assertions are what the JVM guarantees whatever the timing: what close() keeps reachable, leaves tenured with
// explicit GC disabled, or leaves in Unsafe memory stays (a leak, of about the buffer's size); what close() frees
// or young GCs reclaim does not (never a leak or a saw-tooth). How much noise rides on top, and so exactly which
// of 'flat' and 'blip' a non-leaking run reads as, is the machine's, not the JVM's.
//
// DirectLeakProbe runs on its own clock ('ticks'): one sample per tick of its workload, each tick the same
// allocation, timed 10 ms apart, read once the JVM has run the Cleaners its last GC made due. Timed by the wall
// clock instead, a JVM that got a full core for some periods and a tenth of one for others (seven JVMs at once on
// two busy cores) stretched some periods tenfold and squeezed others into a few GC cycles, and the analysis, which
// reads levels, GC cycles and restart spacing in time, then missed steps: it read the leak run as two steps of
// 40 MiB (1 run in 95 under load). Now every period holds the same samples, however the JVM was scheduled.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSeriesCsv } from '../csv-series';
import { analyzeResidentMemory } from '../resident-memory';
import { analyzeStaircase, type StaircaseResult, type StaircaseVerdict } from '../staircase';
import { type Capture, parseCapture } from './captures/capture-file';

const here = dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);
const MiB = 2 ** 20;
/** However loaded the machine, a JVM run gets this long (the runs take seconds on an idle one). */
const JVM_TIMEOUT_MS = 240_000;

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
  // Nothing is kept across restarts: the verdict may be flat or, with RPC buffers caught right after a restart
  // by a late young GC, a blip; never memory retained.
  {
    mode: 'fixed',
    flags: ['-XX:+DisableExplicitGC', '-XX:MaxDirectMemorySize=256m'],
    restarts: 10,
    verdicts: ['flat', 'blip'],
  },
  { mode: 'transient', flags: ['-XX:MaxDirectMemorySize=256m'], restarts: 10, verdicts: ['flat', 'blip'] },
];

/**
 * Incidents from captures/TaskManagerProbe.java, short: five restarts 2-3 s apart (and at least 3 young GCs),
 * sampled every 50 ms. The seeds fix which restarts leak (sporadic-leak 11: the first three; unsafe-leak 42: all).
 */
const INCIDENTS = [
  { kind: 'sporadic-leak', seed: 11 },
  { kind: 'unsafe-leak', seed: 42 },
];
const INCIDENT_FLAGS = ['-Xms64m', '-Xmx64m', '-Xmn8m', '-XX:+AlwaysPreTouch', '-XX:+UseG1GC'];

/**
 * The retained bytes per restart are the map's within wide bounds: RPC buffers in flight and garbage awaiting a
 * young GC move the settled levels by a few MiB either way, more on a loaded machine.
 */
function expectReading(result: StaircaseResult, mode: Mode) {
  expect(mode.verdicts, result.summary).toContain(result.verdict);
  if (mode.retained !== undefined) {
    expect(result.retainedBytesPerRestart, result.summary).toBeGreaterThan(0.5 * mode.retained);
    expect(result.retainedBytesPerRestart, result.summary).toBeLessThan(1.5 * mode.retained);
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
  const incidents = new Map<string, Capture>();

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'peel-probe-'));
    await run('javac', [
      '-d',
      work,
      join(here, 'DirectLeakProbe.java'),
      join(here, 'captures', 'TaskManagerProbe.java'),
    ]);
    const incidentRuns = INCIDENTS.map(async (incident) => {
      const prefix = join(work, incident.kind);
      const args = [
        ...INCIDENT_FLAGS,
        '-cp',
        work,
        'TaskManagerProbe',
        incident.kind,
        prefix,
        String(incident.seed),
        '5',
        '2',
        '3',
        '50',
        '3',
      ];
      await run('java', args, { timeout: JVM_TIMEOUT_MS });
      incidents.set(
        incident.kind,
        parseCapture(
          incident.kind,
          readFileSync(`${prefix}.csv`, 'utf8'),
          readFileSync(`${prefix}.json`, 'utf8'),
        ),
      );
    });
    const probeRuns = MODES.map(async (m) => {
      const out = join(work, `${m.mode}.csv`);
      const args = [
        '-Xmx64m',
        '-Xmn8m',
        '-XX:+UseG1GC',
        ...m.flags,
        // The ticks clock waits for the Reference Handler through Reference's private method.
        '--add-opens',
        'java.base/java.lang.ref=ALL-UNNAMED',
        '-cp',
        work,
        'DirectLeakProbe',
        m.mode,
        out,
        String(m.restarts),
        'ticks',
      ];
      const { stdout } = await run('java', args, { timeout: JVM_TIMEOUT_MS });
      const lines = stdout.split('\n');
      runs.set(m.mode, {
        csv: readFileSync(out, 'utf8'),
        restartsSec: lines.filter((l) => l.startsWith('restart ')).map((l) => Number(l.slice(8)) / 1000),
        ooms: lines.filter((l) => l.startsWith('oom ')).map((l) => l.slice(4)),
      });
    });
    await Promise.all([...probeRuns, ...incidentRuns]);
  }, 2 * JVM_TIMEOUT_MS);

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
      // Every period runs 16 young GCs, at least a tick each, and each tick is a sample.
      for (const [k, from] of [csv.timesSec[0] ?? 0, ...recorded.restartsSec].entries()) {
        const to = recorded.restartsSec[k] ?? Number.POSITIVE_INFINITY;
        const samples = csv.timesSec.filter((t) => t > from && t < to).length;
        expect(samples, `samples in period ${k}`).toBeGreaterThanOrEqual(16);
      }
      const values = csv.series[0]?.values ?? new Float64Array();
      expectReading(analyzeStaircase({ timesSec: csv.timesSec, values }), m);
      const given = analyzeStaircase({ timesSec: csv.timesSec, values, restartsSec: recorded.restartsSec });
      expectReading(given, m);
      expect(given.restartsSec).toHaveLength(m.restarts);
    });
  }

  it('keeps a sporadic leak: restarts whose close() leaves the buffer reachable step up by it, read as a leak', () => {
    const c = incidents.get('sporadic-leak');
    if (!c) throw new Error('no sporadic-leak run');
    const leaked = c.restartNotes.filter((n) => n.startsWith('leaked '));
    // The seed decides which restarts leak: three of the five, each the same state buffer.
    expect(leaked).toHaveLength(3);
    const bytes = Number(leaked[0]?.slice('leaked '.length));
    const r = analyzeStaircase({ timesSec: c.timesSec, values: c.direct, restartsSec: c.restartsSec });
    expect(r.verdict, r.summary).toBe('leak');
    expect(r.retainedBytesPerRestart, r.summary).toBeGreaterThan(0.5 * bytes);
    expect(r.retainedBytesPerRestart, r.summary).toBeLessThan(1.5 * bytes);
  });

  it('keeps an Unsafe leak out of direct memory and in resident memory', () => {
    const c = incidents.get('unsafe-leak');
    if (!c) throw new Error('no unsafe-leak run');
    const leaked = c.restartNotes.filter((n) => n.startsWith('leaked '));
    expect(leaked.length).toBeGreaterThanOrEqual(3);
    const bytes = Number(leaked[0]?.slice('leaked '.length));
    const onDirect = analyzeStaircase({ timesSec: c.timesSec, values: c.direct, restartsSec: c.restartsSec });
    expect(['flat', 'blip'], onDirect.summary).toContain(onDirect.verdict);
    // -XX:+AlwaysPreTouch: the heap is resident from the start, so the recording holds no warm-up to leave out.
    const onRss = analyzeResidentMemory({
      timesSec: c.timesSec,
      values: c.rss,
      restartsSec: c.restartsSec,
      warmUpSec: 0,
    });
    expect(onRss.verdict, onRss.summary).toBe('leak');
    expect(onRss.retainedBytesPerRestart, onRss.summary).toBeGreaterThan(0.5 * bytes);
    expect(onRss.retainedBytesPerRestart, onRss.summary).toBeLessThan(1.5 * bytes);
  });

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
