// Issue 15, "run to result": after Run, the new run's verdict and its direct-memory graph come into view by
// themselves, at both window sizes, even when the user had scrolled away; the graph is drawn from the data sent with
// the run's news (no series fetched for it; that it equals what the store serves is run-preview.test.ts's).
import { expect, type Page, test } from '@playwright/test';
import { freshHostForEachTest } from './fixtures/peel-host';
import { callApi, VIEWPORTS } from './fixtures/sample-data';
import { snap } from './fixtures/screenshots';

const fresh = freshHostForEachTest();

/** The chart-render measures of the page that drew `series` series with data, newest last. */
async function drawnCharts(page: Page, series: number): Promise<number> {
  return page.evaluate(
    (n) =>
      performance.getEntriesByName('chart-render').filter((entry) => {
        const detail = (entry as PerformanceMeasure).detail as { series?: number; points?: number } | null;
        return (detail?.series ?? 0) === n && (detail?.points ?? 0) > 0;
      }).length,
    series,
  );
}

for (const viewport of VIEWPORTS) {
  test(`a run's verdict and graph come into view by themselves at ${viewport.name}`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(viewport);
    const investigation = await callApi<{ id: string }>(fresh.host, 'investigations.create', {
      title: 'Run to result',
      summary: '',
      startedAt: 0,
    });
    await callApi(fresh.host, 'lab.setScenario', {
      investigationId: investigation.id,
      scenarioId: 'offheap-map-leak',
    });
    await callApi(fresh.host, 'experiments.create', {
      investigationId: investigation.id,
      parentId: null,
      params: { scenario: 'offheap-map-leak', hours: 6, parallelism: 8 },
    });
    const seriesCalls: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/call/runs.series')) seriesCalls.push(request.url());
    });
    await page.goto(fresh.host.url);
    await page.getByRole('button', { name: /Run to result/ }).click();
    await page.getByRole('tab', { name: /Lab/ }).click();

    for (const seq of [1, 2]) {
      // The user is reading the top of the lab when they press Run.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByRole('button', { name: seq === 1 ? 'Run' : 'Run again', exact: true }).click();
      const panel = page.locator('.run-panel');
      await expect(panel.locator('#run-title')).toContainText(`Run #${seq}`);
      const verdict = panel.locator('.verdict-card');
      await expect(verdict).toBeVisible({ timeout: 120_000 });
      await expect(verdict).toBeInViewport({ ratio: 0.9 });
      const graph = panel.getByRole('region', { name: 'Direct memory used' });
      await expect(graph.locator('canvas').first()).toBeInViewport({ ratio: 0.5 });
      await expect(graph.locator('.graph-legend')).toContainText('tm-8');
      await expect.poll(() => drawnCharts(page, 8)).toBeGreaterThanOrEqual(seq);
    }
    await snap(page, `run-to-result-${viewport.name}`);
    // Both graphs came with their runs' news.
    expect(seriesCalls).toEqual([]);
  });
}
