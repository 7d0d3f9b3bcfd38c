// Issue 15, Scale: an investigation of 120 runs opens with a window of its run list (the newest experiments with
// their newest runs); older experiments and an experiment's older runs load on demand, from the list itself.
import { expect, test } from '@playwright/test';
import { freshHostForEachTest } from './fixtures/peel-host';
import { callApi } from './fixtures/sample-data';
import { snap } from './fixtures/screenshots';

const fresh = freshHostForEachTest();

/** Short runs: 120 of them fit in a minute or two on a loaded machine. */
const SHORT = { scenario: 'offheap-map-leak', hours: 1, parallelism: 2 };
const EXPERIMENTS = 50;
const BASELINE_RUNS = 22;
const RUNS_EACH = 2;

interface Capacity {
  queue: { waiting: unknown[]; running: unknown[]; maxWaiting: number };
}

test('120 runs: the list opens with its newest part and loads older experiments and runs on demand', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const investigation = await callApi<{ id: string }>(fresh.host, 'investigations.create', {
    title: 'A long investigation',
    summary: '',
    startedAt: Date.UTC(2026, 11, 1),
  });
  const investigationId = investigation.id;
  await callApi(fresh.host, 'lab.setScenario', { investigationId, scenarioId: 'offheap-map-leak' });
  const baseline = await callApi<{ id: string; params: object }>(fresh.host, 'experiments.create', {
    investigationId,
    parentId: null,
    params: SHORT,
  });
  const starts: string[] = Array.from({ length: BASELINE_RUNS }, () => baseline.id);
  for (let i = 2; i <= EXPERIMENTS; i++) {
    const derived = await callApi<{ id: string }>(fresh.host, 'experiments.create', {
      investigationId,
      parentId: baseline.id,
      params: { ...baseline.params, seed: i },
    });
    for (let r = 0; r < RUNS_EACH; r++) starts.push(derived.id);
  }
  expect(starts).toHaveLength(120);
  // No more at once than the queue takes: start a batch, wait for the line to empty, start the next.
  const idle = async () => {
    await expect
      .poll(
        async () => {
          const capacity = await callApi<Capacity>(fresh.host, 'lab.capacity', { investigationId });
          return capacity.queue.waiting.length + capacity.queue.running.length;
        },
        { timeout: 300_000, intervals: [500] },
      )
      .toBe(0);
  };
  for (let i = 0; i < starts.length; i += 24) {
    for (const experimentId of starts.slice(i, i + 24))
      await callApi(fresh.host, 'runs.start', { experimentId });
    await idle();
  }

  await page.goto(fresh.host.url);
  await page.getByRole('button', { name: /A long investigation/ }).click();
  await page.getByRole('tab', { name: /^Lab/ }).click();
  const list = page.getByRole('navigation', { name: 'Experiments' });
  // The window: the 30 newest experiments and their parent, the baseline, of 50.
  await expect(list).toContainText('31 of 50 experiments shown (120 runs in all)');
  await expect(list.locator('.experiment-row')).toHaveCount(31);
  // The baseline shows its newest runs (and the first ones, which the coverage names) and offers the rest.
  const older = list.getByRole('button', { name: /^\d+ more runs: show$/ });
  await expect(older).toBeVisible();
  // It sits where the hidden runs are: after the first runs shown (the ones the lab names), before the newest.
  const around = await older.evaluate((button) => {
    const item = button.closest('li')!;
    const seqOf = (element: Element | null) =>
      Number(element?.querySelector('.run-chip')?.textContent?.replace('run #', '') ?? Number.NaN);
    return { before: seqOf(item.previousElementSibling), after: seqOf(item.nextElementSibling) };
  });
  expect(around.after).toBeGreaterThan(around.before + 1);
  await snap(page, 'run-list-120-runs-window');

  await list.getByRole('button', { name: 'Show older experiments' }).click();
  await expect(list.locator('.experiment-row')).toHaveCount(EXPERIMENTS);
  await expect(list.getByRole('button', { name: 'Show older experiments' })).toHaveCount(0);
  await older.click();
  await expect(list.locator('.run-chip')).toHaveCount(120);
  await expect(list.getByRole('button', { name: /more runs?: show/ })).toHaveCount(0);
  // An old run opens from the list like a new one.
  await list.locator('.run-chip', { hasText: /^run #3$/ }).click();
  await expect(page.getByRole('heading', { name: /^Run #3\b/ })).toBeVisible();
  await list.evaluate((element) => {
    element.scrollTop = 0;
  });
  await snap(page, 'run-list-120-runs-all-loaded');
});
