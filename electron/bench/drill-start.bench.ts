// Starting a drill, from the click on "Start" in the drill list to the first graph of the page's dashboard drawn
// in Debian's Chromium (browser mode): the variant, its first hours simulated and stored, the page and the chart.
// One start per drill in the catalogue. Goal: under 1 s.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { makeDataDir, projectRoot, removeDataDir, startPeelHost } from '../../e2e/fixtures/peel-host';
import { DRILLS } from '../../shared/training';
import type { Benchmark, BenchRow } from './bench-row';

const CHROMIUM = process.env.PEEL_CHROMIUM ?? '/usr/bin/chromium';

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
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const dataDir = makeDataDir();
    const host = await startPeelHost(dataDir);
    const samples: { drill: string; firstGraphMs: number }[] = [];
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(host.url);
      // One drill started and thrown away first: the first simulation in a process pays for compiling the code.
      for (const drill of [DRILLS[0]!, ...DRILLS]) {
        await page.getByRole('button', { name: 'Drills', exact: true }).click();
        const start = page.getByRole('button', { name: `Start the drill: ${drill.title}` });
        await start.waitFor();
        const started = performance.now();
        await start.click();
        await page.locator('.drill-page canvas').first().waitFor({ timeout: 60_000 });
        const firstGraphMs = performance.now() - started;
        samples.push({ drill: drill.id, firstGraphMs });
        log(`${drill.id}: first graph in ${firstGraphMs.toFixed(0)} ms`);
      }
    } finally {
      await host.stop();
      await browser.close();
      removeDataDir(dataDir);
    }
    const measured = samples.slice(1);
    const times = measured.map((s) => s.firstGraphMs).sort((a, b) => a - b);
    const row: BenchRow = {
      bench: 'drill-start',
      mode: 'browser',
      drills: measured.length,
      warmUpMs: Math.round(samples[0]!.firstGraphMs),
      medianMs: Math.round(times[Math.floor(times.length / 2)]!),
      maxMs: Math.round(times.at(-1)!),
      slowest: measured.reduce((a, b) => (b.firstGraphMs > a.firstGraphMs ? b : a)).drill,
      goalMs: 1000,
      statistic: `one start per drill, after one warm-up start`,
    };
    return [row];
  },
};
