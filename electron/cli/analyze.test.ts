import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobUptime, parseCapture } from '../../shared/sim/analysis/real-jvm/captures/capture-file';
import { startPrometheus, type TestPrometheus } from '../backend/services/imports/test-prometheus';
import { projectRoot, runCli } from './run-cli.test-support';

const root = projectRoot;
const fixtures = join(root, 'shared', 'sim', 'analysis', 'real-jvm');
const importFixtures = join(root, 'shared', 'imports', 'fixtures');
const work = mkdtempSync(join(tmpdir(), 'peel-analyze-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

const analyze = (args: string[]) => runCli('analyze', args);

interface JsonSeries {
  name: string;
  verdict: string;
  retainedBytesPerRestart: number;
  restarts: (number | string)[];
  restartsDetected: boolean;
  confidence: number;
  summary: string;
}

const EXPECTED: [string, string[]][] = [
  ['leak', ['leak']],
  ['leak-oom', ['leak']],
  ['sawtooth', ['sawtooth']],
  ['fixed', ['flat']],
  ['transient', ['flat', 'blip']],
];

describe('npm run analyze', () => {
  for (const [mode, verdicts] of EXPECTED) {
    it(`prints the ${mode} fixture's verdict as JSON`, async () => {
      const { code, stdout, stderr } = await analyze(['--csv', join(fixtures, `${mode}.csv`), '--json']);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const parsed = JSON.parse(stdout) as { series: JsonSeries[] };
      expect(parsed.series).toHaveLength(1);
      const s = parsed.series[0] as JsonSeries;
      expect(s.name).toBe('direct');
      expect(verdicts).toContain(s.verdict);
      expect(s.restartsDetected).toBe(true);
      expect(s.confidence).toBeGreaterThanOrEqual(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
      expect(s.summary.startsWith(s.verdict)).toBe(true);
      for (const r of s.restarts) expect(typeof r).toBe('number');
    }, 30_000);
  }

  it('uses restarts given in the CSV time format and says they were given', async () => {
    const csv = join(fixtures, 'leak.csv');
    const detected = JSON.parse((await analyze(['--csv', csv, '--json'])).stdout) as { series: JsonSeries[] };
    const restarts = detected.series[0]?.restarts ?? [];
    const given = await analyze(['--csv', csv, '--restarts', restarts.join(','), '--json']);
    expect(given.code).toBe(0);
    const s = (JSON.parse(given.stdout) as { series: JsonSeries[] }).series[0] as JsonSeries;
    expect(s.verdict).toBe('leak');
    expect(s.restartsDetected).toBe(false);
    expect(s.restarts).toHaveLength(restarts.length);
  }, 30_000);

  it('prints a readable report without --json', async () => {
    const { code, stdout } = await analyze(['--csv', join(fixtures, 'sawtooth.csv')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^# .*sawtooth\.csv: grafana-csv-joined, 1 series\ndirect: sawtooth \(confidence \d\.\d\d\)/,
    );
    expect(stdout).toMatch(
      /\n {2}TaskManager: unknown\n {2}labels: \(no labels\)\n {2}178 points, 20\d\d-\d\d-\d\dT[\d:.]+Z \.\. 20/,
    );
    expect(stdout).toMatch(/restarts \(detected from the series\): 20\d\d-\d\d-\d\dT[\d:.]+Z, /);
    expect(stdout).toMatch(/retained per restart: 1\d(\.\d)? MiB/);
  }, 30_000);

  it('reads ISO-8601 exports and takes --restarts in that format', async () => {
    const rows = ['Time,heap'];
    for (let i = 0; i < 120; i++) {
      const level = 100 + 20 * Math.floor(i / 30);
      rows.push(`${new Date(Date.UTC(2024, 0, 1, 0, 0, i * 15)).toISOString()},${level} MiB`);
    }
    const file = join(work, 'iso.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const restarts = ['2024-01-01T00:07:30.000Z', '2024-01-01T00:15:00.000Z', '2024-01-01T00:22:30.000Z'];
    const { code, stdout } = await analyze(['--csv', file, '--restarts', restarts.join(','), '--json']);
    expect(code).toBe(0);
    const s = (JSON.parse(stdout) as { series: JsonSeries[] }).series[0] as JsonSeries;
    expect(s.verdict).toBe('leak');
    expect(s.retainedBytesPerRestart).toBe(20 * 2 ** 20);
    expect(s.restarts).toEqual(restarts);
  }, 30_000);

  it('reads restarts from an imported job uptime and resident memory with the resident analysis (a real JVM leaking Unsafe memory)', async () => {
    // TaskManagerProbe.java's Unsafe leak on OpenJDK 17: direct memory flat, RSS keeping 9 MiB at four of five
    // restarts. Exported as Grafana would, with Flink's job uptime (ms) beside it, scraped every 5 s.
    const capture = parseCapture(
      'unsafe-leak-1',
      readFileSync(join(fixtures, 'captures', 'unsafe-leak-1.csv'), 'utf8'),
      readFileSync(join(fixtures, 'captures', 'unsafe-leak-1.json'), 'utf8'),
    );
    const uptime = jobUptime(capture.timesSec, capture.restartsSec, 60);
    const startMs = 1_795_511_035_000;
    const rows = [
      '"Time","flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed{tm_id=""tm_1""}","process_resident_memory_bytes{tm_id=""tm_1""}","flink_jobmanager_job_uptime{job_name=""probe""}"',
    ];
    for (let i = 0; i < capture.timesSec.length; i += 20) {
      const t = Math.round(startMs + capture.timesSec[i]! * 1000);
      rows.push(`${t},${capture.direct[i]},${capture.rss[i]},${Math.round(uptime[i]! * 1000)}`);
    }
    const file = join(work, 'unsafe-leak.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const { code, stdout, stderr } = await analyze([file, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const series = (JSON.parse(stdout) as { series: (JsonSeries & Record<string, unknown>)[] }).series;
    const direct = series.find((s) => s.kind === 'direct-used');
    const rss = series.find((s) => s.kind === 'resident');
    expect(direct).toMatchObject({ verdict: 'flat', analysis: 'staircase', restartsFrom: 'imported uptime' });
    expect(rss).toMatchObject({
      verdict: 'leak',
      analysis: 'resident memory',
      restartsFrom: 'imported uptime',
    });
    expect(rss?.restartsDetected).toBe(false);
    // The restarts the uptime gauge gives are the probe's own, placed by the analysis at the first sample after
    // each (the probe's samples drift, so within two 5 s scrapes).
    const restarts = ((rss?.restarts ?? []) as number[]).map((t) => (t - startMs) / 1000);
    expect(restarts).toHaveLength(capture.restartsSec.length);
    restarts.forEach((t, i) => {
      expect(t).toBeGreaterThanOrEqual(capture.restartsSec[i]!);
      expect(t - capture.restartsSec[i]!).toBeLessThan(10);
    });
    expect(series.find((s) => s.kind === 'uptime')?.verdict).toBeNull();
  }, 30_000);

  it('splits the series at --fresh-starts and reasons about --limit', async () => {
    // Two JVMs, the container replaced at t = 1800 s: in each a 20 MiB-per-restart staircase that sticks at
    // 160 MiB, where the next map no longer fits under a 170 MiB limit.
    const rows = ['Time,direct'];
    const restarts: number[] = [];
    for (let t = 0; t < 3600; t += 10) {
      const sinceFresh = t < 1800 ? t : t - 1800;
      const step = Math.floor(sinceFresh / 300);
      rows.push(`${t * 1000},${Math.min(160, 100 + 20 * step)} MiB`);
      if (sinceFresh % 300 === 0 && sinceFresh > 0) restarts.push(t * 1000);
    }
    const file = join(work, 'fresh.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const base = ['--csv', file, '--restarts', restarts.join(','), '--json'];
    const told = await analyze([...base, '--fresh-starts', '1800000', '--limit', '170 MiB']);
    expect(told.code).toBe(0);
    const s = (JSON.parse(told.stdout) as { series: JsonSeries[] }).series[0] as JsonSeries;
    expect(s.verdict).toBe('leak');
    expect(s.retainedBytesPerRestart).toBe(20 * 2 ** 20);
    expect(s.summary).toContain('at the limit (170 MiB) from restart 3');
    const untold = (JSON.parse((await analyze(base)).stdout) as { series: JsonSeries[] })
      .series[0] as JsonSeries;
    expect(untold.verdict).toBe('sawtooth');
  }, 30_000);

  const failures: [string, () => string[], RegExp][] = [
    [
      'a missing file',
      () => ['--csv', join(work, 'nope.csv')],
      /nope\.csv: cannot read the file \(no such file\)/,
    ],
    [
      'a malformed CSV',
      () => {
        const file = join(work, 'bad.csv');
        writeFileSync(file, 'Time,direct\n1000,5\n2000,five\n');
        return [file];
      },
      /bad\.csv: line 3, column 2, field "direct": "five" is not a number/,
    ],
    [
      'a file in no format Peel reads',
      () => {
        const file = join(work, 'notes.txt');
        writeFileSync(file, 'restarted the job at 14:05\n');
        return [file];
      },
      /notes\.txt: line 1: not a format Peel reads/,
    ],
    [
      'malformed --restarts',
      () => ['--csv', join(fixtures, 'leak.csv'), '--restarts', '1700000000000,soon'],
      /--restarts: 'soon' is neither a date-time, epoch seconds, epoch milliseconds nor now/,
    ],
    [
      'an unknown flag',
      () => ['--csv', join(fixtures, 'leak.csv'), '--verbose'],
      /unknown argument '--verbose'/,
    ],
    ['no input', () => ['--json'], /no input: give one or more FILEs, or --prometheus URL/],
    ['a flag without its value', () => ['--csv'], /--csv: expects a value/],
    ['a bad --limit', () => ['--csv', join(fixtures, 'leak.csv'), '--limit', 'lots'], /--limit: 'lots'/],
    [
      'a live query without --step',
      () => ['--prometheus', 'http://127.0.0.1:1', '--query', 'up', '--start', 'now-1h', '--end', 'now'],
      /--step: missing/,
    ],
    [
      'files and a live query together',
      () => [join(fixtures, 'leak.csv'), '--prometheus', 'http://127.0.0.1:1'],
      /either files or one live query/,
    ],
    [
      '--query without --prometheus',
      () => [join(fixtures, 'leak.csv'), '--query', 'up'],
      /--query: only with --prometheus URL/,
    ],
    [
      'an unreachable Prometheus',
      () => [
        '--prometheus',
        'http://user:pw-secret@127.0.0.1:2',
        '--query',
        'up',
        '--start',
        'now-1h',
        '--end',
        'now',
        '--step',
        '15s',
      ],
      /^analyze: http:\/\/127\.0\.0\.1:2\/api\/v1\/query_range\?query=up.*cannot reach the server \(ECONNREFUSED/,
    ],
  ];
  for (const [what, args, message] of failures) {
    it(`exits 2 naming the argument for ${what}`, async () => {
      const { code, stdout, stderr } = await analyze(args());
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr).not.toContain('pw-secret');
    }, 30_000);
  }
});

const MiB = 2 ** 20;

/** A leak of 16 MiB at each of three restarts on tm_1 over 2 MiB of noise, and a flat tm_2. */
function leakSamples(t0: number, points: number): Array<[string, number, number]> {
  const samples: Array<[string, number, number]> = [];
  for (let i = 0; i < points; i++) {
    const noise = ((i * 7919) % 13) * 150_000;
    samples.push(['tm_1', t0 + i * 15, 200 * MiB + Math.floor(i / 60) * 16 * MiB + noise]);
    samples.push(['tm_2', t0 + i * 15, 200 * MiB + noise]);
  }
  return samples;
}

interface Report {
  sources: Array<{ source: string; format: string }>;
  series: Array<{
    source: string;
    name: string;
    taskManager: string | null;
    labels: Record<string, string>;
    kind: string | null;
    points: number;
    first: number | string;
    last: number | string;
    verdict: string | null;
    restartsFrom?: string;
    notAnalysed?: string;
  }>;
}

describe('npm run analyze on every format, and live', () => {
  it('reads files of several formats in one command, recognised from their content', async () => {
    const scrapes = join(work, 'scrapes.dat');
    writeFileSync(scrapes, readFileSync(join(importFixtures, 'flink-reporter-scrapes.txt')));
    const csv = join(work, 'leak-export.csv');
    const rows = [
      '"Time","flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed{host=""vm"", tm_id=""tm_1""}"',
    ];
    for (const [tm, t, v] of leakSamples(1795511035, 240))
      if (tm === 'tm_1') rows.push(`${t * 1000},${(v / MiB).toFixed(3)} MiB`);
    writeFileSync(csv, `${rows.join('\r\n')}\r\n`);
    const { code, stdout, stderr } = await analyze([
      csv,
      join(importFixtures, 'prometheus-query-range.json'),
      scrapes,
      join(importFixtures, 'flink-job.json'),
      '--scrape-start',
      '2026-11-30T14:00:00Z',
      '--scrape-interval',
      '15s',
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as Report;
    expect(parsed.sources.map((s) => s.format)).toEqual([
      'grafana-csv-joined',
      'prometheus-json',
      'prometheus-text',
      'flink-rest-job',
    ]);
    const leak = parsed.series[0];
    expect(leak).toMatchObject({ taskManager: 'tm_1', kind: 'direct-used', points: 240, verdict: 'leak' });
    expect(leak?.first).toBe(1795511035000);
    const fromJson = parsed.series.filter((s) => s.source.endsWith('prometheus-query-range.json'));
    expect(fromJson.map((s) => [s.taskManager, s.points, s.first])).toEqual([
      ['container_e05_1700000000000_0042_01_000002', 5, 1795511035],
      ['container_e05_1700000000000_0042_01_000003', 3, 1795511035],
    ]);
    const gc = parsed.series.find((s) => s.kind === 'gc-count');
    expect(gc?.verdict).toBeNull();
    expect(gc?.notAnalysed).toBe('gc-count is not a memory series');
  }, 60_000);

  describe('--prometheus', () => {
    let prometheus: TestPrometheus;
    const t0 = Math.floor(Date.now() / 1000 / 60) * 60 - 3 * 3600;
    beforeAll(async () => {
      const lines = ['# TYPE flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed gauge'];
      for (const [tm, t, v] of leakSamples(t0, 240)) {
        lines.push(
          `flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed{host="vm",tm_id="${tm}"} ${v} ${t}`,
        );
      }
      prometheus = await startPrometheus({ openMetrics: `${lines.join('\n')}\n# EOF\n` });
    }, 180_000);
    afterAll(async () => {
      await prometheus?.stop();
    }, 60_000);

    it('queries a live server and prints each TaskManager with its verdict', async () => {
      const base = [
        '--prometheus',
        prometheus.url,
        '--query',
        'flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed',
        '--start',
        String(t0),
        '--end',
        new Date((t0 + 239 * 15) * 1000).toISOString(),
        '--step',
        '15s',
      ];
      const json = await analyze([...base, '--json']);
      expect(json.stderr).toBe('');
      expect(json.code).toBe(0);
      const parsed = JSON.parse(json.stdout) as Report;
      expect(parsed.series.map((s) => [s.taskManager, s.points, s.first, s.verdict])).toEqual([
        ['tm_1', 240, t0, 'leak'],
        ['tm_2', 240, t0, 'flat'],
      ]);
      const text = await analyze(base);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(
        /flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed: leak \(confidence \d\.\d\d\)\n {2}TaskManager: tm_1\n {2}labels: tm_id="tm_1", host="vm"\n {2}240 points/,
      );
      expect(text.stdout).toContain(`240 points, ${new Date(t0 * 1000).toISOString()} .. `);
    }, 120_000);
  });
});
