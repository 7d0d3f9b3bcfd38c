// The heat map's behaviour outside React: its window (zoom, pan, drag-select, linked to the charts by sync
// key), the hover readout (and its keyboard twin: up and down pick an operator, read at the middle of the
// window, which left and right pan), the cursor shared with the charts, and redraws coalesced to one per frame.
import { formatClock } from '../../shared/report/chart/axis-ticks';
import type { TimeRange } from '../../shared/report/chart/chart-series';
import type { ChartTheme } from './chart-theme';
import type { DecodedHeatmap } from './decode-series';
import { drawHeatmap, heatImage, heatPlotBox } from './heatmap-canvas';
import { columnAt, type HeatmapRows, layerTitle, rowAt } from './heatmap-layout';
import { graphSync, newSyncSource } from './range-sync';
import { clampRange } from './zoom-math';
import { attachZoomPan } from './zoom-pan-controller';

export interface HeatmapInputs {
  data: DecodedHeatmap;
  layout: HeatmapRows;
  theme: ChartTheme;
  domain: TimeRange;
  gutter: number;
}

/** Called with every new window (zoom, pan, a linked chart, or the view prop). */
export type RangeListener = (range: TimeRange) => void;

export class HeatmapController {
  readonly source = newSyncSource('heatmap');
  private inputs: HeatmapInputs;
  private image: HTMLCanvasElement;
  private range: TimeRange;
  private cursorSec: number | null = null;
  private selection: { fromPx: number; toPx: number } | null = null;
  /** Operator row (among operator rows) the keyboard readout is on; -1 while it is off. */
  private keyRow = -1;
  private width = 0;
  private frame = 0;
  private readonly cleanups: Array<() => void> = [];

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly host: HTMLElement,
    private readonly readout: HTMLElement,
    inputs: HeatmapInputs,
    initial: TimeRange,
    private readonly syncKey: string | undefined,
    private readonly onRange: RangeListener,
  ) {
    this.inputs = inputs;
    this.image = heatImage(inputs.data, inputs.theme);
    this.range = clampRange(initial, inputs.domain);
    this.width = host.clientWidth;
    this.listen();
    this.draw();
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    for (const cleanup of this.cleanups) cleanup();
  }

  update(inputs: HeatmapInputs): void {
    if (inputs.data !== this.inputs.data || inputs.theme !== this.inputs.theme) {
      this.image = heatImage(inputs.data, inputs.theme);
    }
    this.inputs = inputs;
    this.range = clampRange(this.range, inputs.domain);
    this.schedule();
  }

  getRange(): TimeRange {
    return this.range;
  }

  setRange(range: TimeRange, origin: 'user' | 'sync' | 'prop'): void {
    this.range = clampRange(range, this.inputs.domain);
    this.schedule();
    if (origin === 'user' && this.syncKey) {
      graphSync.publish(this.syncKey, { type: 'range', range: this.range, source: this.source });
    }
    this.onRange(this.range);
    if (this.keyRow >= 0) this.showKeyboardReadout();
  }

  /** Draws now (for export) and returns the canvas. */
  drawNow(): HTMLCanvasElement {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.draw();
    return this.canvas;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const { data, layout, theme, gutter } = this.inputs;
    drawHeatmap(this.canvas, {
      width: Math.max(200, this.width),
      ratio: devicePixelRatio || 1,
      layout,
      gutter,
      theme,
      data,
      image: this.image,
      window: this.range,
      cursorSec: this.cursorSec,
      selection: this.selection,
    });
  }

  private timeAt(clientX: number): number {
    const rect = this.canvas.getBoundingClientRect();
    const plot = heatPlotBox(rect.width, this.inputs.gutter);
    const f = (clientX - rect.left - plot.left) / plot.width;
    return this.range.fromSec + f * (this.range.toSec - this.range.fromSec);
  }

  private listen(): void {
    const canvas = this.canvas;
    this.cleanups.push(
      attachZoomPan({
        surface: canvas,
        captureRoot: this.host,
        keyTarget: this.host,
        getRange: () => this.range,
        setRange: (range) => this.setRange(range, 'user'),
        domain: () => this.inputs.domain,
      }),
    );

    const onMove = (e: MouseEvent) => {
      const t = this.timeAt(e.clientX);
      this.hover(e, t);
      if (this.syncKey) graphSync.publish(this.syncKey, { type: 'cursor', t, source: this.source });
    };
    const onLeave = () => {
      this.readout.hidden = true;
      this.cursorSec = null;
      this.schedule();
      if (this.syncKey) graphSync.publish(this.syncKey, { type: 'cursor', t: null, source: this.source });
    };
    canvas.addEventListener('mousemove', onMove);
    canvas.addEventListener('mouseleave', onLeave);
    this.cleanups.push(() => {
      canvas.removeEventListener('mousemove', onMove);
      canvas.removeEventListener('mouseleave', onLeave);
    });

    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
      const count = this.operatorRows().length;
      if (count === 0) return;
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      this.keyRow = this.keyRow < 0 ? 0 : Math.min(count - 1, Math.max(0, this.keyRow + step));
      this.showKeyboardReadout();
    };
    const onBlur = () => {
      if (this.keyRow < 0) return;
      this.keyRow = -1;
      onLeave();
    };
    this.host.addEventListener('keydown', onKey);
    this.host.addEventListener('blur', onBlur);
    this.cleanups.push(() => {
      this.host.removeEventListener('keydown', onKey);
      this.host.removeEventListener('blur', onBlur);
    });

    // Drag to select a window, like the charts.
    const onDown = (e: MouseEvent) => {
      if (e.button !== 0) return;
      const rect = canvas.getBoundingClientRect();
      const start = e.clientX - rect.left;
      if (start < this.inputs.gutter) return;
      const move = (m: MouseEvent) => {
        this.selection = { fromPx: start, toPx: m.clientX - rect.left };
        this.schedule();
      };
      const up = (m: MouseEvent) => {
        window.removeEventListener('mousemove', move);
        window.removeEventListener('mouseup', up);
        const end = m.clientX - rect.left;
        this.selection = null;
        if (Math.abs(end - start) > 6) {
          const a = this.timeAt(rect.left + Math.min(start, end));
          const b = this.timeAt(rect.left + Math.max(start, end));
          this.setRange({ fromSec: a, toSec: b }, 'user');
        } else {
          this.schedule();
        }
      };
      window.addEventListener('mousemove', move);
      window.addEventListener('mouseup', up);
    };
    canvas.addEventListener('mousedown', onDown);
    this.cleanups.push(() => canvas.removeEventListener('mousedown', onDown));

    if (this.syncKey) {
      const key = this.syncKey;
      this.cleanups.push(
        graphSync.subscribe(key, (message) => {
          if (message.source === this.source) return;
          if (message.type === 'range') this.setRange(message.range, 'sync');
          else {
            this.cursorSec = message.t;
            this.schedule();
          }
        }),
      );
    }

    const resize = new ResizeObserver(() => {
      const width = this.host.clientWidth;
      if (width !== this.width) {
        this.width = width;
        this.schedule();
      }
    });
    resize.observe(this.host);
    this.cleanups.push(() => resize.disconnect());
  }

  private operatorRows() {
    return this.inputs.layout.rows.filter((row) => row.kind === 'operator');
  }

  /** The readout for the keyboard's operator at the middle of the window, announced to screen readers. */
  private showKeyboardReadout(): void {
    const row = this.operatorRows()[this.keyRow];
    if (!row) return;
    const rect = this.canvas.getBoundingClientRect();
    const plot = heatPlotBox(rect.width, this.inputs.gutter);
    const t = (this.range.fromSec + this.range.toSec) / 2;
    this.readout.setAttribute('aria-live', 'polite');
    this.showReadout(plot.left + plot.width / 2, row.y + row.height / 2, t, rect.width);
  }

  private hover(e: MouseEvent, t: number): void {
    const rect = this.canvas.getBoundingClientRect();
    // Pointer readouts change too fast to be read aloud.
    this.readout.setAttribute('aria-live', 'off');
    this.showReadout(e.clientX - rect.left, e.clientY - rect.top, t, rect.width);
  }

  /** The readout: operator, layer, time and back pressure (or "not running") at a point of the canvas. */
  private showReadout(x: number, y: number, t: number, canvasWidth: number): void {
    this.cursorSec = x >= this.inputs.gutter ? t : null;
    this.schedule();
    const row = rowAt(this.inputs.layout, y);
    const { data } = this.inputs;
    const column = columnAt(data.startSec, data.stepSec, data.columns, t);
    if (!row || x < this.inputs.gutter || column < 0) {
      this.readout.hidden = true;
      return;
    }
    const value = data.values[row.dataRow * data.columns + column] as number;
    const state = Number.isNaN(value) ? 'not running' : `${Math.round(value)} ms/s back-pressured`;
    this.readout.replaceChildren();
    const head = document.createElement('div');
    head.className = 'graph-tooltip-time';
    head.textContent = `t = ${formatClock(t, true)}`;
    const op = document.createElement('div');
    op.className = 'graph-heat-readout-op';
    op.textContent = `${row.id} · ${layerTitle(row.layer)}`;
    const val = document.createElement('div');
    val.className = Number.isNaN(value) ? 'graph-heat-readout-off' : 'graph-heat-readout-value';
    val.textContent = state;
    this.readout.append(head, op, val);
    this.readout.hidden = false;
    const width = this.readout.offsetWidth;
    let left = x + 14;
    if (left + width > canvasWidth - 4) left = x - 14 - width;
    this.readout.style.transform = `translate(${Math.max(0, left)}px, ${Math.max(0, y - 10)}px)`;
  }
}
