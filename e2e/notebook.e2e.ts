// Browser mode, as a new user: the notebook story, then a restart of the host (a new process on the same data
// folder) and everything is still there, with the audit trail in order.
import { expect, test } from '@playwright/test';
import { expectStoryPersisted, runNotebookStory } from './fixtures/notebook-story';
import { makeDataDir, removeDataDir, startPeelHost } from './fixtures/peel-host';

test('a new user keeps a notebook that survives a restart', async ({ page }) => {
  const dataDir = makeDataDir();
  let host = await startPeelHost(dataDir);
  try {
    await page.goto(host.url);
    await runNotebookStory(page, 'browser');
    await host.stop();
    host = await startPeelHost(dataDir);
    await page.goto(host.url);
    await expectStoryPersisted(page, 'browser');
  } finally {
    await host.stop();
    removeDataDir(dataDir);
  }
});

test('shortcuts pressed as the page loads are not lost while the app loads', async ({ page }) => {
  const dataDir = makeDataDir();
  const host = await startPeelHost(dataDir);
  try {
    // No wait for the home screen: the key goes out at the load event, before the app may be listening. The new
    // investigation's title then has the focus, so the user can type it straight away.
    await page.goto(host.url);
    await page.keyboard.press('n');
    const dialog = page.getByRole('dialog', { name: 'New investigation' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Title')).toBeFocused();
    await page.keyboard.type('Typed at once');
    await expect(dialog.getByLabel('Title')).toHaveValue('Typed at once');
  } finally {
    await host.stop();
    removeDataDir(dataDir);
  }
});

test('the host refuses API calls without the token or from another origin', async ({ request }) => {
  const dataDir = makeDataDir();
  const host = await startPeelHost(dataDir);
  try {
    const call = `${host.origin}/api/call/investigations.list`;
    const noToken = await request.post(call, { data: {} });
    expect(noToken.status()).toBe(403);
    expect((await noToken.json()).error.code).toBe('forbidden');
    const otherOrigin = await request.post(call, {
      data: {},
      headers: { 'x-peel-token': host.token, origin: 'http://evil.example' },
    });
    expect(otherOrigin.status()).toBe(403);
    const ok = await request.post(call, { data: {}, headers: { 'x-peel-token': host.token } });
    expect(ok.status()).toBe(200);
    expect((await ok.json()).ok).toBe(true);
  } finally {
    await host.stop();
    removeDataDir(dataDir);
  }
});

test('a page from another origin cannot call the API, even knowing the address', async ({ page }) => {
  const dataDir = makeDataDir();
  const host = await startPeelHost(dataDir);
  try {
    await page.goto('about:blank');
    const status = await page.evaluate(async (url) => {
      try {
        const response = await fetch(url, {
          method: 'POST',
          body: '{}',
          headers: { 'content-type': 'text/plain' },
        });
        return response.status;
      } catch {
        return 'blocked';
      }
    }, `${host.origin}/api/call/investigations.list`);
    expect(status === 403 || status === 'blocked').toBe(true);
  } finally {
    await host.stop();
    removeDataDir(dataDir);
  }
});
