// Pointer and keyboard zoom for a time axis, shared by the charts and the heat map: the wheel zooms around the
// pointer, shift/ctrl-drag or middle-drag pans, double-click shows the whole run, + - arrows and 0 do the same
// from the keyboard. Updates are coalesced to one per animation frame so a fast wheel stays at 60 fps.
import type { TimeRange } from '../../shared/report/chart/chart-series';
import { clampRange, panBy, wheelFactor, zoomAround } from './zoom-math';

export interface ZoomPanTarget {
  /** The plot surface: wheel, double-click and drags start here. */
  surface: HTMLElement;
  /** An ancestor that sees mousedown first (capture), so a pan drag never starts the chart's own selection. */
  captureRoot: HTMLElement;
  /** Gets keyboard shortcuts (should be focusable). */
  keyTarget?: HTMLElement;
  getRange(): TimeRange;
  setRange(range: TimeRange): void;
  domain(): TimeRange;
}

function isPanStart(e: MouseEvent): boolean {
  return e.button === 1 || (e.button === 0 && (e.shiftKey || e.ctrlKey || e.metaKey));
}

export function attachZoomPan(target: ZoomPanTarget): () => void {
  const { surface, captureRoot } = target;
  let frame = 0;
  let pending: (() => TimeRange) | null = null;

  const schedule = (next: () => TimeRange) => {
    pending = next;
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      const compute = pending;
      pending = null;
      if (compute) target.setRange(compute());
    });
  };

  // Wheel: the factors of all events in one frame multiply, around the latest pointer position.
  let wheelFactorAcc = 1;
  let wheelAnchorPx = 0;
  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    const rect = surface.getBoundingClientRect();
    wheelAnchorPx = e.clientX - rect.left;
    const horizontal = Math.abs(e.deltaX) > Math.abs(e.deltaY);
    if (horizontal) {
      const width = rect.width;
      const dx = -e.deltaX;
      schedule(() => panBy(target.getRange(), dx, width, target.domain()));
      return;
    }
    wheelFactorAcc *= wheelFactor(e.deltaY, e.deltaMode);
    schedule(() => {
      const range = target.getRange();
      const anchor =
        range.fromSec + (wheelAnchorPx / Math.max(1, rect.width)) * (range.toSec - range.fromSec);
      const factor = wheelFactorAcc;
      wheelFactorAcc = 1;
      return zoomAround(range, anchor, factor, target.domain());
    });
  };

  let drag: { x: number; range: TimeRange; width: number } | null = null;
  const onMove = (e: MouseEvent) => {
    if (!drag) return;
    const { x, range, width } = drag;
    const dx = e.clientX - x;
    schedule(() => panBy(range, dx, width, target.domain()));
  };
  const onUp = () => {
    drag = null;
    surface.classList.remove('is-panning');
    window.removeEventListener('mousemove', onMove);
    window.removeEventListener('mouseup', onUp);
  };
  const onDown = (e: MouseEvent) => {
    if (!isPanStart(e) || !surface.contains(e.target as Node)) return;
    e.preventDefault();
    e.stopPropagation();
    drag = { x: e.clientX, range: target.getRange(), width: surface.getBoundingClientRect().width };
    surface.classList.add('is-panning');
    window.addEventListener('mousemove', onMove);
    window.addEventListener('mouseup', onUp);
  };

  const onDblClick = (e: MouseEvent) => {
    e.preventDefault();
    target.setRange(target.domain());
  };

  const onKey = (e: KeyboardEvent) => {
    const range = target.getRange();
    const centre = (range.fromSec + range.toSec) / 2;
    const width = range.toSec - range.fromSec;
    let next: TimeRange | null = null;
    if (e.key === '+' || e.key === '=') next = zoomAround(range, centre, 0.7, target.domain());
    else if (e.key === '-' || e.key === '_') next = zoomAround(range, centre, 1 / 0.7, target.domain());
    else if (e.key === 'ArrowLeft')
      next = clampRange(
        { fromSec: range.fromSec - width * 0.1, toSec: range.toSec - width * 0.1 },
        target.domain(),
      );
    else if (e.key === 'ArrowRight')
      next = clampRange(
        { fromSec: range.fromSec + width * 0.1, toSec: range.toSec + width * 0.1 },
        target.domain(),
      );
    else if (e.key === '0' || e.key === 'Home') next = target.domain();
    if (!next) return;
    e.preventDefault();
    target.setRange(next);
  };

  surface.addEventListener('wheel', onWheel, { passive: false });
  surface.addEventListener('dblclick', onDblClick);
  captureRoot.addEventListener('mousedown', onDown, true);
  target.keyTarget?.addEventListener('keydown', onKey);
  return () => {
    if (frame) cancelAnimationFrame(frame);
    onUp();
    surface.removeEventListener('wheel', onWheel);
    surface.removeEventListener('dblclick', onDblClick);
    captureRoot.removeEventListener('mousedown', onDown, true);
    target.keyTarget?.removeEventListener('keydown', onKey);
  };
}
