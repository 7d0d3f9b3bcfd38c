// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GraphMetricId } from './graph-metrics';
import { MetricSwitcher } from './MetricSwitcher';
import { RunVerdict } from './VerdictChip';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function radios(): HTMLInputElement[] {
  return [...container.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
}

describe('MetricSwitcher', () => {
  it('offers direct memory, heap, resident memory and GC, with direct memory chosen', () => {
    act(() => root.render(<MetricSwitcher value="direct" onChange={() => {}} />));
    const labels = [...container.querySelectorAll('label')].map((l) => l.textContent);
    expect(labels).toEqual(['Direct memory', 'Heap', 'Resident (RSS)', 'GC']);
    expect(radios()[0]!.checked).toBe(true);
    expect(container.textContent).toContain('staircase');
  });

  it('reports the metric picked, the first GC metric for the GC group', () => {
    const onChange = vi.fn<(id: GraphMetricId) => void>();
    act(() => root.render(<MetricSwitcher value="direct" onChange={onChange} />));
    act(() => radios()[2]!.click());
    act(() => radios()[3]!.click());
    expect(onChange.mock.calls.map((c) => c[0])).toEqual(['resident', 'gc-full-count']);
  });

  it('shows the GC metrics as a second row while a GC metric is shown', () => {
    const onChange = vi.fn<(id: GraphMetricId) => void>();
    act(() => root.render(<MetricSwitcher value="gc-full-time" onChange={onChange} />));
    expect(container.querySelectorAll('fieldset')).toHaveLength(2);
    const gc = [...container.querySelectorAll('fieldset')[1]!.querySelectorAll('input')];
    expect(gc.find((r) => r.checked)?.value).toBe('gc-full-time');
    act(() => gc[2]!.click());
    expect(onChange).toHaveBeenCalledWith('gc-young-count');
  });
});

describe('RunVerdict', () => {
  it('colours the chip by verdict and keeps the summary in words', () => {
    act(() =>
      root.render(<RunVerdict verdict="leak" summary="leak: +128 MiB retained per restart, 11 restarts" />),
    );
    expect(container.querySelector('.graph-verdict-leak')?.textContent).toBe('leak');
    expect(container.textContent).toContain('+128 MiB retained per restart');
  });
});
