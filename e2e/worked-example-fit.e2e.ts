// Issue 12, points 7 and 8: the worked example tells the seed's story (layer 3 removed reads a blip, the culprit is
// peeled to its operator) and its screens fit a small window: the topology's last layer is fully in view without
// a horizontal scroll at 1440x900 and 1280x720, a truncated operator name is whole on hover and focus, and PDF
// export in browser mode saves a real PDF file.
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { type PeelHost, removeDataDir, startPeelHost } from './fixtures/peel-host';
import { makeSampleDataDir, SAMPLE_TITLE, VIEWPORTS } from './fixtures/sample-data';
import { snap } from './fixtures/screenshots';

let dataDir: string;
let host: PeelHost;
test.beforeAll(() => {
  dataDir = makeSampleDataDir();
});
test.beforeEach(async () => {
  host = await startPeelHost(dataDir);
});
test.afterEach(async () => host.stop());
test.afterAll(() => removeDataDir(dataDir));

async function openLab(page: Page): Promise<void> {
  await page.goto(host.url);
  await page
    .getByRole('button', { name: new RegExp(SAMPLE_TITLE) })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
  if (!(await page.locator('.audit-panel').isVisible())) await page.keyboard.press('a');
  await page.getByRole('tab', { name: /^Lab/ }).click();
  await expect(page.locator('.lab-main')).toBeVisible();
}

for (const viewport of VIEWPORTS) {
  test(`the topology's last layer is in view without a horizontal scroll at ${viewport.name}`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await openLab(page);
    await snap(page, `fit-01-lab-${viewport.name}`);
    const figure = page.locator('figure.topology').first();
    await figure.scrollIntoViewIfNeeded();
    await expect(figure).toBeVisible();
    await snap(page, `fit-02-topology-${viewport.name}`);
    const scroll = await figure.locator('.topo-scroll').evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    expect(scroll.scrollWidth, 'no horizontal scroll in the topology').toBeLessThanOrEqual(
      scroll.clientWidth + 1,
    );
    // Every operator box, the last layer's too, lies inside the figure.
    const box = (await figure.boundingBox())!;
    const last = figure.locator('[data-operator="druid-sink"]');
    const sink = (await last.boundingBox())!;
    expect(sink.x).toBeGreaterThanOrEqual(box.x - 1);
    expect(sink.x + sink.width).toBeLessThanOrEqual(box.x + box.width + 1);
    // And inside the window.
    expect(sink.x + sink.width).toBeLessThanOrEqual(viewport.width);
  });
}

for (const viewport of VIEWPORTS) {
  test(`a cut-short operator name is whole on hover and focus, and in its accessible name, at ${viewport.name}`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await openLab(page);
    const figure = page.locator('figure.topology').first();
    await figure.scrollIntoViewIfNeeded();
    const full = 'Kafka source: ads_impressions';
    const node = figure.locator('[data-operator="kafka-impressions"]');
    const shown = (await node.locator('.topo-name').textContent()) ?? '';
    // Too long for its box at both sizes: the box shows it cut short.
    expect(shown.endsWith('…')).toBe(true);
    expect(full.startsWith(shown.slice(0, -1))).toBe(true);
    await expect(
      page.getByRole('button', { name: new RegExp(`^${full} \\(kafka-impressions\\)`) }),
    ).toHaveCount(1);
    await expect(node.locator('title').first()).toHaveText(new RegExp(`^${full} \\(kafka-impressions\\)`));
    const whole = node.locator('.topo-fullname');
    await expect(whole).toBeHidden();
    await node.hover();
    await expect(whole).toBeVisible();
    await expect(whole).toHaveText(full);
    await snap(page, `fit-03-operator-name-hover-${viewport.name}`);
    // The whole name stays inside the diagram.
    const figureBox = (await figure.boundingBox())!;
    const wholeBox = (await whole.boundingBox())!;
    expect(wholeBox.x + wholeBox.width).toBeLessThanOrEqual(figureBox.x + figureBox.width + 1);
    await page.mouse.move(0, 0);
    await expect(whole).toBeHidden();
    await node.focus();
    await expect(whole).toBeVisible();
  });

  test(`the chart tooltip stays inside the chart at its right edge at ${viewport.name}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openLab(page);
    const card = page.locator('.graph-card').first();
    await card.scrollIntoViewIfNeeded();
    const over = card.locator('.u-over');
    await expect(over).toBeVisible();
    const plot = (await over.boundingBox())!;
    await page.mouse.move(plot.x + plot.width - 3, plot.y + plot.height / 2);
    const tooltip = card.locator('.graph-tooltip').first();
    await expect(tooltip).toBeVisible();
    const tip = (await tooltip.boundingBox())!;
    const box = (await card.boundingBox())!;
    expect(tip.x).toBeGreaterThanOrEqual(box.x - 1);
    expect(tip.x + tip.width).toBeLessThanOrEqual(box.x + box.width + 1);
    await snap(page, `fit-04-chart-tooltip-right-edge-${viewport.name}`);
  });
}

test('PDF export in browser mode downloads a PDF file', async ({ page }) => {
  await page.setViewportSize(VIEWPORTS[1]);
  await openLab(page);
  await page.getByRole('tab', { name: /^Notebook/ }).click();
  await page.getByRole('button', { name: 'Export ▾' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: /^PDF/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const path = await download.path();
  expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
});
