// Cold start in browser mode: from spawning `node dist/electron/start.js --browser` to an interactive home screen in
// Debian's Chromium (the browser is launched first: its own start-up is not Peel's). Goal: under 1 s.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeDataDir, projectRoot, removeDataDir, startPeelHost } from '../../e2e/fixtures/peel-host';
import { CHROMIUM, launchBenchBrowser } from './bench-browser';
import type { Benchmark, BenchRow } from './bench-row';

async function seed(dataDir: string, investigations: number): Promise<void> {
  const host = await startPeelHost(dataDir);
  try {
    for (let i = 0; i < investigations; i++) {
      const response = await fetch(`${host.origin}/api/call/investigations.create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-peel-token': host.token },
        body: JSON.stringify({
          title: `Investigation ${i}`,
          summary: 'seeded for the start-up benchmark',
          startedAt: i,
        }),
      });
      if (!response.ok) throw new Error(`seeding failed: ${response.status}`);
    }
  } finally {
    await host.stop();
  }
}

export const benchmark: Benchmark = {
  name: 'startup',
  description:
    'browser mode: spawn host -> interactive home screen (list loaded) in Chromium; goal < 1000 ms',
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
    const samples: { hostReadyMs: number; interactiveMs: number }[] = [];
    try {
      await seed(dataDir, 50);
      for (let round = 0; round < 5; round++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const started = performance.now();
        const host = await startPeelHost(dataDir);
        const hostReadyMs = performance.now() - started;
        await page.goto(host.url);
        await page.getByRole('button', { name: /Investigation 49/ }).waitFor();
        const interactiveMs = performance.now() - started;
        samples.push({ hostReadyMs, interactiveMs });
        log(
          `round ${round + 1}: host ready ${hostReadyMs.toFixed(0)} ms, interactive ${interactiveMs.toFixed(0)} ms`,
        );
        await host.stop();
        await context.close();
      }
    } finally {
      await browser.close();
      removeDataDir(dataDir);
    }
    samples.sort((a, b) => a.interactiveMs - b.interactiveMs);
    const median = samples[Math.floor(samples.length / 2)]!;
    const row: BenchRow = {
      bench: 'startup',
      mode: 'browser',
      investigations: 50,
      hostReadyMs: median.hostReadyMs,
      interactiveMs: median.interactiveMs,
      goalMs: 1000,
      statistic: `median of ${samples.length}`,
    };
    return [row];
  },
};
