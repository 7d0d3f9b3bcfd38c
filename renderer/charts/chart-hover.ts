// The chart's hover layer, updated imperatively on every cursor move (no React render per pixel): the values in
// the legend, a dot on each series, and the tooltip with the time (run-relative and wall-clock), the series
// nearest the pointer and the events under it.
import uPlot from 'uplot';
import { formatClock, formatValue } from '../../shared/report/chart/axis-ticks';
import { type ChartEvent, valueAt } from '../../shared/report/chart/chart-series';
import { eventStyle } from '../../shared/report/chart/event-kinds';
import { eventsNear } from '../../shared/report/chart/event-markers';
import { formatUtc } from '../ui/format-time';
import { toneColor } from './chart-canvas-overlay';
import type { ChartRuntime } from './chart-runtime';
import { xWindow } from './uplot-window';

/** Legend value cells by series id, filled in by the legend component. */
export type LegendCells = Map<string, HTMLElement>;

const EVENT_TOLERANCE_PX = 5;
const MAX_EVENTS = 3;

export class ChartHover {
  private readonly tooltip: HTMLDivElement;
  private dots: HTMLDivElement[] = [];
  /** True while the pointer is over this chart's plot (linked charts get the cursor too, but no tooltip). */
  pointerInside = false;

  constructor(
    host: HTMLElement,
    private readonly cells: LegendCells,
    private readonly wallClockStartMs: () => number | undefined,
  ) {
    this.tooltip = document.createElement('div');
    this.tooltip.className = 'graph-tooltip';
    this.tooltip.setAttribute('role', 'status');
    this.tooltip.hidden = true;
    host.appendChild(this.tooltip);
  }

  destroy(): void {
    this.tooltip.remove();
    for (const dot of this.dots) dot.remove();
    this.dots = [];
  }

  update(u: uPlot, runtime: ChartRuntime): void {
    const left = u.cursor.left ?? -1;
    const top = u.cursor.top ?? -1;
    if (left < 0) {
      this.hide(runtime);
      return;
    }
    const t = u.posToVal(left, 'x');
    const nearest = this.updateValues(u, runtime, t, top);
    const visible = xWindow(u);
    const spanSec = visible ? visible.toSec - visible.fromSec : 1;
    const tolerance = (EVENT_TOLERANCE_PX / Math.max(1, u.bbox.width / (uPlot.pxRatio || 1))) * spanSec;
    const events = eventsNear(runtime.events, runtime.eventTimes, t, tolerance, MAX_EVENTS + 1);
    // A cursor moved here by a linked chart shows dots and values but no tooltip: one tooltip on screen is enough.
    if (!this.pointerInside) {
      this.tooltip.hidden = true;
      return;
    }
    this.renderTooltip(runtime, t, nearest, events);
    this.place(u, left, top);
  }

  private hide(runtime: ChartRuntime): void {
    this.tooltip.hidden = true;
    for (const dot of this.dots) dot.hidden = true;
    for (const s of runtime.series) {
      const cell = this.cells.get(s.id);
      if (cell) cell.textContent = '';
    }
  }

  /** Writes legend values and moves the dots; returns the visible series nearest the pointer's height. */
  private updateValues(
    u: uPlot,
    runtime: ChartRuntime,
    t: number,
    top: number,
  ): { index: number; value: number } | null {
    this.ensureDots(u, runtime.series.length);
    let nearest: { index: number; value: number; distance: number } | null = null;
    runtime.series.forEach((s, i) => {
      const value = valueAt(s, t, runtime.staleSec[i] ?? 1);
      const cell = this.cells.get(s.id);
      if (cell) cell.textContent = Number.isNaN(value) ? '–' : formatValue(runtime.unit, value);
      const dot = this.dots[i]!;
      if (runtime.hidden.has(s.id) || Number.isNaN(value)) {
        dot.hidden = true;
        return;
      }
      const y = u.valToPos(value, 'y');
      dot.hidden = false;
      dot.style.transform = `translate(${u.cursor.left}px, ${y}px)`;
      dot.style.backgroundColor = runtime.colors[i] ?? '';
      if (top >= 0 && this.pointerInside) {
        const distance = Math.abs(y - top);
        if (!nearest || distance < nearest.distance) nearest = { index: i, value, distance };
      }
    });
    const found = nearest as { index: number; value: number; distance: number } | null;
    return found && found.distance < 40 ? { index: found.index, value: found.value } : null;
  }

  private ensureDots(u: uPlot, count: number): void {
    while (this.dots.length < count) {
      const dot = document.createElement('div');
      dot.className = 'graph-dot';
      dot.hidden = true;
      u.over.appendChild(dot);
      this.dots.push(dot);
    }
    while (this.dots.length > count) this.dots.pop()!.remove();
  }

  private renderTooltip(
    runtime: ChartRuntime,
    t: number,
    nearest: { index: number; value: number } | null,
    events: ChartEvent[],
  ): void {
    const tip = this.tooltip;
    tip.replaceChildren();
    tip.appendChild(line('graph-tooltip-time', `t = ${formatClock(t, true)}`));
    const clocks = this.wallClocks(runtime, t);
    for (const clock of clocks) tip.appendChild(line('graph-tooltip-clock', clock));
    if (nearest) {
      const s = runtime.series[nearest.index]!;
      const group = s.groupId ? runtime.groups.get(s.groupId)?.label : undefined;
      const row = line('graph-tooltip-series', '');
      row.append(
        swatch(runtime.colors[nearest.index] ?? ''),
        text(group ? `${group} · ${s.label}` : s.label),
      );
      row.append(text(formatValue(runtime.unit, nearest.value), 'graph-tooltip-value'));
      tip.appendChild(row);
    }
    for (const event of events.slice(0, MAX_EVENTS)) {
      const style = eventStyle(event.kind);
      const head = line('graph-tooltip-event', '');
      head.append(swatch(toneColor(runtime, style.tone), 'graph-tooltip-tick'));
      const who = [event.taskManager, event.operator].filter(Boolean).join(' · ');
      const group = event.groupId ? runtime.groups.get(event.groupId)?.label : undefined;
      head.append(text(`${formatClock(event.t, true)} ${style.label}`, 'graph-tooltip-kind'));
      if (who || group) head.append(text([group, who].filter(Boolean).join(' · '), 'graph-tooltip-who'));
      tip.appendChild(head);
      tip.appendChild(line('graph-tooltip-message', event.message));
    }
    if (events.length > MAX_EVENTS)
      tip.appendChild(line('graph-tooltip-more', 'more events here: see the table'));
    tip.hidden = false;
  }

  /** Wall-clock times: one per run on overlays (each run started at its own time), else the chart's own. */
  private wallClocks(runtime: ChartRuntime, t: number): string[] {
    const clocks: string[] = [];
    for (const group of runtime.groups.values()) {
      if (group.wallClockStartMs !== undefined)
        clocks.push(`${group.label}: ${formatUtc(group.wallClockStartMs + t * 1000)}`);
    }
    const own = this.wallClockStartMs();
    if (clocks.length === 0 && own !== undefined) clocks.push(formatUtc(own + t * 1000));
    return clocks;
  }

  /**
   * Beside the pointer: right of it on the left half of the plot, left of it on the right half; below it on the
   * upper half, above it on the lower half. The flips are CSS percentages of the tooltip's own size, so placing
   * it never forces a layout (this runs on every cursor move and every zoom frame).
   */
  private place(u: uPlot, left: number, top: number): void {
    const ratio = uPlot.pxRatio || 1;
    const plotLeft = u.bbox.left / ratio;
    const plotTop = u.bbox.top / ratio;
    const plotWidth = u.bbox.width / ratio;
    const plotHeight = u.bbox.height / ratio;
    const y = top >= 0 ? top : plotHeight / 2;
    // It opens into the side with more room (the axis gutter on the left counts), and is never wider than that
    // room: a floor on its width pushed it past the chart's right edge in narrow charts (small multiples, the
    // lab beside the audit panel at 1280x720), where the panel clips it.
    const roomRight = plotWidth - left - 14;
    const roomLeft = plotLeft + left - 14;
    const flipX = roomLeft > roomRight;
    const flipY = y > plotHeight / 2;
    const x = plotLeft + left + (flipX ? -14 : 14);
    const yPx = plotTop + y + (flipY ? -10 : 10);
    const room = Math.max(0, flipX ? roomLeft : roomRight);
    this.tooltip.style.maxWidth = `${Math.min(380, Math.floor(room))}px`;
    this.tooltip.style.transform = `translate(${x}px, ${yPx}px) translate(${flipX ? '-100%' : '0'}, ${flipY ? '-100%' : '0'})`;
  }
}

function line(className: string, content: string): HTMLDivElement {
  const div = document.createElement('div');
  div.className = className;
  if (content) div.textContent = content;
  return div;
}

function text(content: string, className?: string): HTMLSpanElement {
  const span = document.createElement('span');
  if (className) span.className = className;
  span.textContent = content;
  return span;
}

function swatch(color: string, className = 'graph-tooltip-swatch'): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = className;
  // Swatches are filled boxes; the event tick is a border triangle drawn in currentColor.
  span.style.backgroundColor = className === 'graph-tooltip-tick' ? '' : color;
  span.style.color = color;
  return span;
}
