import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../backend/services/exchange/chromium-pdf';
import { tellStory } from '../backend/services/exchange/test-story';
import { openStore } from '../backend/store/store';
import { runCli } from './run-cli.test-support';

const work = mkdtempSync(join(tmpdir(), 'peel-export-cli-'));
let db: string;
let investigationId: string;
let head: { seq: number; hash: string };

beforeAll(async () => {
  const story = await tellStory();
  investigationId = story.investigationId;
  head = story.t.backend.store.audit.head();
  db = join(story.t.dataDir, 'peel.sqlite');
  story.t.backend.close();
}, 60_000);
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(dirname(db), { recursive: true, force: true });
});

const exportCli = (args: string[]) => runCli('export', args);

const args = (format: string, out: string) => [
  '--db',
  db,
  '--investigation',
  investigationId,
  '--format',
  format,
  '--out',
  out,
];

describe('npm run export', () => {
  it('writes the Markdown postmortem and its graphs, reading the database without writing to it', async () => {
    const out = join(work, 'postmortem.md');
    const result = await exportCli(args('md', out));
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(out);
    expect(readdirSync(join(work, 'postmortem-assets')).sort()[0]).toBe('run-1-direct.svg');
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('](postmortem-assets/run-1-direct.svg)');
    expect(md.trimEnd().split('\n').at(-1)).toBe(
      `Verify: \`npm run verify -- --db peel.sqlite --expect-head ${head.hash} --expect-count ${head.seq}\``,
    );
    expect(result.stderr).toContain(`chain head ${head.seq} ${head.hash}`);
    // Read-only: the export is not recorded in the trail it exported (the app records its own exports).
    const store = openStore(db, { readonly: true });
    try {
      expect(store.audit.head()).toEqual(head);
    } finally {
      store.close();
    }
  });

  it('writes into a folder given with a trailing slash, named after the investigation', async () => {
    const result = await exportCli(args('csv', `${join(work, 'csv')}/`));
    expect(result.code).toBe(0);
    expect(readdirSync(join(work, 'csv'))).toEqual(['direct-ooms-in-ads-metrics-b-prod-b.audit.csv']);
  });

  it.runIf(findChromium().path !== null)(
    'prints the PDF with headless Chromium',
    async () => {
      const out = join(work, 'report.pdf');
      const result = await exportCli(args('pdf', out));
      expect(result.code).toBe(0);
      expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    },
    60_000,
  );

  it.each([
    [
      ['--db', 'nowhere.sqlite', '--investigation', 'x', '--format', 'md', '--out', 'x.md'],
      /--db: there is no file nowhere\.sqlite/,
    ],
    [['--investigation', 'x', '--format', 'md', '--out', 'x.md'], /--db is required/],
    [
      ['--db', '<db>', '--investigation', 'x', '--format', 'docx', '--out', 'x.md'],
      /--format: 'docx' is not one of md, html, pdf, csv, json/,
    ],
    [['--db', '<db>', '--investigation', 'x', '--format', 'md', '--out'], /--out: expects a value/],
    [['--db', '<db>', '--verbose'], /unknown argument '--verbose'/],
  ])('exits 2 naming the bad argument: %j', async (argv, message) => {
    const result = await exportCli(argv.map((a) => (a === '<db>' ? db : a)));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('usage: npm run export --');
  });

  it('exits 2 for an unknown investigation, listing the ones the database holds', async () => {
    const result = await exportCli([
      '--db',
      db,
      '--investigation',
      'nope',
      '--format',
      'md',
      '--out',
      join(work, 'n.md'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--investigation: there is no investigation 'nope' in ${db}; it holds:`);
    expect(result.stderr).toContain(investigationId);
    expect(existsSync(join(work, 'n.md'))).toBe(false);
  });
});

describe('findChromium', () => {
  it('prefers PEEL_CHROMIUM and says where it looked when nothing is there', () => {
    expect(findChromium({ PEEL_CHROMIUM: '/nowhere/chrome' }, ['/also/nowhere'])).toEqual({
      path: null,
      looked: ['/nowhere/chrome', '/also/nowhere'],
    });
    expect(findChromium({ PEEL_CHROMIUM: process.execPath }, []).path).toBe(process.execPath);
  });
});
