// Exports a drawn time-series chart: PNG from uPlot's canvas with title and legend added, SVG written from the
// same data, window, value range and colours (only the series shown on screen).
import type uPlot from 'uplot';
import { chartToSvg } from '../../shared/report/chart/svg-export';
import type { LegendItem } from '../../shared/report/chart/svg-markup';
import { uPlotRatio } from './chart-canvas-overlay';
import { type ChartRuntime, laneOf } from './chart-runtime';
import { type ExportedFile, type ExportFormat, svgBlob } from './export-file';
import { composePng } from './png-export';
import { xWindow, yWindow } from './uplot-window';

export interface ExportText {
  title: string;
  subtitle?: string;
  fileName: string;
}

function legendItems(runtime: ChartRuntime): LegendItem[] {
  const items: LegendItem[] = [];
  runtime.series.forEach((s, i) => {
    if (runtime.hidden.has(s.id)) return;
    const group = s.groupId ? runtime.groups.get(s.groupId)?.label : undefined;
    items.push({
      label: group ? `${group} · ${s.label}` : s.label,
      color: runtime.colors[i] ?? runtime.theme.text,
    });
  });
  return items;
}

export function chartSvg(u: uPlot, runtime: ChartRuntime, text: Omit<ExportText, 'fileName'>): string {
  const legend = legendItems(runtime);
  const width = Math.max(480, u.width);
  const rows = Math.ceil(legend.length / Math.max(1, Math.floor((width - 92) / 90)));
  return chartToSvg({
    title: text.title,
    subtitle: text.subtitle,
    width,
    height: u.height + 60 + rows * 18,
    theme: runtime.theme,
    unit: runtime.unit,
    window: xWindow(u) ?? runtime.domain,
    yRange: yWindow(u) ?? { min: 0, max: 1 },
    series: runtime.series
      .map((s, i) => ({ ...s, color: runtime.colors[i] ?? runtime.theme.text }))
      .filter((s) => !runtime.hidden.has(s.id)),
    limits: runtime.limits,
    events: runtime.events,
    laneOf: (e) => laneOf(runtime, e),
    legend,
  });
}

export async function chartExportFile(
  format: ExportFormat,
  u: uPlot,
  runtime: ChartRuntime,
  text: ExportText,
): Promise<ExportedFile> {
  if (format === 'svg') {
    return { format, blob: svgBlob(chartSvg(u, runtime, text)), fileName: text.fileName };
  }
  const blob = await composePng({
    canvas: u.ctx.canvas,
    ratio: uPlotRatio(),
    theme: runtime.theme,
    title: text.title,
    subtitle: text.subtitle,
    legend: legendItems(runtime),
  });
  return { format, blob, fileName: text.fileName };
}
