// Browser mode, a real incident as a new user meets it: paste the job's flink-conf.yaml and see the memory model
// and its warnings, import a Grafana CSV recorded from a real JVM and a query against a real Prometheus (Debian's
// package, seeded with promtool), log a real experiment with its result, overlay it with a simulated run at t=0,
// and find it in the lineage and in the exported postmortem.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { startPrometheus, type TestPrometheus } from '../electron/backend/services/imports/test-prometheus';
import { expectNoSeriousA11yViolations } from './fixtures/accessibility';
import { makeDataDir, type PeelHost, projectRoot, removeDataDir, startPeelHost } from './fixtures/peel-host';
import { readStoredZip } from './fixtures/read-zip';
import { snap } from './fixtures/screenshots';

const MiB = 2 ** 20;
/** The REAL badge's accessible name (renderer/ui/RealBadge.tsx). */
const REAL_BADGE_NAME = 'Real experiment: imported metrics, not a simulation';
const DIRECT = 'flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed';
// Whole minutes two hours ago: the past promtool writes blocks for.
const T0 = Math.floor(Date.now() / 1000 / 60) * 60 - 2 * 3600;
const STEP = 15;
const POINTS = 400;
const TITLE = 'Direct OOMs on the real ads job';
const CONFIG = [
  '# flink-conf.yaml of the ads job',
  'taskmanager.memory.process.size: 4096m',
  'taskmanager.memory.task.off-heap.size: 256m',
  'env.java.opts.taskmanager: -XX:+DisableExplicitGC',
].join('\n');
const LAST_GOOD = [
  'taskmanager.memory.process.size: 4096m',
  'taskmanager.memory.task.off-heap.size: 1g',
].join('\n');

/** Two TaskManagers in Prometheus: tm_1 keeps 16 MiB at every restart (every 15 minutes), tm_2 stays flat. */
function seed(): string {
  const lines = [`# TYPE ${DIRECT} gauge`];
  for (let i = 0; i < POINTS; i++) {
    const t = T0 + i * STEP;
    const wobble = ((i * 7919) % 13) * 64 * 1024;
    lines.push(
      `${DIRECT}{tm_id="tm_1",job_name="ads"} ${128 * MiB + Math.floor(i / 60) * 16 * MiB + wobble} ${t}`,
    );
    lines.push(`${DIRECT}{tm_id="tm_2",job_name="ads"} ${128 * MiB + wobble} ${t}`);
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

let dataDir: string;
let files: string;
let host: PeelHost;
let prometheus: TestPrometheus;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dataDir = makeDataDir();
  files = mkdtempSync(join(tmpdir(), 'peel-e2e-real-'));
  // A capture of DirectLeakProbe.java on the installed JDK, exported the way Grafana names Flink's reporter series.
  const [, ...rows] = readFileSync(join(projectRoot, 'shared/sim/analysis/real-jvm/leak.csv'), 'utf8')
    .trim()
    .split('\n');
  // Times going back on line 4: refused whole, naming the file and the line.
  writeFileSync(
    join(files, 'broken-export.csv'),
    [`"Time","${DIRECT}{tm_id=""tm_9""}"`, '1795511035000,1', '1795511050000,2', '1795511040000,3'].join(
      '\n',
    ),
  );
  writeFileSync(
    join(files, 'ads-direct-memory.csv'),
    [`"Time","${DIRECT}{job_name=""ads"", tm_id=""container_01""}"`, ...rows].join('\n'),
  );
  prometheus = await startPrometheus({ openMetrics: seed() });
  host = await startPeelHost(dataDir);
});
test.afterAll(async () => {
  await host?.stop();
  await prometheus?.stop();
  removeDataDir(dataDir);
  rmSync(files, { recursive: true, force: true });
});

async function call<T>(channel: string, request: unknown): Promise<T> {
  const response = await fetch(`${host.origin}/api/call/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-peel-token': host.token },
    body: JSON.stringify(request),
  });
  const result = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
  return result.value;
}

const utcInput = (sec: number) => new Date(sec * 1000).toISOString().slice(0, 19);

async function openRealPanel(page: Page) {
  const panel = page.locator('details.real-panel');
  if (!(await panel.evaluate((el) => (el as HTMLDetailsElement).open))) {
    await panel.locator('summary').click();
  }
  return panel;
}

test('checks a real config, imports real metrics, logs a real experiment and overlays it with a simulated run', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // An investigation with a simulated baseline that has run (what the lab's own e2e walks through by hand).
  const investigation = await call<{ id: string }>('investigations.create', {
    title: TITLE,
    summary: 'TaskManagers die with OutOfMemoryError: Direct buffer memory',
    startedAt: Date.now(),
  });
  const baseline = await call<{ id: string }>('experiments.create', {
    investigationId: investigation.id,
    parentId: null,
    params: {
      scenario: 'offheap-map-leak',
      parallelism: 2,
      hours: 2,
      failContainers: Array.from({ length: 11 }, (_, i) => ({ atSec: 600 * (i + 1), names: ['tm-2'] })),
    },
    label: 'baseline',
  });
  const simulated = await call<{ id: string }>('runs.start', { experimentId: baseline.id });
  const runStatus = async () => {
    const lab = await call<{ experiments: { runs: { id: string; status: string }[] }[] }>('lab.state', {
      investigationId: investigation.id,
    });
    return lab.experiments.flatMap((e) => e.runs).find((r) => r.id === simulated.id)?.status;
  };
  await expect.poll(runStatus, { timeout: 120_000 }).toBe('completed');

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(host.url);
  await page
    .getByRole('button', { name: new RegExp(TITLE) })
    .first()
    .click();
  await page.getByRole('tab', { name: /^Lab/ }).click();
  const panel = await openRealPanel(page);

  // 1. The real config: the memory model, the findings, what changed since the last good one.
  await panel.getByRole('textbox', { name: 'Real Flink config' }).fill(CONFIG);
  await panel.getByRole('textbox', { name: 'Last good Flink config' }).fill(LAST_GOOD);
  await panel.getByRole('textbox', { name: 'Container size' }).fill('3g');
  await panel.getByRole('button', { name: 'Check config' }).click();
  const check = panel.getByRole('region', { name: 'Config check' });
  await expect(check.getByRole('list', { name: 'Findings' })).toContainText('DisableExplicitGC');
  await expect(check.getByRole('list', { name: 'Findings' })).toContainText(/container/i);
  await expect(check).toContainText('-XX:MaxDirectMemorySize');
  const changed = check.getByRole('table', { name: 'Changed keys' });
  await expect(changed).toContainText('taskmanager.memory.task.off-heap.size');
  await expect(changed).toContainText('env.java.opts.taskmanager');
  await check.scrollIntoViewIfNeeded();
  await snap(page, 'real-01-config-1440');

  // 2. Real metrics: a broken export is refused with its line; a Grafana CSV from a real JVM; a live Prometheus query.
  await panel.getByLabel('Import a metrics file').setInputFiles(join(files, 'broken-export.csv'));
  await expect(page.getByText(/broken-export\.csv: line 4, .*times must increase/).first()).toBeVisible();
  await expect(panel.getByText('Nothing imported yet.')).toBeVisible();
  await panel.getByLabel('Import a metrics file').setInputFiles(join(files, 'ads-direct-memory.csv'));
  const imports = panel.getByRole('region', { name: 'Imported metrics' });
  const csvImport = imports.getByRole('article', { name: 'Import #1' });
  await expect(csvImport).toContainText('ads-direct-memory.csv');
  await expect(csvImport).toContainText('container_01');
  await expect(csvImport).toContainText('leak');

  await panel.getByRole('textbox', { name: 'Prometheus URL' }).fill(prometheus.url);
  await panel.getByRole('textbox', { name: 'PromQL query' }).fill(DIRECT);
  await panel.getByLabel('Query start').fill(utcInput(T0));
  await panel.getByLabel('Query end').fill(utcInput(T0 + (POINTS - 1) * STEP));
  await panel.getByRole('textbox', { name: 'Query step' }).fill(String(STEP));
  await panel.getByRole('button', { name: 'Query', exact: true }).click();
  const promImport = imports.getByRole('article', { name: 'Import #2' });
  await expect(promImport).toContainText('query_range', { timeout: 60_000 });
  await expect(promImport).toContainText('tm_1');
  await expect(promImport).toContainText('tm_2');
  await expect(promImport.getByRole('row', { name: /tm_1/ })).toContainText('leak');
  await expect(promImport.getByRole('row', { name: /tm_2/ })).toContainText('flat');
  await imports.scrollIntoViewIfNeeded();
  await snap(page, 'real-02-imports-1440');
  await expectNoSeriousA11yViolations(page, 'the real incident panel with imports');

  // 3. A real experiment: what was done, its one change, the Prometheus import as its result.
  await panel
    .getByRole('textbox', { name: 'What was done' })
    .fill('signalled 3 containers GRACEFUL_SHUTDOWN at 14:05 on the dev job');
  await panel.getByRole('combobox', { name: 'The one change' }).selectOption({ label: 'removed layer 3' });
  await panel.getByRole('checkbox', { name: /#2 .*query_range/ }).check();
  await panel.getByRole('button', { name: 'Log real experiment' }).click();
  const realRuns = panel.getByRole('region', { name: 'Real experiments' });
  await expect(realRuns).toContainText('signalled 3 containers');
  await expect(realRuns).toContainText('leak');

  // In the lineage beside the simulated baseline, its run marked REAL in words (not colour alone).
  await expect(page.getByText(/real: signalled 3 containers/).first()).toBeVisible();
  const lineage = page.getByRole('navigation', { name: 'Experiments' });
  await expect(lineage.getByRole('img', { name: REAL_BADGE_NAME })).toHaveCount(1);
  await expect(lineage.getByRole('img', { name: REAL_BADGE_NAME })).toHaveText('REAL');
  await lineage.scrollIntoViewIfNeeded();
  await snap(page, 'real-06-run-list-real-badge');

  // The real run's own graph: direct memory with the config's limit line; heap was not imported, and says so.
  await lineage.getByRole('button', { name: 'run #2' }).click();
  const runPanel = page.getByRole('region', { name: /^Run #2/ });
  await expect(runPanel.getByRole('img', { name: REAL_BADGE_NAME })).toBeVisible();
  await expect(runPanel.locator('canvas').first()).toBeVisible();
  await runPanel.scrollIntoViewIfNeeded();
  await snap(page, 'real-07-real-run-graph');
  await runPanel.getByRole('radio', { name: 'Heap' }).check();
  const notImported = runPanel.getByRole('status', { name: 'Heap not imported' });
  await expect(notImported).toContainText('Heap used was not imported in real run #2');
  await expect(notImported).toContainText('flink_taskmanager_Status_JVM_Memory_Heap_Used');
  await expect(page.getByText(/has no series/)).toHaveCount(0);
  await snap(page, 'real-08-heap-not-imported');
  await runPanel.getByRole('radio', { name: 'Direct memory' }).check();

  // 4. Overlaid with the simulated run, aligned at t=0.
  await realRuns.getByRole('combobox', { name: 'Simulated run to overlay' }).selectOption({ index: 1 });
  await realRuns.getByRole('button', { name: 'Overlay at t=0' }).click();
  const compare = page.getByRole('region', { name: 'Comparing 2 runs' });
  await expect(compare).toBeVisible({ timeout: 30_000 });
  await expect(compare.locator('canvas').first()).toBeVisible();
  // The real run is marked REAL beside its verdict in the comparison too.
  await expect(compare.getByRole('img', { name: REAL_BADGE_NAME }).first()).toBeVisible();
  // Notices from the earlier steps cover the legend: dismissed, for the screenshots.
  // One at a time, always the first: dismissing one re-renders the rest, so a list collected up front goes stale.
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  await compare.scrollIntoViewIfNeeded();
  await expect(page.getByText(/runs\.series: keys/)).toHaveCount(0);
  await snap(page, 'real-03-overlay-1440');
  await page.setViewportSize({ width: 1280, height: 720 });
  await compare.scrollIntoViewIfNeeded();
  await snap(page, 'real-04-overlay-1280');
  await realRuns.scrollIntoViewIfNeeded();
  await snap(page, 'real-05-real-runs-1280');

  // 5. verify holds the imports and the real run against the chain; the export says which run was real.
  const verified = await call<{ ok: boolean; state: { ok: boolean } }>('audit.verify', {});
  expect(verified.ok).toBe(true);
  expect(verified.state.ok).toBe(true);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('tab', { name: 'Notebook' }).click();
  await page.getByRole('button', { name: 'Export ▾' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: /^Markdown postmortem/ }).click(),
  ]);
  const zipPath = join(files, download.suggestedFilename());
  await download.saveAs(zipPath);
  const zipped = readStoredZip(readFileSync(zipPath));
  const markdown = [...zipped.entries()].find(([name]) => name.endsWith('.md'))?.[1] ?? '';
  expect(markdown).toContain('real: signalled 3 containers');
  // The experiments table: the real run says what was done and where its series came from (Markdown escapes _).
  expect(markdown).toMatch(
    /\| #2 \| #1 \| removed [^|]+ \| #2 \| real \(signalled 3 containers GRACEFUL\\_SHUTDOWN at 14:05 on the dev job; from http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query\\_range[^)]*\): leak/,
  );
  expect(markdown).not.toContain('password');
  const csv = await call<{ text: string }>('exports.render', {
    investigationId: investigation.id,
    format: 'csv',
  });
  expect(csv.text).toContain('REAL run #2 finished');

  // 6. Handed over: the JSON bundle carries the imported series and the real run; the colleague sees both.
  await page.getByRole('button', { name: 'Export ▾' }).click();
  const [bundleDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: /^JSON bundle/ }).click(),
  ]);
  const bundlePath = join(files, bundleDownload.suggestedFilename());
  await bundleDownload.saveAs(bundlePath);
  const carried = JSON.parse(readFileSync(bundlePath, 'utf8')) as { metricImports: unknown[] };
  expect(carried.metricImports).toHaveLength(2);
  await page
    .getByRole('navigation', { name: 'Breadcrumb' })
    .getByRole('button', { name: 'Investigations' })
    .click();
  await page.getByRole('button', { name: 'Import a bundle…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a bundle' });
  await dialog.getByLabel('Bundle file (.peel.json)').setInputFiles(bundlePath);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const banner = page.getByRole('region', { name: /Hand-over from/ });
  await expect(banner).toBeVisible({ timeout: 120_000 });
  await expect(banner).toContainText('The imported chain verifies');
  await page.getByRole('tab', { name: /^Lab/ }).click();
  const importedLineage = page.getByRole('navigation', { name: 'Experiments' });
  await expect(importedLineage.getByRole('img', { name: REAL_BADGE_NAME })).toHaveCount(1);
  await importedLineage.getByRole('button', { name: 'run #2' }).click();
  const importedRun = page.getByRole('region', { name: /^Run #2/ });
  await expect(importedRun.getByRole('img', { name: REAL_BADGE_NAME })).toBeVisible();
  await expect(importedRun.locator('canvas').first()).toBeVisible();
  await expect(importedRun).toContainText('leak');
  const importedPanel = page.locator('details.real-panel');
  await importedPanel.locator('summary').click();
  const importedImports = importedPanel.getByRole('region', { name: 'Imported metrics' });
  await expect(importedImports.getByRole('article', { name: 'Import #2' })).toContainText('tm_1');
  await expect(importedImports.getByRole('article', { name: 'Import #1' })).toContainText(
    'ads-direct-memory.csv',
  );
  await importedImports.scrollIntoViewIfNeeded();
  await snap(page, 'real-09-imported-bundle-imports');
  await importedRun.scrollIntoViewIfNeeded();
  await snap(page, 'real-10-imported-bundle-real-run');
  const reverified = await call<{ ok: boolean; state: { ok: boolean } }>('audit.verify', {});
  expect(reverified.state.ok).toBe(true);
});

test('a metrics file too large to send as text is uploaded as a stream with progress, and imported', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const investigation = await call<{ id: string }>('investigations.create', {
    title: 'Large export',
    summary: 'A week of direct memory at 1 s',
    startedAt: Date.now(),
  });
  await call('experiments.create', {
    investigationId: investigation.id,
    parentId: null,
    params: { scenario: 'offheap-map-leak', parallelism: 2, hours: 1 },
    label: 'baseline',
  });
  // About 12 MiB: over the text limit, so the page uploads it instead of reading it.
  const big = join(files, 'week-direct.csv');
  const rows = [`"Time","${DIRECT}{tm_id=""tm_7""}"`];
  for (let i = 0; i < 300_000; i++)
    rows.push(`${1795511035000 + i * 1000},${128 + Math.floor(i / 30_000) * 4} MiB`);
  writeFileSync(big, `${rows.join('\n')}\n`);
  await page.goto(host.url);
  await page
    .getByRole('button', { name: /Large export/ })
    .first()
    .click();
  await page.getByRole('tab', { name: /^Lab/ }).click();
  const panel = await openRealPanel(page);
  await panel.getByLabel('Import a metrics file').setInputFiles(big);
  const imported = panel
    .getByRole('region', { name: 'Imported metrics' })
    .getByRole('article', { name: 'Import #1' });
  await expect(imported).toContainText('week-direct.csv', { timeout: 120_000 });
  await expect(imported.getByRole('row', { name: /tm_7/ })).toContainText('300,000');
  await imported.scrollIntoViewIfNeeded();
  await snap(page, 'real-11-uploaded-large-file');
});
