// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { planJob } from '../../../shared/sim/engine/job-plan';
import { type Rendered, render } from '../topology/render-in-jsdom';
import { MemoryModelBar } from './MemoryModelBar';

const plan = planJob({ scenario: 'offheap-map-leak' });
let view: Rendered | undefined;
afterEach(() => view?.unmount());

describe('MemoryModelBar', () => {
  it('marks the direct limit and the totals with the derived numbers', () => {
    view = render(<MemoryModelBar memory={plan.memory} containerLimitBytes={plan.containerLimitBytes} />);
    const text = view.container.textContent ?? '';
    expect(text).toContain('-XX:MaxDirectMemorySize=1.14 GiB');
    expect(text).toContain('-Xmx 2.72 GiB');
    expect(text).toContain('Total Flink memory 5.15 GiB');
    expect(text).toContain('Total process memory 6 GiB · YARN container 6144 MiB');
  });

  it('gives each part its keys on hover, marked default or set', () => {
    view = render(<MemoryModelBar memory={plan.memory} containerLimitBytes={plan.containerLimitBytes} />);
    const title = view.container.querySelector('.part-taskOffHeap title')?.textContent ?? '';
    expect(title).toContain('Task off-heap: 512 MiB (536870912 bytes)');
    expect(title).toContain('taskmanager.memory.task.off-heap.size: 512m (set)');
    const network = view.container.querySelector('.part-network title')?.textContent ?? '';
    expect(network).toContain('taskmanager.memory.network.fraction: 0.1 (default)');
  });

  it('lists the keys behind each part in a table', () => {
    view = render(
      <MemoryModelBar memory={plan.memory} containerLimitBytes={plan.containerLimitBytes} sources="open" />,
    );
    const rows = [...view.container.querySelectorAll('.membar-table tbody tr')].map(
      (row) => row.textContent ?? '',
    );
    expect(rows.find((row) => row.startsWith('Managed'))).toContain(
      'taskmanager.memory.managed.fraction: 0.25set',
    );
    expect(rows.find((row) => row.startsWith('Framework off-heap'))).toContain('128mdefault');
    expect(view.container.textContent).toContain(plan.memory.jvmArgs);
  });
});
