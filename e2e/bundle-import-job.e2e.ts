// Issue 11, section 4: a bundle imported by its path on this machine, read in the background with progress, one at a
// time; it opens read-only with its hand-over like any import.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeDataDir, type PeelHost, removeDataDir, startPeelHost } from './fixtures/peel-host';
import { callApi } from './fixtures/sample-data';
import { snap } from './fixtures/screenshots';

let dataDir: string;
let host: PeelHost;
let folder: string;
test.beforeEach(async () => {
  dataDir = makeDataDir();
  host = await startPeelHost(dataDir);
  folder = mkdtempSync(join(tmpdir(), 'peel-e2e-bundle-'));
});
test.afterEach(async () => {
  await host.stop();
  removeDataDir(dataDir);
  rmSync(folder, { recursive: true, force: true });
});

test('a bundle imported from disk in the background opens read-only', async ({ page }) => {
  const investigation = await callApi<{ id: string }>(host, 'investigations.create', {
    title: 'Handed over from disk',
    summary: 'Direct OOMs after the consolidation.',
    startedAt: Date.UTC(2026, 11, 1),
  });
  const bundle = await callApi<{ text: string }>(host, 'exports.render', {
    investigationId: investigation.id,
    format: 'json',
  });
  const path = join(folder, 'handover.peel.json');
  writeFileSync(path, bundle.text);

  await page.goto(host.url);
  await page.getByRole('button', { name: 'Import a bundle…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a bundle' });
  await dialog.getByLabel(/by its path on this machine/).fill(path);
  await snap(page, 'bundle-import-01-path');
  // A path that is not there: said plainly, nothing imported.
  await dialog.getByLabel(/by its path on this machine/).fill(join(folder, 'missing.peel.json'));
  await dialog.getByRole('button', { name: 'Import from disk' }).click();
  await expect(dialog.getByRole('alert')).toContainText('missing.peel.json cannot be read (no such file)');

  await dialog.getByLabel(/by its path on this machine/).fill(path);
  await dialog.getByRole('button', { name: 'Import from disk' }).click();
  const banner = page.getByRole('region', { name: /Hand-over from/ });
  await expect(banner).toBeVisible({ timeout: 120_000 });
  await expect(banner).toContainText('read-only');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Handed over from disk');
});
