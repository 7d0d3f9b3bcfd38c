// Browser mode, on the worked example (npm run sample): read the trail as a timeline, filter it by rule and kind,
// search it, jump from an event to the run it produced, correct a note, a hypothesis and an event's description
// (each shows "edited" with its history), and verify the chain. Then the same timeline at 100,000 events.
import { expect, type Page, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './fixtures/accessibility';
import { makeDataDir, removeDataDir, startPeelHost } from './fixtures/peel-host';
import { snap } from './fixtures/screenshots';
import { createLargeTrail, createSample } from './fixtures/trail-data';

const rows = (page: Page) => page.locator('.trail-row:not(.trail-placeholder)');
const count = (page: Page) => page.locator('.trail-count');

async function openTrailOf(page: Page, title: RegExp) {
  await page.getByRole('button', { name: title }).click();
  await page.getByRole('tab', { name: 'Trail' }).click();
  await expect(rows(page).first()).toBeVisible();
}

test('the trail of the worked example: filter, search, jump, correct, verify', async ({ page }) => {
  const dataDir = makeDataDir();
  await createSample(dataDir);
  const host = await startPeelHost(dataDir);
  try {
    await page.goto(host.url);
    await openTrailOf(page, /Worked example/);
    const everything = Number((await count(page).textContent())?.replace(/\D/g, ''));
    expect(everything).toBeGreaterThan(60);
    await expect(rows(page).first().locator('.trail-seq')).toHaveText(`#${everything}`);
    await snap(page, 'trail-01-timeline');
    await expectNoSeriousA11yViolations(page, 'trail');

    // By rule: every row shown is tagged with it.
    await page.getByLabel('Rule').selectOption({ label: '4. Divide and Conquer' });
    await expect(count(page)).toHaveText(/match$/);
    const tags = await rows(page).locator('.trail-rule').allInnerTexts();
    expect(tags.length).toBeGreaterThan(3);
    expect(new Set(tags)).toEqual(new Set(['4. Divide and Conquer']));

    // By kind, on top of the rule, then alone.
    await page.getByLabel('Rule').selectOption({ label: 'All rules' });
    await page.getByRole('button', { name: 'Runs', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Runs', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(rows(page).first().locator('.trail-kind')).toHaveText(/^run\./);
    const kinds = await rows(page).locator('.trail-kind').allInnerTexts();
    expect(kinds.every((kind) => kind.startsWith('run.'))).toBe(true);
    expect(kinds).toContain('run.completed');
    await snap(page, 'trail-02-runs');

    // Jump from the newest run event to that run in the lab.
    const newestRun = rows(page).first();
    const runNumber = /Run #(\d+)|run #(\d+)/.exec(
      (await newestRun.locator('.trail-text').textContent()) ?? '',
    );
    await newestRun.getByRole('button', { name: 'Open the run' }).click();
    await expect(page.getByRole('tab', { name: /^Lab/ })).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('#run-title')).toContainText(`Run #${runNumber?.[1] ?? runNumber?.[2]}`);

    // Search, server-side: words in notes, across kinds.
    await page.getByRole('tab', { name: 'Trail' }).click();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(count(page)).toHaveText(`${everything} events`);
    await page.getByRole('searchbox', { name: 'Search the trail' }).fill('platform team');
    await expect(count(page)).toHaveText('1 event match');
    await expect(rows(page).first().locator('.trail-kind')).toHaveText('note.added');
    await expect(rows(page).first()).toContainText('Walked the platform team through it');

    // Describe that event, then correct the description: "edited", with both texts in its history.
    await rows(page)
      .first()
      .getByRole('button', { name: /^Describe event/ })
      .click();
    await page
      .getByRole('textbox', { name: /^Description of event/ })
      .fill('The moment the lifecycle question came up');
    await page.getByRole('button', { name: 'Save description' }).click();
    await expect(rows(page).first().locator('.trail-description-text')).toHaveText(
      'The moment the lifecycle question came up',
    );
    await rows(page)
      .first()
      .getByRole('button', { name: /^Correct the description of event/ })
      .click();
    await page
      .getByRole('textbox', { name: /^Description of event/ })
      .fill('Where the platform team named close()');
    await page.getByRole('button', { name: 'Save correction' }).click();
    const edited = rows(page).first().getByRole('button', { name: 'edited · 2 versions' });
    await expect(edited).toBeVisible();
    await edited.click();
    const history = rows(page)
      .first()
      .getByRole('list', { name: /^Earlier descriptions/ });
    await expect(history.getByRole('listitem')).toHaveCount(2);
    await expect(history).toContainText('The moment the lifecycle question came up');
    await expect(page.getByRole('button', { name: /new events? · Show/ })).toBeVisible();
    await snap(page, 'trail-03-described');
    await expectNoSeriousA11yViolations(page, 'trail with a corrected description');

    // Correct a note in the notebook: the latest text with "edited", the first one a click away.
    await page.getByRole('tab', { name: 'Notebook' }).click();
    const note = page.locator('#rule-get-a-fresh-view .note').first();
    await note.getByRole('button', { name: 'Correct' }).click();
    await page
      .locator('#rule-get-a-fresh-view')
      .getByRole('textbox')
      .first()
      .fill('Walked the platform team through the evidence.');
    await page.getByRole('button', { name: 'Save correction' }).click();
    await expect(note).toContainText('Walked the platform team through the evidence.');
    await note.getByRole('button', { name: 'edited · 2 revisions' }).click();
    await expect(note.getByRole('list', { name: 'Earlier revisions' })).toContainText('JVM stays up');

    // Correct a hypothesis's statement the same way.
    const hypothesis = page.locator('.hypothesis').first();
    const original = (await hypothesis.locator('.hypothesis-statement').textContent()) ?? '';
    await hypothesis.getByRole('button', { name: 'Correct', exact: true }).click();
    await hypothesis.getByRole('textbox', { name: 'Corrected statement' }).fill(`${original} (per subtask)`);
    await hypothesis.getByRole('button', { name: 'Save correction' }).click();
    await expect(hypothesis.locator('.hypothesis-statement')).toHaveText(`${original} (per subtask)`);
    await hypothesis.getByRole('button', { name: 'edited · 2 versions' }).click();
    await expect(hypothesis.getByRole('list', { name: 'Earlier statements' })).toContainText(original);
    await snap(page, 'trail-04-corrected-in-notebook');

    // The corrections are in the trail, and the chain verifies.
    await page.getByRole('tab', { name: 'Trail' }).click();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(rows(page).first().locator('.trail-kind')).toHaveText('hypothesis.corrected');
    await expect(rows(page).nth(1).locator('.trail-kind')).toHaveText('note.corrected');
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    const status = page.getByRole('status').filter({ hasText: 'Intact' });
    await expect(status).toContainText(`${everything + 4} events, every hash recomputed`);
    await snap(page, 'trail-05-verified');

    // Jump from a note's event to the note.
    await page.getByRole('searchbox', { name: 'Search the trail' }).fill('band-aid');
    await rows(page)
      .filter({ hasText: 'Wrote a note' })
      .getByRole('button', { name: 'Show the note' })
      .click();
    await expect(page.getByRole('tab', { name: 'Notebook' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('.note:focus')).toContainText('Band-aid');
  } finally {
    await host.stop();
    removeDataDir(dataDir);
  }
});

test('the timeline stays virtual and quick at 100,000 events', async ({ page, browser }) => {
  // Writing the 100,000 chained events, showing them in two schemes and verifying the chain takes 2.4 min on a quiet
  // 2-core machine: more room than the suite's 5 min for a machine busy with other work (nothing here is timed).
  test.setTimeout(600_000);
  const dataDir = makeDataDir();
  await createLargeTrail(dataDir);
  const host = await startPeelHost(dataDir);
  try {
    for (const scheme of ['dark', 'light'] as const) {
      const context =
        scheme === 'dark'
          ? page.context()
          : await browser.newContext({ colorScheme: 'light', viewport: { width: 1440, height: 900 } });
      const tab = scheme === 'dark' ? page : await context.newPage();
      await tab.goto(host.url);
      await openTrailOf(tab, /A very long trail/);
      await expect(count(tab)).toHaveText('100,000 events');
      // Deep into the trail: only what is on screen exists in the page.
      await tab.locator('.trail-scroll').evaluate((element) => {
        element.scrollTop = element.scrollHeight * 0.73;
      });
      await expect(tab.locator('.trail-placeholder')).toHaveCount(0);
      const seq = Number((await rows(tab).first().locator('.trail-seq').textContent())?.slice(1));
      expect(seq).toBeGreaterThan(20_000);
      expect(seq).toBeLessThan(40_000);
      expect(await tab.locator('.trail-slot').count()).toBeLessThan(60);
      await snap(tab, `trail-06-100k-deep-${scheme}`);
      if (scheme === 'dark') {
        await expectNoSeriousA11yViolations(tab, 'trail at 100,000 events');
        // Search over all of it, then verify all of it.
        await tab.getByRole('searchbox', { name: 'Search the trail' }).fill('thrift');
        await expect(count(tab)).toHaveText(/^[\d,]+ events match$/);
        await tab.getByRole('button', { name: 'Verify', exact: true }).click();
        await expect(tab.getByRole('status').filter({ hasText: 'Intact' })).toContainText('100,000 events');
        await snap(tab, 'trail-07-100k-search-verified');
      } else {
        await context.close();
      }
    }
  } finally {
    await host.stop();
    removeDataDir(dataDir);
  }
});
