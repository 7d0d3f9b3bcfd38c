// Issue 12, point 5: every count and banner is about the investigation on screen and says so. Verifying on the
// worked example and then opening another investigation must not leave the worked example's result up; the
// result says it checked the database's whole chain, and how many of its events are this investigation's.
import { expect, type Page, test } from '@playwright/test';
import { type PeelHost, removeDataDir, startPeelHost } from './fixtures/peel-host';
import { callApi, makeSampleDataDir, SAMPLE_TITLE, VIEWPORTS } from './fixtures/sample-data';
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

async function open(page: Page, title: string | RegExp): Promise<void> {
  await page.keyboard.press('h');
  await page.getByRole('button', { name: title }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

for (const viewport of VIEWPORTS) {
  test(`the verify banner matches the investigation on screen at ${viewport.name}`, async ({ page }) => {
    const other = `Another incident ${viewport.name}`;
    await callApi(host, 'investigations.create', {
      title: other,
      summary: '',
      startedAt: Date.UTC(2026, 0, 5),
    });
    await page.setViewportSize(viewport);
    await page.goto(host.url);
    await open(page, SAMPLE_TITLE);
    const panel = page.locator('.audit-panel');
    const sampleEvents = Number(
      /^(\d+)/.exec((await panel.locator('.audit-header .muted').textContent()) ?? '')?.[1],
    );
    expect(sampleEvents).toBeGreaterThan(50);
    await expect(panel.locator('.audit-header')).toContainText(`${sampleEvents} events here`);

    await panel.getByRole('button', { name: 'Verify', exact: true }).click();
    const banner = panel.getByRole('status');
    await expect(banner).toContainText('Intact');
    await expect(banner).toContainText("The database's whole chain (every investigation)");
    await expect(banner).toContainText(`This investigation's ${sampleEvents} events are part of it.`);
    await snap(page, `verify-01-worked-example-${viewport.name}`);

    // Another investigation: the worked example's banner is gone, and its own count is its own.
    await open(page, other);
    await expect(panel.locator('.audit-header')).toContainText('1 event here');
    await expect(panel.locator('.verify-result')).toHaveCount(0);
    await panel.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect(banner).toContainText('Intact');
    await expect(banner).toContainText("This investigation's 1 event is part of it.");
    await snap(page, `verify-02-other-investigation-${viewport.name}`);

    // And back: the result verified on the other investigation is not shown as the worked example's.
    await open(page, SAMPLE_TITLE);
    await expect(panel.locator('.verify-result')).toHaveCount(0);
  });
}
