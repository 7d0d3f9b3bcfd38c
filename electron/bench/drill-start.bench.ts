// Starting a drill, from the click on "Start" in the drill list to the first graph of the page's dashboard drawn
// with its data in Debian's Chromium (browser mode): the variant, its first hours simulated and stored, the page
// and the chart. Timed in the page, from the click event to the end of the chart's own 'chart-render' measure of
// the run's series (a chart's empty frame, drawn as its panel mounts, does not count). One start per drill in the
// catalogue. Goal: under 1 s. Each start is split where the time goes: the start call (the variant, its first hours
// simulated, the run's series encoded, hashed and stored, the session) and what follows it in the page (opening
// the investigation, the run's series, drawing).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { makeDataDir, projectRoot, removeDataDir, startPeelHost } from '../../e2e/fixtures/peel-host';
import { DRILLS } from '../../shared/training';
import { CHROMIUM, launchBenchBrowser } from './bench-browser';
import type { Benchmark, BenchRow } from './bench-row';

/**
 * Resolves, in the page, once the drill page's chart has drawn the run's series after the next click: the times
 * from the click event to that draw's end, and to the `drills.start` answer. Passed as text: tsx would otherwise
 * wrap the inner functions with a helper the page does not have.
 */
function armProbe(page: Page): Promise<unknown> {
  return page.evaluate(`new Promise((resolve) => {
    performance.clearResourceTimings();
    performance.setResourceTimingBufferSize(2000);
    let clickedAt = null;
    document.addEventListener('click', () => {
      if (clickedAt === null) clickedAt = performance.now();
    }, { capture: true, once: true });
    const frame = () => {
      if (clickedAt === null || !document.querySelector('.drill-page')) return requestAnimationFrame(frame);
      const drawn = performance.getEntriesByName('chart-render').find((entry) =>
        entry.startTime >= clickedAt && entry.detail && entry.detail.series > 0 && entry.detail.points > 0);
      const call = performance.getEntriesByType('resource').find((entry) =>
        entry.startTime >= clickedAt && entry.name.includes('/api/call/drills.start'));
      if (!drawn || !call) return requestAnimationFrame(frame);
      resolve({
        firstGraphMs: drawn.startTime + drawn.duration - clickedAt,
        startCallMs: call.responseEnd - clickedAt,
      });
    };
    requestAnimationFrame(frame);
  })`);
}

export const benchmark: Benchmark = {
  name: 'drill-start',
  description: 'browser mode: click Start on a drill -> first graph of its page drawn; goal < 1000 ms',
  async run(log) {
    if (!existsSync(CHROMIUM)) {
      log(`skipped: no Chromium at ${CHROMIUM}`);
      return [];
    }
    if (!existsSync(join(projectRoot, 'dist/electron/start.js'))) {
      log('building first (npm run build)');
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: projectRoot, stdio: 'inherit' });
    }
    const browser = await launchBenchBrowser();
    const dataDir = makeDataDir();
    // PEEL_BENCH_HOST_PROF=dir writes the host's CPU profile there when it stops.
    const hostProf = process.env.PEEL_BENCH_HOST_PROF;
    const host = await startPeelHost(
      dataDir,
      hostProf ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${hostProf}`] } : {},
    );
    const samples: { drill: string; firstGraphMs: number; startCallMs: number }[] = [];
    try {
      // bypassCSP only lets the probe be evaluated as text; the app's code runs as it always does.
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
      await page.goto(host.url);
      // One drill started and thrown away first: the first simulation in a process pays for compiling the code.
      for (const drill of [DRILLS[0]!, ...DRILLS]) {
        await page.getByRole('button', { name: 'Drills', exact: true }).click();
        const start = page.getByRole('button', { name: `Start the drill: ${drill.title}` });
        await start.waitFor();
        const probe = armProbe(page);
        await start.click();
        const { firstGraphMs, startCallMs } = (await probe) as { firstGraphMs: number; startCallMs: number };
        samples.push({ drill: drill.id, firstGraphMs, startCallMs });
        log(
          `${drill.id}: first graph in ${firstGraphMs.toFixed(0)} ms (start call ${startCallMs.toFixed(0)} ms, page after it ${(firstGraphMs - startCallMs).toFixed(0)} ms)`,
        );
      }
    } finally {
      await host.stop();
      await browser.close();
      removeDataDir(dataDir);
    }
    const measured = samples.slice(1);
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return Math.round(sorted[Math.floor(sorted.length / 2)]!);
    };
    const times = measured.map((s) => s.firstGraphMs).sort((a, b) => a - b);
    const medianMs = median(times);
    const row: BenchRow = {
      bench: 'drill-start',
      mode: 'browser',
      drills: measured.length,
      warmUpMs: Math.round(samples[0]!.firstGraphMs),
      medianMs,
      goalMs: 1000,
      withinGoal: medianMs < 1000,
      medianStartCallMs: median(measured.map((s) => s.startCallMs)),
      medianPageAfterStartMs: median(measured.map((s) => s.firstGraphMs - s.startCallMs)),
      maxMs: Math.round(times.at(-1)!),
      slowest: measured.reduce((a, b) => (b.firstGraphMs > a.firstGraphMs ? b : a)).drill,
      statistic: `one start per drill, after one warm-up start`,
    };
    return [row];
  },
};
