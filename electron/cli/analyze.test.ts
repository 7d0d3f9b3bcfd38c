// Runs the analyze command as a user would (through tsx) on the recorded real-JVM fixtures and on bad input.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = join(root, 'shared', 'sim', 'analysis', 'real-jvm');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const work = mkdtempSync(join(tmpdir(), 'peel-analyze-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

function analyze(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [join(root, 'electron', 'cli', 'analyze.ts'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

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
    expect(stdout).toMatch(/^direct: sawtooth \(confidence \d\.\d\d\)/);
    expect(stdout).toMatch(/restarts \(detected from the series\): \d{13}/);
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
    ['a missing file', () => ['--csv', join(work, 'nope.csv')], /--csv: cannot read .*nope\.csv.*ENOENT/],
    [
      'a malformed CSV',
      () => {
        const file = join(work, 'bad.csv');
        writeFileSync(file, 'Time,direct\n1000,5\n2000,five\n');
        return ['--csv', file];
      },
      /bad\.csv: line 3, column 2: "five" in "direct" is not a number/,
    ],
    [
      'malformed --restarts',
      () => ['--csv', join(fixtures, 'leak.csv'), '--restarts', '1700000000000,soon'],
      /--restarts: 'soon' is neither epoch milliseconds nor an ISO-8601 date-time/,
    ],
    [
      '--restarts in the wrong time format',
      () => ['--csv', join(fixtures, 'leak.csv'), '--restarts', '2024-01-01T00:00:00Z'],
      /--restarts: '2024-01-01T00:00:00Z' is iso-8601 but the CSV's time column is epoch-ms/,
    ],
    [
      'an unknown flag',
      () => ['--csv', join(fixtures, 'leak.csv'), '--verbose'],
      /unknown argument '--verbose'/,
    ],
    ['no --csv', () => ['--json'], /--csv: missing/],
    ['a flag without its value', () => ['--csv'], /--csv: expects a value/],
    ['a bad --limit', () => ['--csv', join(fixtures, 'leak.csv'), '--limit', 'lots'], /--limit: 'lots'/],
  ];
  for (const [what, args, message] of failures) {
    it(`exits 2 naming the argument for ${what}`, async () => {
      const { code, stdout, stderr } = await analyze(args());
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
    }, 30_000);
  }
});
