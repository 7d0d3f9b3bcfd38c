// Drills as a new user meets them, in browser mode: pick a drill, read the page, take a hint, peel the suspect in
// the lab, submit a wrong diagnosis (refused without the answer), the right one, prove the fix A/B/A, read the
// scorecard; then, as the instructor on another machine, import that trainee's bundle into the cohort, open the
// trail and export the table as CSV. Every drill screen is checked with axe and photographed at 1440x900 and
// 1280x720. The test learns the hidden answer the way only Peel could: by opening the sealed start in the trail.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { DEFECT_KINDS, reopenDrill } from '../shared/training';
import { expectNoSeriousA11yViolations } from './fixtures/accessibility';
import { makeDataDir, openHome, type PeelHost, removeDataDir, startPeelHost } from './fixtures/peel-host';
import { snap } from './fixtures/screenshots';

const DRILL_TITLE = 'Direct OOMs after every deploy';

async function snapBoth(page: Page, name: string): Promise<void> {
  await snap(page, `${name}-1440x900`);
  await page.setViewportSize({ width: 1280, height: 720 });
  await snap(page, `${name}-1280x720`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function api<T>(host: PeelHost, channel: string, request: unknown): Promise<T> {
  const response = await fetch(`${host.origin}/api/call/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-peel-token': host.token },
    body: JSON.stringify(request),
  });
  const result = (await response.json()) as { ok: boolean; value: T };
  expect(result.ok).toBe(true);
  return result.value;
}

/** Waits for run #seq to finish and returns its verdict. */
async function waitForRun(page: Page, seq: number): Promise<string> {
  const row = page.locator('.run-chips li', {
    has: page.getByRole('button', { name: `run #${seq}`, exact: true }),
  });
  const status = row.locator('.run-status');
  await expect(status).toHaveAttribute('data-status', 'completed', { timeout: 90_000 });
  return (await status.getAttribute('data-verdict')) ?? '';
}

async function selectExperiment(page: Page, seq: number): Promise<void> {
  await page
    .locator('.experiment-row', { has: page.locator('.experiment-seq', { hasText: `#${seq}` }) })
    .first()
    .click();
  await expect(page.locator('#experiment-title')).toContainText(`Experiment #${seq}`);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let downloads: string;
test.beforeAll(() => {
  downloads = mkdtempSync(join(tmpdir(), 'peel-e2e-drills-'));
});
test.afterAll(() => rmSync(downloads, { recursive: true, force: true }));

test('a trainee works a drill to its scorecard; the instructor scores the bundle in the cohort', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const traineeDir = makeDataDir();
  const instructorDir = makeDataDir();
  let host: PeelHost | null = null;
  let bundlePath = '';
  try {
    host = await startPeelHost(traineeDir);
    await page.goto(host.url);

    // Pick a drill from the list.
    await page.getByRole('button', { name: 'Drills', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Drills' })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: DRILL_TITLE })).toContainText(
      'Rules exercised',
    );
    await expectNoSeriousA11yViolations(page, 'drill list');
    await snapBoth(page, 'drill-01-list');
    await page.getByRole('button', { name: `Start the drill: ${DRILL_TITLE}` }).click();

    // The page: the alert, the stack trace or log lines, the dashboard of the first hours.
    await expect(page.getByRole('heading', { name: 'The page' })).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.drill-alert')).not.toBeEmpty();
    await expect(page.locator('.drill-page canvas').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/Simulated hours spent: 0 of/)).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'drill page');
    // A dashboard, as the trainee would be paged with: the graph on the first screen at the smaller window too,
    // and Peel's reading of it folded away below, for after the trainee has looked.
    const reading = page.locator('.drill-page details.dashboard-reading');
    await expect(reading).not.toHaveAttribute('open');
    await expect(reading.locator('.verdict-card')).toBeHidden();
    await page.setViewportSize({ width: 1280, height: 720 });
    await expect(page.locator('.drill-page .run-panel canvas').first()).toBeInViewport({ ratio: 0.5 });
    await page.setViewportSize({ width: 1440, height: 900 });
    await snapBoth(page, 'drill-02-page');

    // What only Peel knows: the answer, from the sealed start in the trail.
    const [investigation] = await api<Array<{ id: string }>>(host, 'investigations.list', {});
    const events = await api<Array<{ kind: string; payload: unknown }>>(host, 'audit.list', {
      investigationId: investigation!.id,
      limit: 50,
    });
    const { variant } = reopenDrill(events.find((e) => e.kind === 'drill.started')!.payload);
    const culprit = variant.answer.acceptedCulprits[0]!;
    const fixId = variant.answer.fix;

    // A hint, recorded with its cost.
    await page
      .getByRole('button', { name: /^Take the hint: / })
      .first()
      .click();
    await expect(page.locator('.hint-text').first()).toBeVisible();
    await snapBoth(page, 'drill-03-hint');

    // Peel the suspect in the lab, as in any investigation.
    await page.getByRole('tab', { name: /Lab/ }).click();
    await selectExperiment(page, 1);
    await page.getByRole('button', { name: 'Derive…' }).click();
    const dialog = page.getByRole('dialog', { name: /Derive from experiment/ });
    await dialog.getByLabel(culprit, { exact: true }).check();
    await dialog.getByRole('button', { name: 'Create and run' }).click();
    await expect(dialog).toBeHidden();
    expect(await waitForRun(page, 2)).toMatch(/flat|blip/i);

    // A wrong diagnosis: refused, the answer not revealed.
    await page.getByRole('tab', { name: /Drill/ }).click();
    const wrongCause = DEFECT_KINDS.find((kind) => kind !== variant.answer.defect)!;
    await page.getByLabel('Culprit').selectOption(culprit);
    await page.getByLabel('Cause').selectOption(wrongCause);
    await page.getByLabel('Fix', { exact: true }).selectOption(fixId);
    await page.getByRole('button', { name: 'Submit diagnosis' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Not confirmed' })).toBeVisible();
    await expect(page.locator('.drill-verdict')).not.toContainText(variant.answer.defect);
    await expectNoSeriousA11yViolations(page, 'drill: diagnosis refused');
    await snapBoth(page, 'drill-04-wrong-diagnosis');

    // The right one, by keyboard from the palette.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Drill: submit a diagnosis');
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Culprit')).toBeFocused();
    await page.getByLabel('Cause').selectOption(variant.answer.defect);
    await page.getByLabel('Your reasoning (kept in the trail)').fill('Gone once peeled; grows per restart.');
    await page.getByRole('button', { name: 'Submit diagnosis' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Diagnosis confirmed' })).toBeVisible();
    await expect(page.locator('.drill-clock')).toContainText('Diagnosed: prove the fix');
    // The diagnosis is settled: the form gives way to the accepted diagnosis, read-only.
    await expect(page.getByRole('button', { name: 'Submit diagnosis' })).toHaveCount(0);
    await expect(page.locator('.drill-accepted')).toContainText('Prove the fix');

    // Prove the fix: with it, without it, with it again.
    await page.getByRole('tab', { name: /Lab/ }).click();
    await selectExperiment(page, 1);
    await page
      .getByRole('button', { name: new RegExp(`Apply fix ${escapeRegExp(fixId)} and re-run`) })
      .click();
    expect(await waitForRun(page, 3)).toMatch(/flat|blip/i);
    // The suggested step carries the proof's next run (the run panel offers the same button).
    await page
      .getByRole('region', { name: 'Suggested next step' })
      .getByRole('button', { name: new RegExp(`Run without fix ${escapeRegExp(fixId)}`) })
      .click();
    await waitForRun(page, 4);
    await page
      .getByRole('button', { name: new RegExp(`Apply fix ${escapeRegExp(fixId)} and re-run`) })
      .click();
    expect(await waitForRun(page, 5)).toMatch(/flat|blip/i);

    // The scorecard: solved, each line with its why and its events.
    await page.getByRole('tab', { name: /Drill/ }).click();
    await expect(page.locator('.drill-clock')).toContainText('Solved', { timeout: 20_000 });
    await expect(page.locator('.drill-accepted')).toContainText('The fix is proven A/B/A');
    await page.locator('.drill-diagnosis').scrollIntoViewIfNeeded();
    await expectNoSeriousA11yViolations(page, 'drill: diagnosis accepted');
    await snapBoth(page, 'drill-04b-diagnosis-accepted');
    const card = page.locator('.drill-scorecard');
    await expect(card).toContainText('solved');
    await expect(card.getByRole('row', { name: /Wrong diagnoses/ })).toContainText('1');
    await card
      .getByRole('row', { name: /Hints taken/ })
      .getByRole('button')
      .click();
    await expect(card.locator('.scorecard-event-row')).toContainText('Took a hint');
    await expectNoSeriousA11yViolations(page, 'drill: scorecard');
    await page.locator('.drill-scorecard').scrollIntoViewIfNeeded();
    await snapBoth(page, 'drill-05-scorecard');

    // Hand the drill in: the JSON bundle.
    await page.getByRole('tab', { name: /Notebook/ }).click();
    await page.getByRole('button', { name: 'Export ▾' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: /^JSON bundle/ }).click(),
    ]);
    bundlePath = join(downloads, download.suggestedFilename());
    await download.saveAs(bundlePath);
    await host.stop();
    host = null;

    // The instructor, on their own Peel.
    host = await startPeelHost(instructorDir);
    await openHome(page, host.url);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Cohort');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Cohort' })).toBeVisible();
    await page.getByLabel('Import drill bundles').setInputFiles(bundlePath);
    const row = page.locator('.cohort-table tbody tr');
    await expect(row).toHaveCount(1, { timeout: 30_000 });
    await expect(row).toContainText(DRILL_TITLE);
    await expect(row).toContainText('yes');
    await expectNoSeriousA11yViolations(page, 'cohort');
    await snapBoth(page, 'drill-06-cohort');

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export table as CSV' }).click(),
    ]);
    const csvPath = join(downloads, csv.suggestedFilename());
    await csv.saveAs(csvPath);
    const lines = readFileSync(csvPath, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^trainee,drill,exported at \(UTC\),solved,points,max,/);
    expect(lines[1]).toContain(DRILL_TITLE);

    // One trainee's report: the scorecard's lines with their why and links to the events behind them.
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: /scorecard as Markdown$/ }).click(),
    ]);
    const reportPath = join(downloads, report.suggestedFilename());
    await report.saveAs(reportPath);
    const markdown = readFileSync(reportPath, 'utf8');
    expect(markdown).toMatch(/^# Drill scorecard: /);
    expect(markdown).toMatch(/\| Hints taken \|.*\[#\d+\]\(#event-\d+\)/);
    expect(markdown).toMatch(/<a id="event-\d+"><\/a>/);

    // Open the trainee's trail: the drill, read-only, with the same scorecard.
    await row.getByRole('button', { name: /^Open .*'s trail$/ }).click();
    await expect(page.locator('.drill-scorecard')).toContainText('solved', { timeout: 30_000 });
    await expectNoSeriousA11yViolations(page, 'cohort: a trainee drill');
    await snapBoth(page, 'drill-07-trainee-drill');
  } finally {
    await host?.stop();
    removeDataDir(traineeDir);
    removeDataDir(instructorDir);
  }
});

test('an instructor authors a drill: previews it, saves it, finds it in the list; a bad file is refused', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const dataDir = makeDataDir();
  let host: PeelHost | null = null;
  try {
    host = await startPeelHost(dataDir);
    await openHome(page, host.url);
    // By keyboard: the palette opens the author screen on a copy of a catalogue drill.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Author a drill');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Author a drill' })).toBeVisible();
    await page.getByLabel('Start from').selectOption({ label: 'The same staircase everywhere' });
    await page.getByLabel("Id (kebab-case, the file's name)").fill('team-platform-check');
    await page.getByLabel('Title', { exact: true }).fill('Our platform check');
    await page.getByLabel('Budget: simulated hours of runs').fill('45');
    await page
      .getByLabel(/^Alert text/)
      .fill('CRITICAL {job}: direct memory on {taskManagers} TaskManagers since {firstSymptomAt}');

    // A mistake is refused naming the field, and the focus goes there.
    await page.getByLabel("Id (kebab-case, the file's name)").fill('Team Platform');
    await page.getByRole('button', { name: 'Preview: is it solvable?' }).click();
    await expect(page.getByRole('alert')).toContainText('drill.id');
    await expect(page.getByLabel("Id (kebab-case, the file's name)")).toBeFocused();
    await page.getByLabel("Id (kebab-case, the file's name)").fill('team-platform-check');

    // Preview: the solvability check on a few seeds.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Author: preview');
    await page.keyboard.press('Enter');
    const preview = page.locator('.author-preview');
    await expect(preview).toContainText('Solvable: peeling separates', { timeout: 120_000 });
    await expect(preview.getByRole('row')).not.toHaveCount(0);
    await expectNoSeriousA11yViolations(page, 'author a drill');
    await snapBoth(page, 'drill-08-author');
    await preview.scrollIntoViewIfNeeded();
    await snapBoth(page, 'drill-09-author-preview');

    // Save: in a browser, the drill file downloads; the drill joins the list.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save the drill' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('team-platform-check.peel-drill.json');
    const filePath = join(downloads, download.suggestedFilename());
    await download.saveAs(filePath);
    const file = JSON.parse(readFileSync(filePath, 'utf8')) as {
      format: string;
      version: number;
      drill: { budgetHours: number };
    };
    expect(file).toMatchObject({ format: 'peel-drill', version: 1, drill: { budgetHours: 45 } });

    // Loading a file from a newer Peel is refused with what and where.
    const newer = join(downloads, 'newer.peel-drill.json');
    writeFileSync(newer, readFileSync(filePath, 'utf8').replace('"version": 1', '"version": 9'));
    await page.getByLabel('Load a drill file to edit').setInputFiles(newer);
    await expect(page.getByRole('alert')).toContainText('newer.peel-drill.json was written by a newer Peel');
    await page.getByRole('alert').scrollIntoViewIfNeeded();
    await snap(page, 'drill-10-author-refused-1440x900');

    await page.getByRole('button', { name: 'Drills', exact: true }).first().click();
    const card = page.getByRole('listitem').filter({ hasText: 'Our platform check' });
    await expect(card).toContainText('authored');
    await expect(card).toContainText('45 simulated hours');
    await card.scrollIntoViewIfNeeded();
    await snapBoth(page, 'drill-11-list-with-authored');
    await page.getByRole('button', { name: 'Start the drill: Our platform check' }).click();
    await expect(page.getByRole('heading', { name: 'The page' })).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.drill-alert')).toContainText('CRITICAL');
  } finally {
    await host?.stop();
    removeDataDir(dataDir);
  }
});

test('an instructor turns a finished investigation into a drill', async ({ page }) => {
  test.setTimeout(180_000);
  const dataDir = makeDataDir();
  let host: PeelHost | null = null;
  try {
    host = await startPeelHost(dataDir);
    // An investigation of a built-in scenario that made it fail (made through the API, as a colleague's would be).
    const investigation = await api<{ id: string }>(host, 'investigations.create', {
      title: 'Ads pipeline OOMs, March',
      summary: '',
      startedAt: Date.UTC(2026, 2, 3),
    });
    await api(host, 'lab.setScenario', { investigationId: investigation.id, scenarioId: 'offheap-map-leak' });
    const experiment = await api<{ id: string }>(host, 'experiments.create', {
      investigationId: investigation.id,
      parentId: null,
      params: {
        scenario: 'offheap-map-leak',
        parallelism: 2,
        hours: 2,
        failContainers: Array.from({ length: 11 }, (_, i) => ({ atSec: 600 * (i + 1), names: ['tm-2'] })),
      },
    });
    await api(host, 'runs.start', { experimentId: experiment.id });
    await expect
      .poll(
        async () =>
          (
            await api<{ experiments: Array<{ runs: Array<{ status: string }> }> }>(host!, 'lab.state', {
              investigationId: investigation.id,
            })
          ).experiments[0]?.runs[0]?.status,
        { timeout: 90_000 },
      )
      .toBe('completed');

    await page.goto(host.url);
    await page
      .getByRole('button', { name: /Ads pipeline OOMs, March/ })
      .first()
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ads pipeline OOMs, March' })).toBeVisible();
    await page.getByRole('button', { name: 'Make a drill of it' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Author a drill' })).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByLabel('Title', { exact: true })).toHaveValue(
      /From an investigation: Ads pipeline OOMs, March/,
    );
    await expect(
      page.getByLabel('An off-heap map dropped in close() without being freed').first(),
    ).toBeChecked();
    await expectNoSeriousA11yViolations(page, 'author: drill from an investigation');
    await snapBoth(page, 'drill-12-from-investigation');
    await page.getByRole('button', { name: 'Drills', exact: true }).first().click();
    const card = page.getByRole('listitem').filter({ hasText: 'Ads pipeline OOMs, March' });
    await expect(card).toContainText('from an investigation');
  } finally {
    await host?.stop();
    removeDataDir(dataDir);
  }
});
