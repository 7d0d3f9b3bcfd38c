// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MemoryPreview } from '../../../shared/contract/lab-entities';
import { planJob } from '../../../shared/sim/engine/job-plan';
import { click, type Rendered, render, typeInto } from '../topology/render-in-jsdom';
import { MemoryConfigEditor, type MemoryConfigEditorProps } from './MemoryConfigEditor';

const plan = planJob({ scenario: 'offheap-map-leak' });
const bigger = planJob({
  scenario: 'offheap-map-leak',
  configOverrides: { 'taskmanager.memory.task.off-heap.size': '1536m' },
});
const ok: MemoryPreview = {
  ok: true,
  memory: bigger.memory,
  containerLimitBytes: bigger.containerLimitBytes,
  config: bigger.config,
};

let view: Rendered | undefined;
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  view?.unmount();
  vi.useRealTimers();
});

function editor(props: Partial<MemoryConfigEditorProps> = {}) {
  const all: MemoryConfigEditorProps = {
    config: plan.config,
    memory: plan.memory,
    containerLimitBytes: plan.containerLimitBytes,
    preview: null,
    onChange: vi.fn(),
    onApply: vi.fn(),
    ...props,
  };
  return <MemoryConfigEditor {...all} />;
}
const input = (label: string) =>
  [...(view?.container.querySelectorAll('label') ?? [])]
    .find((l) => l.querySelector('.memedit-label')?.textContent === label)
    ?.parentElement?.querySelector('input') as HTMLInputElement;
const button = (text: string) =>
  [...(view?.container.querySelectorAll('button') ?? [])].find(
    (b) => b.textContent === text,
  ) as HTMLButtonElement;

describe('MemoryConfigEditor', () => {
  it("starts from the scenario's values and sends the edit once the user stops typing", () => {
    const onChange = vi.fn();
    view = render(editor({ onChange }));
    expect(input('Task off-heap').value).toBe('512m');
    expect(input('Network fraction').placeholder).toBe('default 0.1');
    typeInto(input('Task off-heap'), '1g');
    typeInto(input('Task off-heap'), '1536m');
    expect(onChange).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(onChange.mock.calls).toEqual([[{ 'taskmanager.memory.task.off-heap.size': '1536m' }]]);
  });

  it('shows the preview beside the memory now, direct limit first, and applies the overrides', () => {
    const onApply = vi.fn();
    view = render(editor({ onApply }));
    typeInto(input('Task off-heap'), '1536m');
    view.rerender(editor({ onApply, preview: ok }));
    const changes = view.container.querySelector('.memedit-changes li.emphasis')?.textContent;
    expect(changes).toContain('Direct limit (-XX:MaxDirectMemorySize)');
    expect(changes).toContain('1.14 GiB → 2.14 GiB');
    expect(view.container.querySelectorAll('.membar-svg')).toHaveLength(2);
    expect(view.container.querySelector('.membar-changed')).not.toBeNull();
    click(button('Use for new experiments'));
    expect(onApply).toHaveBeenCalledWith({ 'taskmanager.memory.task.off-heap.size': '1536m' });
  });

  it("puts Flink's refusal under the field it names and blocks Apply", () => {
    view = render(editor());
    typeInto(input('Total process size'), '6gb!');
    const failure: MemoryPreview = {
      ok: false,
      message:
        "configOverrides.taskmanager.memory.process.size: TaskManager memory configuration failed: Cannot read memory size from config option 'taskmanager.memory.process.size'.",
      keys: [],
    };
    view.rerender(editor({ preview: failure }));
    const field = input('Total process size');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const described = field.getAttribute('aria-describedby')?.split(' ') ?? [];
    const messages = described.map((id) => document.getElementById(id)?.textContent ?? '');
    expect(messages.some((m) => m.includes('Cannot read memory size'))).toBe(true);
    expect(button('Use for new experiments').disabled).toBe(true);
  });

  it('resets to the values in effect', () => {
    const onChange = vi.fn();
    view = render(editor({ onChange, overrides: { 'taskmanager.numberOfTaskSlots': '1' } }));
    typeInto(input('Network fraction'), '0.2');
    vi.advanceTimersByTime(300);
    click(button('Reset'));
    vi.advanceTimersByTime(300);
    expect(input('Network fraction').value).toBe('');
    expect(onChange.mock.calls).toEqual([
      [{ 'taskmanager.numberOfTaskSlots': '1', 'taskmanager.memory.network.fraction': '0.2' }],
      [{ 'taskmanager.numberOfTaskSlots': '1' }],
    ]);
  });
});
