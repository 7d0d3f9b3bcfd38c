// The uPlot instance behind a TimeSeriesChart: created when the set of series changes (new data for the same
// series only swaps arrays and redraws), sized to its container, zoomable, linked to charts under the same sync
// key, and timed ('chart-render' from new data to the end of the draw).
import { type RefObject, useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import { pointCount, type TimeRange } from '../../shared/report/chart/chart-series';
import { ChartHover, type LegendCells } from './chart-hover';
import type { ChartRuntime, RangeOrigin } from './chart-runtime';
import { GestureDeferral } from './gesture-deferral';
import { notePlotColumns } from './plot-resolution';
import { graphSync } from './range-sync';
import { beginRender, endRender } from './render-timing';
import { buildOptions, seriesOptions, skeletonData } from './uplot-options';
import { xWindow } from './uplot-window';
import { clampRange } from './zoom-math';
import { attachZoomPan } from './zoom-pan-controller';

/** How long a zoom or pan must pause before the legend values and the tooltip follow the cursor again. */
const HOVER_QUIET_MS = 120;

export interface UplotChartParams {
  hostRef: RefObject<HTMLElement | null>;
  runtime: ChartRuntime;
  /** Changes when the chart must be rebuilt: the plot's layout (its marker lanes). */
  layoutKey: string;
  /** The series' ids: a change rebuilds the chart, except for a chart built with no series, which takes them in place. */
  seriesKey: string;
  syncKey?: string;
  syncSource: string;
  gutter: number;
  height: number;
  cells: LegendCells;
  /** The window to start with: the controlled view, else the linked charts' window, else the whole run. */
  initialRange: () => TimeRange | null;
  wallClockStartMs: () => number | undefined;
  /** A window chosen by the user here or on a linked chart (debounce is the caller's). */
  onRange: (range: TimeRange, origin: RangeOrigin) => void;
}

export interface UplotChart {
  chart: RefObject<uPlot | null>;
  setRange: (range: TimeRange, origin: RangeOrigin) => void;
  getRange: () => TimeRange | null;
  /**
   * Swaps in the runtime's new data and visibility, keeping the window, and redraws now; a chart built with no series
   * takes its first ones here. Does nothing while the chart is about to be rebuilt (for another layout or set of
   * series than it was built with).
   */
  refresh: (layoutKey: string, seriesKey: string) => void;
}

export function useUplotChart(p: UplotChartParams): UplotChart {
  const chart = useRef<uPlot | null>(null);
  const params = useRef(p);
  params.current = p;

  const getRange = useCallback((): TimeRange | null => (chart.current ? xWindow(chart.current) : null), []);

  const setRange = useCallback((range: TimeRange, origin: RangeOrigin) => {
    const u = chart.current;
    if (!u) return;
    const r = clampRange(range, params.current.runtime.domain);
    params.current.runtime.origin = origin;
    u.batch(() => u.setScale('x', { min: r.fromSec, max: r.toSec }));
    params.current.runtime.origin = 'user';
  }, []);

  /**
   * What the chart in place was built for (its layout, the key of the build) and the series it draws now: a chart
   * built with none takes its first series in place, so an overlay opened before its runs' series arrive is built
   * once, not again when they come (a second uPlot, its canvas, and a forced layout of the page to measure it).
   */
  const built = useRef<{ layoutKey: string; seriesKey: string; buildKey: string } | null>(null);
  /** The window of the chart being replaced, so rebuilding for another set of series keeps the zoom. */
  const keptRange = useRef<TimeRange | null>(null);
  const refresh = useCallback((layoutKey: string, seriesKey: string) => {
    const u = chart.current;
    const held = built.current;
    if (!u || !held || held.layoutKey !== layoutKey) return;
    const grow = held.seriesKey !== seriesKey;
    if (grow && held.seriesKey !== '') return;
    const runtime = params.current.runtime;
    runtime.origin = 'data';
    u.batch(() => {
      if (grow) {
        for (let i = u.series.length - 1; i < runtime.series.length; i++)
          u.addSeries(seriesOptions(runtime, i));
        held.seriesKey = seriesKey;
      }
      runtime.series.forEach((s, i) => {
        const show = !runtime.hidden.has(s.id);
        if (u.series[i + 1] && u.series[i + 1]!.show !== show) u.setSeries(i + 1, { show });
      });
      u.setData(skeletonData(runtime));
    });
    runtime.origin = 'user';
  }, []);

  const { layoutKey, seriesKey, syncKey, gutter, height } = p;
  const held = built.current;
  const buildKey =
    held && held.layoutKey === layoutKey && (held.seriesKey === seriesKey || held.seriesKey === '')
      ? held.buildKey
      : `${layoutKey}\n${seriesKey}`;
  useLayoutEffect(() => {
    const host = params.current.hostRef.current;
    if (!host) return;
    const runtime = params.current.runtime;
    runtime.renderMark ??= beginRender(params.current.syncSource);
    const hover = new ChartHover(host, params.current.cells, () => params.current.wallClockStartMs());
    // The hover layer waits while the window is zoomed or panned (here or on a linked chart), then catches up.
    const hoverLater = new GestureDeferral(HOVER_QUIET_MS, () => {
      if (chart.current) hover.update(chart.current, runtime);
    });
    // True while a linked heat map's cursor is being applied, so it is not published back.
    let applyingCursor = false;
    const options = buildOptions({
      width: Math.max(200, host.clientWidth),
      height,
      gutter,
      syncKey,
      runtime,
      onScale: (u) => {
        const range = xWindow(u);
        runtime.pendingX = null;
        if (!range) return;
        const origin = runtime.origin;
        if (origin === 'user' && syncKey) {
          graphSync.publish(syncKey, { type: 'range', range, source: params.current.syncSource });
        }
        params.current.onRange(range, origin);
      },
      onCursor: (u) => {
        hoverLater.request();
        if (syncKey && !applyingCursor) {
          const left = u.cursor.left ?? -1;
          const t = left >= 0 ? u.posToVal(left, 'x') : null;
          graphSync.publish(syncKey, { type: 'cursor', t, source: params.current.syncSource });
        }
      },
      onDraw: (drawn) => {
        // The lab asks for as many points as this plot has columns to show (plot-resolution.ts).
        notePlotColumns(drawn.bbox.width);
        if (runtime.renderMark) {
          endRender(runtime.renderMark, {
            series: runtime.series.length,
            points: pointCount(runtime.series),
          });
          runtime.renderMark = null;
        }
      },
    });
    const u = new uPlot(options, skeletonData(runtime), host);
    chart.current = u;
    built.current = {
      layoutKey: params.current.layoutKey,
      seriesKey: params.current.seriesKey,
      buildKey,
    };
    const start = keptRange.current ?? params.current.initialRange() ?? runtime.domain;
    setRange(start, 'start');

    // The cursor of a linked heat map (uPlot links the charts' cursors itself).
    const unsubscribe = syncKey
      ? graphSync.subscribe(syncKey, (message) => {
          if (message.source === params.current.syncSource) return;
          if (message.type === 'range') {
            const current = getRange();
            if (
              !current ||
              current.fromSec !== message.range.fromSec ||
              current.toSec !== message.range.toSec
            ) {
              hoverLater.gesture();
              setRange(message.range, 'sync');
            }
          } else if (message.source.startsWith('heatmap')) {
            applyingCursor = true;
            const left = message.t === null ? -10 : u.valToPos(message.t, 'x');
            u.setCursor({ left, top: -1 });
            applyingCursor = false;
          }
        })
      : () => {};

    const enter = () => {
      hover.pointerInside = true;
    };
    const leave = () => {
      hover.pointerInside = false;
    };
    u.over.addEventListener('mouseenter', enter);
    u.over.addEventListener('mouseleave', leave);

    const detach = attachZoomPan({
      surface: u.over,
      captureRoot: u.root,
      keyTarget: host,
      getRange: () => getRange() ?? runtime.domain,
      setRange: (range) => {
        hoverLater.gesture();
        setRange(range, 'user');
      },
      domain: () => runtime.domain,
    });

    let frame = 0;
    const resize = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const width = Math.max(200, host.clientWidth);
        if (width !== u.width) u.setSize({ width, height });
      });
    });
    resize.observe(host);

    return () => {
      cancelAnimationFrame(frame);
      resize.disconnect();
      unsubscribe();
      detach();
      hoverLater.cancel();
      u.over.removeEventListener('mouseenter', enter);
      u.over.removeEventListener('mouseleave', leave);
      hover.destroy();
      keptRange.current = xWindow(u);
      u.destroy();
      chart.current = null;
      built.current = null;
    };
  }, [buildKey, syncKey, gutter, height, getRange, setRange]);

  return useMemo(() => ({ chart, setRange, getRange, refresh }), [setRange, getRange, refresh]);
}
