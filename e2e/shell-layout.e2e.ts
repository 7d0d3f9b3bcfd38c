// Issue 12, point 2: the shell stays put. A mouse wheel anywhere (the tab bar, the bottom edge of the lab) scrolls
// at most the panel under it; the header, the tabs and the audit panel never move, and the page is never taller
// than the window.
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

/** Where the fixed parts of the shell are, and how far the document itself has scrolled. */
async function shellPositions(page: Page) {
  return page.evaluate(() => {
    const top = (selector: string) => document.querySelector(selector)?.getBoundingClientRect().top ?? null;
    const scroller = document.scrollingElement ?? document.documentElement;
    return {
      pageScroll: scroller.scrollTop,
      pageHeight: scroller.scrollHeight,
      bodyScroll: document.body.scrollTop,
      rootScroll: document.getElementById('root')?.scrollTop ?? 0,
      appScroll: document.querySelector('.app')?.scrollTop ?? 0,
      topBar: top('.top-bar'),
      tabs: top('.view-tabs'),
      audit: top('.audit-panel'),
    };
  });
}

async function wheelAt(page: Page, x: number, y: number): Promise<void> {
  await page.mouse.move(x, y);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 400);
  await page.waitForTimeout(150);
}

for (const viewport of VIEWPORTS) {
  test(`the shell stays put under the wheel at ${viewport.name}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto(host.url);
    await page
      .getByRole('button', { name: new RegExp(SAMPLE_TITLE) })
      .first()
      .click();
    await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
    if (!(await page.locator('.audit-panel').isVisible())) await page.keyboard.press('a');
    await expect(page.locator('.audit-panel')).toBeVisible();

    for (const view of ['Notebook', 'Lab', 'Trail'] as const) {
      await page.getByRole('tab', { name: new RegExp(`^${view}`) }).click();
      if (view === 'Lab') await expect(page.locator('.lab-main')).toBeVisible();
      const before = await shellPositions(page);
      expect(before.pageHeight, `${view}: the page is no taller than the window`).toBeLessThanOrEqual(
        viewport.height,
      );
      const tabBar = await page.locator('.view-tabs').boundingBox();
      // Over the tab bar, over the bottom edge of the window, and over the middle of the screen.
      await wheelAt(page, tabBar!.x + tabBar!.width / 2, tabBar!.y + tabBar!.height / 2);
      await wheelAt(page, viewport.width / 2, viewport.height - 4);
      await wheelAt(page, viewport.width / 3, viewport.height / 2);
      const after = await shellPositions(page);
      expect(after, `${view}: nothing but a panel scrolled`).toMatchObject({
        pageScroll: 0,
        bodyScroll: 0,
        rootScroll: 0,
        appScroll: 0,
        topBar: before.topBar,
        tabs: before.tabs,
        audit: before.audit,
      });
      await expect(page.locator('.top-bar')).toBeInViewport();
      await expect(page.locator('.view-tabs')).toBeInViewport();
      await snap(page, `shell-${view.toLowerCase()}-after-wheel-${viewport.name}`);
    }
  });
}
