// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChartEvent } from '../../shared/report/chart/chart-series';
import { EventsTable } from './EventsTable';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// jsdom lays nothing out: give elements a size so the virtualiser renders rows.
class FakeResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

const events: ChartEvent[] = Array.from({ length: 2000 }, (_, i) => ({
  t: i * 30,
  kind: i % 10 === 0 ? 'oom' : 'restart',
  taskManager: `tm-${(i % 8) + 1}`,
  operator: i % 10 === 0 ? 'currency-convert' : undefined,
  message:
    i % 10 === 0 ? 'java.lang.OutOfMemoryError: Cannot reserve 134217728 bytes' : 'Restarting region 1',
}));

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(300);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('EventsTable', () => {
  it('renders only the rows in view of a long list', () => {
    act(() => root.render(<EventsTable events={events} height={300} />));
    const rows = container.querySelectorAll('.graph-event-row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]!.textContent).toContain('0:00:00');
  });

  it('filters by kind with counts on the chips', () => {
    act(() => root.render(<EventsTable events={events} height={300} />));
    const chip = [...container.querySelectorAll<HTMLButtonElement>('.graph-kind-filter')].find((b) =>
      b.textContent?.startsWith('OOM'),
    )!;
    expect(chip.textContent).toBe('OOM200');
    act(() => chip.click());
    expect(container.querySelector('.graph-subtitle')?.textContent).toBe('200 of 2000');
    const rows = [...container.querySelectorAll('.graph-event-row')];
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row.textContent).toContain('OOM');
  });

  it('asks the charts to centre on the time of a clicked row', () => {
    const onSelectTime = vi.fn();
    act(() => root.render(<EventsTable events={events} onSelectTime={onSelectTime} height={300} />));
    act(() => container.querySelectorAll<HTMLButtonElement>('.graph-event-row')[3]!.click());
    expect(onSelectTime).toHaveBeenCalledWith(90);
  });
});
