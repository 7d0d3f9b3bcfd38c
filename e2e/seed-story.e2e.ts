// The seed's story told through the UI, as a new user would: an investigation on the seed scenario, the baseline
// made to fail with container shutdowns (a staircase), the control job, layers 2 and 3 peeled (flat), layer 2
// restored (a blip, no staircase), layer 3 isolated (the staircase is back), an overlay of those runs, the fix applied
// and proven A/B/A, the investigation resolved — and the audit trail listing each step in order.
import { expect, type Page, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './fixtures/accessibility';
import { makeDataDir, openHome, type PeelHost, removeDataDir, startPeelHost } from './fixtures/peel-host';
import { snap } from './fixtures/screenshots';

const LEAKY = /leak|sawtooth/i;

/** Waits for run #seq to finish and returns its verdict. */
async function waitForRun(page: Page, seq: number): Promise<string> {
  const row = page.locator('.run-chips li', {
    has: page.getByRole('button', { name: `run #${seq}`, exact: true }),
  });
  const status = row.locator('.run-status');
  await expect(status).toHaveAttribute('data-status', 'completed', { timeout: 90_000 });
  return (await status.getAttribute('data-verdict')) ?? '';
}

async function derive(
  page: Page,
  change: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
): Promise<void> {
  await page.getByRole('button', { name: 'Derive…' }).click();
  const dialog = page.getByRole('dialog', { name: /Derive from experiment/ });
  await expect(dialog).toBeVisible();
  await change(dialog);
  await expect(dialog.locator('.diff-chip').first()).toBeVisible();
  await dialog.getByRole('button', { name: 'Create and run' }).click();
  await expect(dialog).toBeHidden();
}

async function selectExperiment(page: Page, seq: number): Promise<void> {
  await page
    .locator('.experiment-row', { has: page.locator('.experiment-seq', { hasText: `#${seq}` }) })
    .first()
    .click();
  await expect(page.locator('#experiment-title')).toContainText(`Experiment #${seq}`);
}

test('the seed story: make it fail, peel the onion, prove the fix, resolve', async ({ page }) => {
  test.setTimeout(240_000);
  const dataDir = makeDataDir();
  let host: PeelHost | null = null;
  try {
    host = await startPeelHost(dataDir);
    await openHome(page, host.url);
    await page.keyboard.press('n');
    const newDialog = page.getByRole('dialog', { name: 'New investigation' });
    await newDialog.getByLabel('Title').fill('Direct OOMs in ads-reporting');
    await newDialog
      .getByLabel('Incident summary')
      .fill('Cannot reserve … bytes of direct buffer memory, since the consolidation.');
    await newDialog.getByRole('button', { name: 'Create investigation' }).click();
    await page.getByRole('tab', { name: /Lab/ }).click();

    // Understand the system: pick the seed scenario.
    await page.getByRole('button', { name: /Off-heap map leaked on every restart/ }).click();
    await expect(page.locator('.next-step')).toContainText('Make it fail');
    await snap(page, 'seed-01-system');
    await expectNoSeriousA11yViolations(page, 'lab: scenario chosen');

    // Make it fail: the baseline with containers shut down every 30 minutes.
    await page.getByRole('button', { name: 'Create the baseline' }).click();
    await expect(page.locator('#experiment-title')).toContainText('Experiment #1: baseline');
    await expect(page.locator('.param-lines')).toContainText('shut down every 30 min');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    expect(await waitForRun(page, 1)).toMatch(LEAKY);
    await expect(page.locator('.verdict-card')).toContainText('128 MiB');
    await expect(page.locator('.verdict-card')).toContainText(/OOMs \d+/);
    await snap(page, 'seed-02-baseline-staircase');
    // The heat map reads from the keyboard too: down picks the first operator, read at the window's middle.
    const heat = page.getByRole('figure', { name: /^Back pressure by operator\./ });
    await expect(heat.getByText('No back-pressure data yet.')).toHaveCount(0, { timeout: 20_000 });
    await heat.focus();
    await page.keyboard.press('ArrowDown');
    await expect(heat.getByRole('status')).toContainText(/kafka-impressions · Layer 1/);
    await expect(heat.getByRole('status')).toContainText(/ms\/s back-pressured|not running/);
    await page.keyboard.press('ArrowDown');
    await expect(heat.getByRole('status')).toContainText('kafka-clicks');
    await expectNoSeriousA11yViolations(page, 'lab: baseline run');

    // Divide and conquer: the control job (one click from the suggested next step).
    await expect(page.locator('.next-step')).toContainText('Run the control job');
    await page.locator('.next-step').getByRole('button').click();
    expect(await waitForRun(page, 2)).toMatch(/flat|blip/i);

    // Peel layers 2 and 3 from the baseline: flat.
    await selectExperiment(page, 1);
    await derive(page, async (dialog) => {
      await dialog.getByLabel('Remove layer 2').check();
      await dialog.getByLabel('Remove layer 3').check();
    });
    expect(await waitForRun(page, 3)).toMatch(/flat/i);

    // Restore layer 2 only (layer 3 still removed): a minor blip (layer 2's RPC payloads after each restart), no staircase.
    await derive(page, async (dialog) => {
      await dialog.getByLabel('Remove layer 2').uncheck();
    });
    await expect(page.locator('#experiment-title')).toContainText('restored layer 2');
    expect(await waitForRun(page, 4)).toMatch(/blip/i);

    // Isolate layer 3 (layer 2 removed from the baseline): the staircase is back.
    await selectExperiment(page, 1);
    await derive(page, async (dialog) => {
      await dialog.getByLabel('Remove layer 2').check();
    });
    expect(await waitForRun(page, 5)).toMatch(LEAKY);
    await snap(page, 'seed-03-layer3-isolated');

    // Compare the runs in an overlay.
    for (const seq of [1, 3, 4, 5]) await page.getByRole('checkbox', { name: `Compare run #${seq}` }).check();
    await page.getByRole('button', { name: /^Compare 4/ }).click();
    const compare = page.locator('.compare-panel');
    await expect(compare).toContainText('run #1 → #3, removed layer 2, layer 3');
    await expect(compare).toContainText('run #1 → #5, removed layer 2');
    await expect(compare.locator('canvas').first()).toBeVisible();
    await snap(page, 'seed-04-overlay');
    await compare.getByRole('button', { name: 'Close the comparison' }).click();

    // If you didn't fix it, it ain't fixed: with the fix, without it, with it again.
    await selectExperiment(page, 1);
    await page.getByRole('button', { name: /Apply fix free-map-in-close and re-run/ }).click();
    // Fixed: nothing kept across restarts (layer 2's replay may still blip and settle back).
    expect(await waitForRun(page, 6)).toMatch(/flat|blip/i);
    // The suggested step carries the click for the proof's next run (issue 12: every step has its action).
    await page
      .getByRole('region', { name: 'Suggested next step' })
      .getByRole('button', { name: 'Run without fix free-map-in-close' })
      .click();
    expect(await waitForRun(page, 7)).toMatch(LEAKY);
    await page.getByRole('button', { name: /Apply fix free-map-in-close and re-run/ }).click();
    expect(await waitForRun(page, 8)).toMatch(/flat|blip/i);
    const proof = page.locator('.proof-panel');
    await expect(proof.locator('.proof-steps li.ok')).toHaveCount(3);
    await snap(page, 'seed-05-proof');

    await proof
      .getByLabel('Resolution')
      .fill('currency-convert leaked its off-heap map in close(); fixed and proven A/B/A.');
    await proof.getByRole('button', { name: 'Mark resolved' }).click();
    await expect(proof.locator('.resolved-note')).toContainText('Resolved by');
    await expect(page.locator('.next-step')).toContainText('Hand it over');

    // The audit trail lists each step in order (newest first on screen).
    if (!(await page.locator('.audit-panel').isVisible())) await page.keyboard.press('a');
    await expect(page.locator('.audit-event').first()).toBeVisible();
    const kinds = (await page.locator('.audit-event .audit-kind').allTextContents()).reverse();
    const order = [
      'investigation.created',
      'investigation.scenario-chosen',
      'experiment.created',
      'experiment.preflight',
      'run.started',
      'run.completed',
      'verdict.recorded',
      'comparison.opened',
      'fix.applied',
      'resolution.marked',
    ];
    let cursor = 0;
    for (const kind of order) {
      const at = kinds.indexOf(kind, cursor);
      expect(at, `${kind} after position ${cursor} in ${kinds.join(', ')}`).toBeGreaterThanOrEqual(cursor);
      cursor = at;
    }
    expect(kinds.filter((kind) => kind === 'run.completed')).toHaveLength(8);
    expect(kinds.filter((kind) => kind === 'experiment.created')).toHaveLength(8);
    await snap(page, 'seed-06-resolved-trail');
  } finally {
    await host?.stop();
    removeDataDir(dataDir);
  }
});
