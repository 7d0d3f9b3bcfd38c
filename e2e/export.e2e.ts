// Browser mode, handing a finished investigation over: the worked example (npm run sample) exported as Markdown
// (one ZIP: the .md and its graphs) and HTML from the investigation's Export menu, the HTML opened in Chromium and
// read as a colleague would (sections, graphs, the chain head), the PDF action saving a PDF printed by headless Chromium,
// and the JSON bundle imported back: read-only with the hand-over first, then continued in a branch.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './fixtures/accessibility';
import { makeDataDir, type PeelHost, projectRoot, removeDataDir, startPeelHost } from './fixtures/peel-host';
import { readStoredZip } from './fixtures/read-zip';
import { snap } from './fixtures/screenshots';

const SAMPLE_TITLE = 'Worked example: direct-memory OOMs in the ads pipeline';
const SECTIONS = [
  'Summary',
  'Hand-over',
  'Hypotheses',
  'Experiments',
  'Verification (A/B/A)',
  'Graphs',
  'The nine rules',
  'Timeline',
];

let dataDir: string;
let downloads: string;
let host: PeelHost;

test.beforeAll(() => {
  dataDir = makeDataDir();
  downloads = mkdtempSync(join(tmpdir(), 'peel-e2e-downloads-'));
  const sample = spawnSync(
    join(projectRoot, 'node_modules', '.bin', 'tsx'),
    ['electron/cli/sample.ts', '--data-dir', dataDir],
    {
      cwd: projectRoot,
      encoding: 'utf8',
    },
  );
  if (sample.status !== 0) throw new Error(`npm run sample failed:\n${sample.stderr}`);
});

test.beforeEach(async () => {
  host = await startPeelHost(dataDir);
});
test.afterEach(async () => host.stop());
test.afterAll(() => {
  removeDataDir(dataDir);
  rmSync(downloads, { recursive: true, force: true });
});

async function openSample(page: Page): Promise<void> {
  await page.goto(host.url);
  await page
    .getByRole('button', { name: new RegExp(SAMPLE_TITLE) })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
}

async function exportFrom(page: Page, label: string): Promise<{ name: string; path: string }> {
  await page.getByRole('button', { name: 'Export ▾' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: new RegExp(`^${label}`) }).click(),
  ]);
  const path = join(downloads, download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), path };
}

/** The database's chain head now, as `npm run verify` would print it. */
async function chainHead(): Promise<{ count: number; hash: string }> {
  const response = await fetch(`${host.origin}/api/call/audit.verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-peel-token': host.token },
    body: '{}',
  });
  const result = (await response.json()) as { value: { ok: boolean; headSeq: number; headHash: string } };
  expect(result.value.ok).toBe(true);
  return { count: result.value.headSeq, hash: result.value.headHash };
}

test('exports the worked example as Markdown and HTML that read well, with the chain head at the end', async ({
  page,
  context,
}) => {
  await openSample(page);
  await page.getByRole('button', { name: 'Export ▾' }).click();
  await expect(page.getByRole('menu', { name: 'Export formats' })).toBeVisible();
  await snap(page, 'export-01-menu');
  await expectNoSeriousA11yViolations(page, 'investigation with the export menu open');
  await page.keyboard.press('Escape');

  // Markdown: one ZIP holding the .md and the graphs it links to.
  const md = await exportFrom(page, 'Markdown postmortem');
  expect(md.name).toBe('worked-example-direct-memory-ooms-in-the-ads-pipeline.zip');
  const files = readStoredZip(readFileSync(md.path));
  const markdown = files.get('worked-example-direct-memory-ooms-in-the-ads-pipeline.md')!;
  expect(markdown.split('\n')[0]).toBe(`# Postmortem: ${SAMPLE_TITLE}`);
  expect(markdown.split('\n').filter((l) => l.startsWith('## '))).toEqual(SECTIONS.map((s) => `## ${s}`));
  const svgs = [...files.keys()].filter((name) => name.endsWith('.svg'));
  expect(svgs.length).toBeGreaterThanOrEqual(5);
  for (const svg of svgs) expect(markdown).toContain(`](${svg})`);
  expect(markdown).toMatch(
    /Verify: `npm run verify -- --db peel\.sqlite --expect-head [0-9a-f]{64} --expect-count \d+`\n$/,
  );

  // HTML: one self-contained file; open it in Chromium and read it.
  const html = await exportFrom(page, 'HTML report');
  const text = readFileSync(html.path, 'utf8');
  expect(text).not.toMatch(/<script/i);
  const headAtExport = text.match(/--expect-head ([0-9a-f]{64}) --expect-count (\d+)/)!;
  const report = await context.newPage();
  await report.goto(pathToFileURL(html.path).href);
  await expect(report.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
  for (const section of SECTIONS)
    await expect(report.getByRole('heading', { level: 2, name: section, exact: true })).toBeVisible();
  await expect(report.locator('#graphs figure svg').first()).toBeVisible();
  expect(await report.locator('#graphs figure svg path').count()).toBeGreaterThan(8);
  await expect(report.locator('#verification')).toContainText('Proven on the experiment that made it fail');
  await expect(report.locator('#hypotheses')).toContainText('refuted (ruled out)');
  await expect(report.locator('#chain-head')).toContainText(`head hash ${headAtExport[1]}`);
  await expect(report.locator('#chain-head')).toContainText('npm run verify -- --db peel.sqlite');
  await snap(report, 'export-02-html-top');
  await report.locator('#graphs').scrollIntoViewIfNeeded();
  await snap(report, 'export-03-html-graphs');
  await report.locator('#chain-head').scrollIntoViewIfNeeded();
  await snap(report, 'export-04-html-chain-head');
  await report.pdf({
    path: join(projectRoot, 'e2e', 'artifacts', 'export-report.pdf'),
    format: 'A4',
    printBackground: true,
  });

  // The head the export printed is the database's head when it was exported: the export then recorded itself.
  const head = await chainHead();
  expect(head.count).toBeGreaterThan(Number(headAtExport[2]));
  await expect(
    page
      .locator('.audit-panel')
      .getByText(/Exported as HTML/)
      .first(),
  ).toBeVisible();
});

test('the PDF action saves a real PDF file, printed by headless Chromium as the command line does', async ({
  page,
}) => {
  await openSample(page);
  const pdf = await exportFrom(page, 'PDF');
  expect(pdf.name).toMatch(/\.pdf$/);
  expect(readFileSync(pdf.path).subarray(0, 5).toString()).toBe('%PDF-');
  // The same file is kept in the data folder's exports/, and the toast says where.
  expect(existsSync(join(host.dataDir, 'exports', pdf.name))).toBe(true);
  await expect(
    page.getByText(new RegExp(`Saved .*exports/${pdf.name.replace(/[().]/g, '\\$&')}`)),
  ).toBeVisible();
  await expect(
    page
      .locator('.audit-panel')
      .getByText(/Exported as PDF/)
      .first(),
  ).toBeVisible();
  await snap(page, 'export-05-pdf-saved');
});

test('imports the JSON bundle read-only with the hand-over first, and continues it in a branch', async ({
  page,
}) => {
  await openSample(page);
  const bundle = await exportFrom(page, 'JSON bundle');
  expect(bundle.name).toBe('worked-example-direct-memory-ooms-in-the-ads-pipeline.peel.json');

  await page
    .getByRole('navigation', { name: 'Breadcrumb' })
    .getByRole('button', { name: 'Investigations' })
    .click();
  await page.getByRole('button', { name: 'Import a bundle…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a bundle' });
  // A damaged copy first: refused, saying what and where, nothing imported.
  const damaged = join(downloads, 'damaged.peel.json');
  writeFileSync(damaged, readFileSync(bundle.path, 'utf8').slice(0, 5000));
  await dialog.getByLabel('Bundle file (.peel.json)').setInputFiles(damaged);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('is truncated');
  await snap(page, 'export-06-import-refused');

  await dialog.getByLabel('Bundle file (.peel.json)').setInputFiles(bundle.path);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const banner = page.getByRole('region', { name: /Hand-over from/ });
  // A large bundle is checked whole before anything is written (chain, every record, every series hash): slow on a
  // loaded machine, so the wait is generous.
  await expect(banner).toBeVisible({ timeout: 180_000 });
  await expect(banner).toContainText('read-only');
  await expect(banner).toContainText('The imported chain verifies');
  await expect(banner.getByRole('heading', { name: 'Ruled out' })).toBeVisible();
  await expect(banner).toContainText('Next suggested step');
  await snap(page, 'export-07-imported-handover');
  await expectNoSeriousA11yViolations(page, 'imported investigation');

  // Read-only: nothing offers to change it (the backend refuses changes too: imports.test.ts), reading still works.
  await expect(page.getByRole('textbox', { name: 'Add a note to this rule' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add hypothesis' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Correct', exact: true })).toHaveCount(0);
  const firstItem = page
    .getByRole('list', { name: 'Understand the System checklist' })
    .getByRole('checkbox')
    .first();
  await expect(firstItem).toBeDisabled();
  await page.getByRole('tab', { name: /^Lab/ }).click();
  await expect(page.getByRole('heading', { name: /^Experiment #/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /^(Run|Run again|Derive…)$/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Mark resolved' })).toHaveCount(0);
  await snap(page, 'export-07b-imported-lab');
  await page.getByRole('tab', { name: 'Notebook' }).click();

  await banner.getByRole('button', { name: 'Continue in a new branch' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${SAMPLE_TITLE} (continued)` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Branch of an imported investigation' })).toContainText(
    'Continues',
  );
  await snap(page, 'export-08-branch');
});
