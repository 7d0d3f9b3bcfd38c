// Chart speed in Debian's Chromium through the browser host: four 24-hour runs of 8 TaskManagers (86,400 points
// per series, 2.76 million in all) overlaid in the lab's comparison. Reports the renderer's own
// performance.measure('chart-render') for the overlay, the time from the click to the drawn chart (fetching and
// downsampling included), and the frame rate while zooming with the mouse wheel. Goals: < 300 ms, 60 fps.
// Click to chart is timed in the page, like run-to-result: from the click event to the first animation frame after
// the overlay drew its 32 series. The wall clock around Playwright's click (locating the button by its role, its
// actionability checks, the page's answer to a poll) is reported beside it.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { makeDataDir, projectRoot, removeDataDir, startPeelHost } from '../../e2e/fixtures/peel-host';
import { openBackend } from '../backend/backend';
import { CHROMIUM, launchBenchBrowser } from './bench-browser';
import type { Benchmark, BenchRow } from './bench-row';
import { trackCalls } from './page-calls';
import { readCpuMs } from './process-cpu';

const HOURS = 24;
const round1 = (x: number) => Math.round(x * 10) / 10;
const PARALLELISM = 8;

/** Four completed 24 h runs in one investigation: baseline, layer 3 removed, layer 2 removed, fixed. */
async function prepare(dataDir: string, log: (line: string) => void): Promise<string> {
  const backend = openBackend({ dataDir, host: 'browser', version: 'bench', user: 'bench' });
  const call = async (channel: string, request: unknown) => {
    const answer = await backend.dispatch(channel, request);
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`);
    return answer.value as Record<string, unknown> & { id: string; params: Record<string, unknown> };
  };
  try {
    const investigation = await call('investigations.create', {
      title: 'Chart bench',
      summary: '',
      startedAt: 0,
    });
    const params = { scenario: 'offheap-map-leak', hours: HOURS, parallelism: PARALLELISM };
    const baseline = await call('experiments.create', {
      investigationId: investigation.id,
      parentId: null,
      params,
    });
    const variants = [{ removed: ['layer3'] }, { removed: ['layer2'] }, { fixes: ['free-map-in-close'] }];
    const experiments = [baseline];
    for (const change of variants) {
      experiments.push(
        await call('experiments.create', {
          investigationId: investigation.id,
          parentId: baseline.id,
          params: { ...baseline.params, ...change },
        }),
      );
    }
    for (const experiment of experiments) {
      const run = await call('runs.start', { experimentId: experiment.id });
      await backend.context.lab.jobs.get(run.id)?.stored;
      log(`prepared a ${HOURS} h run at parallelism ${PARALLELISM}`);
    }
    return investigation.id;
  } finally {
    backend.close();
  }
}

export const benchmark: Benchmark = {
  name: 'chart',
  description: `overlay of 4 runs x ${PARALLELISM} TaskManagers x 86,400 points in Chromium: render < 300 ms, zoom at 60 fps`,
  async run(log) {
    if (!existsSync(CHROMIUM)) {
      log(`skipped: no Chromium at ${CHROMIUM}`);
      return [];
    }
    // PEEL_BENCH_NO_BUILD=1 measures the build already in dist/ (to alternate two builds back to back).
    if (!process.env.PEEL_BENCH_NO_BUILD)
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: projectRoot, stdio: 'inherit' });
    const dataDir = makeDataDir();
    const browser = await launchBenchBrowser();
    // PEEL_BENCH_HOST_PROF=dir writes the host's CPU profile there when it stops.
    const hostProf = process.env.PEEL_BENCH_HOST_PROF;
    const host = await (async () => {
      // PEEL_BENCH_CHART_DATA=dir starts from a copy of a data folder an earlier run prepared (kept with
      // PEEL_BENCH_KEEP_DATA=dir), so repeated measurements skip the four day-long simulations.
      const prepared = process.env.PEEL_BENCH_CHART_DATA;
      if (prepared) cpSync(prepared, dataDir, { recursive: true });
      else await prepare(dataDir, log);
      const keep = process.env.PEEL_BENCH_KEEP_DATA;
      if (keep && !prepared) cpSync(dataDir, keep, { recursive: true });
      return startPeelHost(
        dataDir,
        hostProf ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${hostProf}`] } : {},
      );
    })();
    try {
      // bypassCSP only lets the benchmark's own probes be evaluated as text; the app's code runs as it always does.
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, bypassCSP: true });
      await page.goto(host.url);
      await page.getByRole('button', { name: /Chart bench/ }).click();
      await page.getByRole('tab', { name: /Lab/ }).click();
      await page.getByRole('button', { name: 'Hide audit trail' }).click();
      for (const seq of [1, 2, 3, 4])
        await page.getByRole('checkbox', { name: `Compare run #${seq}` }).check();
      await page.evaluate(() => {
        performance.clearMeasures('chart-render');
        performance.clearResourceTimings();
        performance.setResourceTimingBufferSize(2000);
      });
      // The click's own time in the page, so the calls and the draw can be placed after it.
      await page.evaluate(
        `document.addEventListener('click', () => { window.__benchClickAt = performance.now(); }, { capture: true, once: true })`,
      );
      // PEEL_BENCH_PROFILE=file.cpuprofile records the page's CPU profile from the click to the drawn chart.
      const profilePath = process.env.PEEL_BENCH_PROFILE;
      const cdp = profilePath ? await page.context().newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      // PEEL_BENCH_TRACE=file.json records a Chromium trace with rendering events (style, layout, paint, raster)
      // from the click to the drawn chart, and file-zoom.json one of the wheel zoom and the pan.
      const tracePath = process.env.PEEL_BENCH_TRACE;
      const traceCategories = [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'disabled-by-default-devtools.timeline.frame',
        'blink.user_timing',
        'loading',
        'netlog',
        'v8.execute',
        'toplevel',
        'cc',
        'viz',
        'gpu',
        'benchmark',
        'blink',
      ];
      if (tracePath) await browser.startTracing(page, { path: tracePath, categories: traceCategories });
      // CPU time beside wall time: the page's main thread and its whole renderer process (Chromium's own counters)
      // and the host process (/proc), which a busy shared machine stretches far less than the wall clock.
      const metrics = await page.context().newCDPSession(page);
      await metrics.send('Performance.enable');
      const cpu = async () => {
        const { metrics: list } = await metrics.send('Performance.getMetrics');
        const value = (name: string) => (list.find((m) => m.name === name)?.value ?? 0) * 1000;
        return { main: value('ThreadTime'), renderer: value('ProcessTime'), host: readCpuMs(host.pid) };
      };
      const cpuSpent = (from: Awaited<ReturnType<typeof cpu>>, to: Awaited<ReturnType<typeof cpu>>) => ({
        main: to.main - from.main,
        renderer: to.renderer - from.renderer,
        host: to.host - from.host,
      });
      const loadBefore = Number(loadavg()[0]!.toFixed(2));
      const calls = trackCalls(page);
      // The overlay has drawn its data when a chart-render measure reports all 32 series; the probe resolves in the
      // first animation frame after that (the frame that shows it), timed from the click event.
      const probe = page.evaluate(`new Promise((resolve) => {
        let clickedAt = null;
        document.addEventListener('click', () => { clickedAt = performance.now(); }, { capture: true, once: true });
        const frame = () => {
          const now = performance.now();
          if (clickedAt === null) return requestAnimationFrame(frame);
          const entry = performance.getEntriesByName('chart-render').find((candidate) =>
            candidate.startTime >= clickedAt && ((candidate.detail && candidate.detail.series) || 0) >= 32);
          if (!entry) return requestAnimationFrame(frame);
          resolve({ frameMs: now - clickedAt, duration: entry.duration, detail: entry.detail, endAt: entry.startTime + entry.duration });
        };
        requestAnimationFrame(frame);
      })`) as Promise<{
        frameMs: number;
        duration: number;
        detail: { series: number; points: number };
        endAt: number;
      }>;
      const cpuAtClick = await cpu();
      const clicked = Date.now();
      await page.getByRole('button', { name: /^Compare 4/ }).click();
      const render = await probe;
      const endToEndMs = Date.now() - clicked;
      const clickCpu = cpuSpent(cpuAtClick, await cpu());
      if (tracePath) {
        await browser.stopTracing();
        log(`trace from the click to the drawn chart written to ${tracePath}`);
      }
      if (cdp && profilePath) {
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(profilePath, JSON.stringify(profile));
        log(`CPU profile of the page written to ${profilePath}`);
      }
      // Where the time went: the calls between the click and the draw, and the draw itself (in the page's clock).
      const timeline = (await page.evaluate(`(() => {
        const at = window.__benchClickAt;
        return {
          clickToDrawnMs: ${render.endAt} - at,
          calls: performance.getEntriesByType('resource')
            .filter((e) => e.name.includes('/api/call/') && e.startTime >= at)
            .map((e) => ({ channel: e.name.slice(e.name.indexOf('/api/call/') + 10), startMs: e.startTime - at, endMs: e.responseEnd - at, bytes: e.encodedBodySize })),
        };
      })()`)) as {
        clickToDrawnMs: number;
        calls: { channel: string; startMs: number; endMs: number; bytes: number }[];
      };
      log(
        `in the page: click to drawn ${timeline.clickToDrawnMs.toFixed(0)} ms (render ${render.duration.toFixed(0)} ms); calls ${timeline.calls
          .map(
            (c) =>
              `${c.channel} ${c.startMs.toFixed(0)}-${c.endMs.toFixed(0)} (${(c.bytes / 1024).toFixed(0)} KB)`,
          )
          .join(', ')}`,
      );
      // Zoom and pan are measured once the page is quiet: the runs' details (plans and events, megabytes for a
      // day) arrive after the first paint and are drawn as markers, which is not what a wheel frame costs.
      await calls.settled();
      calls.dispose();
      const canvas = page.locator('.compare-panel canvas').first();
      const box = await canvas.boundingBox();
      if (!box) throw new Error('no chart canvas to zoom');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const zoomTracePath = tracePath?.replace(/(\.json)?$/, '-zoom.json');
      if (zoomTracePath)
        await browser.startTracing(page, { path: zoomTracePath, categories: traceCategories });
      // PEEL_BENCH_PROFILE also records file-zoom.cpuprofile over the wheel zoom and the pan.
      if (cdp) await cdp.send('Profiler.start');
      // Wheel-zoom for a second, one wheel event per animation frame, counting the frames the page produced.
      // Passed as text: tsx would otherwise wrap the inner functions with a helper the page does not have.
      const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      const cpuBeforeZoom = await cpu();
      const [zoomFrames, zoomMs] = (await page.evaluate(`new Promise((resolve) => {
        const target = document.elementFromPoint(${point.x}, ${point.y});
        let frames = 0;
        const started = performance.now();
        const step = () => {
          frames++;
          target.dispatchEvent(new WheelEvent('wheel', { deltaY: frames % 40 < 20 ? -120 : 120, clientX: ${point.x}, clientY: ${point.y}, bubbles: true, cancelable: true }));
          if (performance.now() - started < 1000) requestAnimationFrame(step);
          else resolve([frames, performance.now() - started]);
        };
        requestAnimationFrame(step);
      })`)) as [number, number];
      const fps = (zoomFrames / zoomMs) * 1000;
      const cpuAfterZoom = await cpu();
      const zoomCpu = cpuSpent(cpuBeforeZoom, cpuAfterZoom);
      // Pan for a second at a quarter of the run shown: zoomed in first (eight wheel steps), then a shift-drag that
      // moves the pointer every animation frame, back and forth, counting the frames the page produced.
      const [panFrames, panMs] = (await page.evaluate(`new Promise((resolve) => {
        const target = document.elementFromPoint(${point.x}, ${point.y});
        for (let i = 0; i < 8; i++)
          target.dispatchEvent(new WheelEvent('wheel', { deltaY: -120, clientX: ${point.x}, clientY: ${point.y}, bubbles: true, cancelable: true }));
        requestAnimationFrame(() => requestAnimationFrame(() => {
          target.dispatchEvent(new MouseEvent('mousedown', { button: 0, shiftKey: true, clientX: ${point.x}, clientY: ${point.y}, bubbles: true, cancelable: true }));
          let frames = 0;
          const started = performance.now();
          const step = () => {
            frames++;
            const dx = ((frames % 60) < 30 ? frames % 30 : 30 - (frames % 30)) * 8;
            window.dispatchEvent(new MouseEvent('mousemove', { clientX: ${point.x} + dx, clientY: ${point.y}, bubbles: true }));
            if (performance.now() - started < 1000) requestAnimationFrame(step);
            else {
              window.dispatchEvent(new MouseEvent('mouseup', { clientX: ${point.x}, clientY: ${point.y}, bubbles: true }));
              resolve([frames, performance.now() - started]);
            }
          };
          requestAnimationFrame(step);
        }));
      })`)) as [number, number];
      const panFps = (panFrames / panMs) * 1000;
      const panCpu = cpuSpent(cpuAfterZoom, await cpu());
      if (cdp && profilePath) {
        const { profile } = await cdp.send('Profiler.stop');
        const zoomProfilePath = profilePath.replace(/(\.cpuprofile)?$/, '-zoom.cpuprofile');
        writeFileSync(zoomProfilePath, JSON.stringify(profile));
        log(`CPU profile of the wheel zoom and the pan written to ${zoomProfilePath}`);
      }
      if (zoomTracePath) {
        await browser.stopTracing();
        log(`trace of the wheel zoom and the pan written to ${zoomTracePath}`);
      }
      const row: BenchRow = {
        bench: 'chart',
        runs: 4,
        taskManagers: PARALLELISM,
        pointsPerSeries: HOURS * 3600,
        sourcePoints: 4 * PARALLELISM * HOURS * 3600,
        drawnPoints: render.detail.points,
        chartRenderMs: render.duration,
        clickToChartMs: round1(render.frameMs),
        // The same from before Playwright's click to its noticing the drawn chart (the figure this row reported before it was timed in the page).
        playwrightClickToChartMs: endToEndMs,
        zoomFps: fps,
        panFps,
        // CPU ms from the click to the drawn chart, and per frame of the zoom and the pan.
        clickCpuMainMs: round1(clickCpu.main),
        clickCpuRendererMs: round1(clickCpu.renderer),
        clickCpuHostMs: clickCpu.host,
        zoomCpuMainMsPerFrame: round1(zoomCpu.main / zoomFrames),
        zoomCpuRendererMsPerFrame: round1(zoomCpu.renderer / zoomFrames),
        panCpuMainMsPerFrame: round1(panCpu.main / panFrames),
        panCpuRendererMsPerFrame: round1(panCpu.renderer / panFrames),
        loadAverageBefore: loadBefore,
        loadAverage: Number(loadavg()[0]!.toFixed(2)),
        goalRenderMs: 300,
        goalFps: 60,
      };
      log(
        `chart-render ${render.duration.toFixed(1)} ms, click to chart ${render.frameMs.toFixed(0)} ms in the page (${endToEndMs} ms around Playwright's click), zoom ${fps.toFixed(1)} fps, pan ${panFps.toFixed(1)} fps (load ${loadBefore})`,
      );
      log(
        `CPU: click to chart page main ${clickCpu.main.toFixed(0)} / renderer ${clickCpu.renderer.toFixed(0)} / host ${clickCpu.host} ms; per zoom frame main ${(zoomCpu.main / zoomFrames).toFixed(1)} / renderer ${(zoomCpu.renderer / zoomFrames).toFixed(1)} ms; per pan frame ${(panCpu.main / panFrames).toFixed(1)} / ${(panCpu.renderer / panFrames).toFixed(1)} ms`,
      );
      return [row];
    } finally {
      await host.stop();
      await browser.close();
      removeDataDir(dataDir);
    }
  },
};
