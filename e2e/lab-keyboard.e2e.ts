// Issue 12, points 1, 3 and 4, as a new user at both window sizes: the lab reached and driven from the keyboard
// (the palette finds each lab action by a word of its name and runs it), every suggested step with its one click,
// a new run's result brought into view, and the checklist ticked only where the trail holds the proving event —
// the baseline item waits for a run, "read the OOM messages" is only suggested.
import { expect, type Page, test } from '@playwright/test';
import { freshHostForEachTest, openHome } from './fixtures/peel-host';
import { callApi, VIEWPORTS } from './fixtures/sample-data';
import { snap } from './fixtures/screenshots';

const fresh = freshHostForEachTest();

/** Opens the palette, types `query`, checks the best match and runs it with Enter. */
async function palette(page: Page, query: string, expected: RegExp): Promise<void> {
  await page.keyboard.press('Control+k');
  const input = page.getByRole('combobox', { name: 'Command' });
  await expect(input).toBeFocused();
  await input.fill(query);
  await expect(page.getByRole('listbox', { name: 'Commands' }).getByRole('option').first()).toContainText(
    expected,
  );
  await page.keyboard.press('Enter');
  await expect(input).toBeHidden();
}

const item = (page: Page, id: string) => page.locator(`li[data-item-id="${id}"]`);

interface TrailEvent {
  seq: number;
  kind: string;
  payload: Record<string, unknown>;
}

/** Two simulated days at parallelism 32, two per worker: seconds of work each, whatever the machine. */
const LONG = { scenario: 'offheap-map-leak', hours: 48, parallelism: 32 };

/** Starts four long runs in an investigation of their own and returns their ids (to cancel them afterwards). */
async function occupyWorkers(): Promise<string[]> {
  const other = await callApi<{ id: string }>(fresh.host, 'investigations.create', {
    title: 'Keeps the workers busy',
    summary: '',
    startedAt: Date.UTC(2026, 11, 1),
  });
  await callApi(fresh.host, 'lab.setScenario', { investigationId: other.id, scenarioId: 'offheap-map-leak' });
  const experiment = await callApi<{ id: string }>(fresh.host, 'experiments.create', {
    investigationId: other.id,
    parentId: null,
    params: LONG,
  });
  const runs: string[] = [];
  for (let i = 0; i < 4; i++)
    runs.push((await callApi<{ id: string }>(fresh.host, 'runs.start', { experimentId: experiment.id })).id);
  return runs;
}

for (const viewport of VIEWPORTS) {
  test(`the lab from the keyboard, honest ticks and results in view at ${viewport.name}`, async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await page.setViewportSize(viewport);
    await openHome(page, fresh.host.url);
    await page.keyboard.press('n');
    const dialog = page.getByRole('dialog', { name: 'New investigation' });
    await dialog.getByLabel('Title').fill('Direct OOMs after the consolidation');
    await dialog.getByRole('button', { name: 'Create investigation' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Direct OOMs after the consolidation');
    const [created] = await callApi<{ id: string }[]>(fresh.host, 'investigations.list', {});
    const investigationId = created!.id;

    // L opens the lab; pick the seed's scenario; S takes the suggested step (create the baseline).
    await page.keyboard.press('l');
    await page.getByRole('button', { name: /Off-heap map leaked on every restart/ }).click();
    const banner = page.getByRole('region', { name: 'Suggested next step' });
    await expect(banner).toContainText('Make it fail');
    await page.keyboard.press('s');
    await expect(page.locator('#experiment-title')).toContainText('Experiment #1: baseline');

    // "Check the plug" carries its button; the palette finds the preflight by a word of its name.
    await expect(banner).toContainText('Check the plug');
    await expect(banner.getByRole('button', { name: 'Check the plug on #1' })).toBeVisible();
    await palette(page, 'preflight', /Check the plug \(preflight\) on #1/);
    await expect(banner).toContainText('Run the baseline');
    const runButton = banner.getByRole('button', { name: 'Run experiment #1' });
    await expect(runButton).toBeVisible();

    // Point 1: before any run, the baseline and the failures firing are not ticked; nothing is ticked without the
    // event that proves it.
    await page.getByRole('tab', { name: 'Notebook' }).click();
    await page.keyboard.press('7');
    await expect(item(page, 'plug.baseline').getByRole('checkbox')).not.toBeChecked();
    await expect(item(page, 'plug.failures-fired').getByRole('checkbox')).not.toBeChecked();
    await expect(item(page, 'plug.right-metric').getByRole('checkbox')).not.toBeChecked();
    await expect(item(page, 'plug.right-metric')).toContainText('Suggested:');
    await expect(item(page, 'plug.memory-settings').getByRole('checkbox')).toBeChecked();
    await expect(item(page, 'plug.memory-settings')).toContainText(
      /Ticked by Peel from evidence.*proved by event #\d+/,
    );
    await snap(page, `lab-keys-01-plug-before-run-${viewport.name}`);

    // Point 3: the banner's button runs the baseline, and its result comes into view when it lands.
    await page.keyboard.press('l');
    await runButton.click();
    const verdict = page.locator('.verdict-card');
    await expect(verdict).toBeVisible({ timeout: 120_000 });
    await expect(verdict).toBeInViewport({ ratio: 0.5 });
    await expect(verdict).toContainText(/leak|saw-tooth/);
    await snap(page, `lab-keys-02-result-in-view-${viewport.name}`);

    // Every automatic tick names an event of this investigation's trail that proves it, of the kind it claims.
    const detail = await callApi<{
      checklist: { itemId: string; ticked: boolean; evidence?: { eventSeq: number | null } }[];
    }>(fresh.host, 'investigations.get', { id: investigationId });
    const events = await callApi<TrailEvent[]>(fresh.host, 'audit.list', { investigationId, limit: 500 });
    const bySeq = new Map(events.map((event) => [event.seq, event]));
    const auto = detail.checklist.filter((tick) => tick.ticked && tick.evidence);
    expect(auto.map((tick) => tick.itemId)).toEqual(
      expect.arrayContaining(['plug.baseline', 'fail.restarts']),
    );
    for (const tick of auto) {
      const proof = bySeq.get(tick.evidence!.eventSeq ?? -1);
      expect(proof, `${tick.itemId} names an event in the trail`).toBeDefined();
      expect(['run.completed', 'experiment.preflight', 'experiment.created']).toContain(proof!.kind);
    }
    for (const judged of ['look.events', 'look.direct-graph', 'understand.topology'])
      expect(detail.checklist.find((tick) => tick.itemId === judged)?.ticked ?? false, judged).toBe(false);

    await page.getByRole('tab', { name: 'Notebook' }).click();
    await page.keyboard.press('3');
    await expect(item(page, 'look.events').getByRole('checkbox')).not.toBeChecked();
    await expect(item(page, 'look.events')).toContainText(/Suggested: read the \d+ OOM messages/);
    await page.keyboard.press('7');
    await expect(item(page, 'plug.baseline').getByRole('checkbox')).toBeChecked();
    await expect(item(page, 'plug.baseline')).toContainText(
      /Ticked by Peel from evidence run #1 ran the job/,
    );
    await snap(page, `lab-keys-03-ticks-after-run-${viewport.name}`);

    // Point 4: the palette reaches each lab action by a word or prefix and runs it.
    await page.keyboard.press('l');
    await expect(page.locator('#experiment-title')).toContainText('Experiment #1');
    await palette(page, 'derive', /Derive an experiment from #1/);
    const derive = page.getByRole('dialog', { name: /Derive from experiment/ });
    await expect(derive).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(derive).toBeHidden();

    await expect(banner).toContainText('Run the control job');
    await palette(page, 'next step', /Next step: Run: control job/);
    await expect(page.locator('#experiment-title')).toContainText('control job');
    await expect(page.locator('.verdict-card')).toBeInViewport({ timeout: 120_000 });

    await page.getByRole('button', { name: 'run #1', exact: true }).click();
    await expect(page.locator('#experiment-title')).toContainText('Experiment #1');
    // The seed job's sweep can finish in about a second, before the palette cancels it. Long runs of another
    // investigation hold the simulation workers, so the sweep is still in line when Cancel is pressed.
    const busy = await occupyWorkers();
    await palette(page, 'auto-peel', /Auto-peel sweep of #1/);
    await expect(page.getByRole('status', { name: 'Auto-peel progress' })).toBeVisible();
    await palette(page, 'cancel sweep', /Cancel the auto-peel sweep/);
    await expect(page.getByRole('status', { name: 'Auto-peel progress' })).toBeHidden({ timeout: 60_000 });
    for (const runId of busy) await callApi(fresh.host, 'runs.cancel', { runId });
    // The trail records the sweep as cancelled, not as finished.
    const sweeps = (
      await callApi<TrailEvent[]>(fresh.host, 'audit.list', { investigationId, limit: 500 })
    ).filter((event) => event.kind === 'sweep.completed');
    expect(sweeps.map((event) => event.payload.cancelled)).toEqual([true]);

    await page.getByRole('checkbox', { name: 'Compare run #1' }).check();
    await page.getByRole('checkbox', { name: 'Compare run #2' }).check();
    await palette(page, 'compare', /Compare the 2 selected runs/);
    await expect(page.locator('.compare-panel')).toBeVisible();
    await page.locator('.compare-panel').getByRole('button', { name: 'Close the comparison' }).click();

    await page.getByRole('button', { name: 'run #1', exact: true }).click();
    await palette(page, 'apply fix', /Apply fix free-map-in-close to #1 and re-run/);
    await expect(page.locator('#experiment-title')).toContainText('applied fix free-map-in-close');
    await expect(page.locator('.verdict-card')).toBeInViewport({ timeout: 120_000 });
    // The proof's next step carries its click: run without the fix.
    await expect(banner.getByRole('button', { name: 'Run without fix free-map-in-close' })).toBeVisible({
      timeout: 30_000,
    });
    await palette(page, 'resolved', /Mark the investigation resolved/);
    await expect(page.getByRole('textbox', { name: 'Resolution' })).toBeFocused();
    await snap(page, `lab-keys-04-palette-actions-${viewport.name}`);

    // "drill" is no longer a near miss for "Drew the job graph".
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Command' }).fill('drill');
    // It finds the drill commands (whole word), and never the checklist item "Drew the job graph".
    const options = page.getByRole('listbox', { name: 'Commands' }).getByRole('option');
    await expect(options.first()).toContainText(/drill/i);
    await expect(options.filter({ hasText: /Drew the job graph/ })).toHaveCount(0);
    await page.keyboard.press('Escape');
  });
}
