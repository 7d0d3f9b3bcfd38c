// Issue 11, section 4: more runs than the simulation workers take wait visibly ("queued, 3rd in line", pushed as
// the line moves), a queued run is cancelled from its panel with nothing stored but its cancellation, and the lab
// shows what the investigation keeps on disk and what the next run would add.
import { expect, test } from '@playwright/test';
import { freshHostForEachTest } from './fixtures/peel-host';
import { callApi } from './fixtures/sample-data';
import { snap } from './fixtures/screenshots';

const fresh = freshHostForEachTest();

interface AuditEvent {
  kind: string;
  payload: { runId?: string };
}
interface Capacity {
  disk: { bytes: number; runs: number };
  queue: { slots: number; waiting: { runId: string; position: number }[] };
}

/** A run long enough (two simulated days at parallelism 16) that the line stays put while the test looks at it. */
const LONG = { scenario: 'offheap-map-leak', hours: 48, parallelism: 16 };
const RUNS = 8;

test('runs beyond the workers queue visibly, a queued one is cancelled, and the disk figure shows', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const investigation = await callApi<{ id: string }>(fresh.host, 'investigations.create', {
    title: 'Direct OOMs under load',
    summary: '',
    startedAt: Date.UTC(2026, 11, 1),
  });
  await callApi(fresh.host, 'lab.setScenario', {
    investigationId: investigation.id,
    scenarioId: 'offheap-map-leak',
  });
  const experiment = await callApi<{ id: string }>(fresh.host, 'experiments.create', {
    investigationId: investigation.id,
    parentId: null,
    params: LONG,
  });
  await callApi(fresh.host, 'lab.preflight', {
    investigationId: investigation.id,
    experimentId: experiment.id,
  });

  await page.goto(fresh.host.url);
  await page.getByRole('button', { name: /Direct OOMs under load/ }).click();
  await page.getByRole('tab', { name: /^Lab/ }).click();
  const capacityLine = page.getByRole('status', { name: 'Disk and run queue' });
  await expect(capacityLine).toContainText('0 B on disk, 0 runs');
  // What a run would add is shown beside the button before anything runs.
  await expect(page.locator('.run-estimate')).toContainText(/^adds about \d/);

  // One run from the button, the rest as another user (or a sweep) would add them: more than the workers take.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const started: string[] = [];
  for (let i = 1; i < RUNS; i++)
    started.push(
      (await callApi<{ id: string }>(fresh.host, 'runs.start', { experimentId: experiment.id })).id,
    );
  const capacity = await callApi<Capacity>(fresh.host, 'lab.capacity', { investigationId: investigation.id });
  const last = started.at(-1)!;
  const lastPosition = capacity.queue.waiting.find((w) => w.runId === last)?.position;
  expect(lastPosition).toBeGreaterThanOrEqual(RUNS - capacity.queue.slots - 1);

  // The list shows the waiting runs with their place in line, pushed as it changes.
  const chips = page.locator('.run-status[data-queued]');
  await expect(chips.first()).toBeVisible();
  await expect(page.locator(`.run-chips li:has-text("run #${RUNS}") .verdict-queued`)).toHaveText(
    /^queued, \d+(st|nd|rd|th) in line$/,
  );

  // The last in line: its panel says so and offers Cancel.
  await page.locator('.run-chip', { hasText: `run #${RUNS}` }).click();
  const queuedPanel = page.locator('.run-queued');
  await expect(queuedPanel).toContainText(/Queued, \d+(st|nd|rd|th) in line/);
  await expect(capacityLine).toContainText(/simulation workers busy, \d+ queued/);
  await snap(page, 'run-queue-01-queued');
  await queuedPanel.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator(`.run-chips li:has-text("run #${RUNS}") .verdict-cancelled`)).toHaveText(
    'cancelled',
  );

  // Every other run completes; the cancelled one left only its cancellation on the record.
  await expect(page.locator('.verdict-queued')).toHaveCount(0, { timeout: 240_000 });
  await expect(page.locator('.verdict-running')).toHaveCount(0, { timeout: 240_000 });
  const events = await callApi<AuditEvent[]>(fresh.host, 'audit.list', {
    investigationId: investigation.id,
    limit: 500,
  });
  const about = (kind: string) => events.filter((e) => e.kind === kind).map((e) => e.payload.runId);
  expect(about('run.cancelled')).toEqual([last]);
  expect(about('run.completed')).not.toContain(last);
  expect(about('run.completed')).toHaveLength(RUNS - 1);

  // The disk figure: what the backend measured, in the lab's header line.
  const after = await callApi<Capacity>(fresh.host, 'lab.capacity', { investigationId: investigation.id });
  expect(after.disk.runs).toBe(RUNS);
  expect(after.disk.bytes).toBeGreaterThan(RUNS * 100_000);
  await expect(capacityLine.locator('.disk-use')).toHaveAttribute('data-bytes', String(after.disk.bytes));
  await expect(capacityLine).toContainText(new RegExp(`\\d+(\\.\\d+)? MiB on disk, ${RUNS} runs`));
  await page.locator('.run-chip', { hasText: 'run #1' }).first().click();
  await expect(page.locator('.verdict-card')).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('.lab-main').evaluate((element) => element.scrollTo(0, 0));
  await snap(page, 'run-queue-02-disk-figure');
});
