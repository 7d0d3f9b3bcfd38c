// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { planJob } from '../../../shared/sim/engine/job-plan';
import { type Rendered, render } from './render-in-jsdom';
import { SlotPlacement } from './SlotPlacement';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

describe('SlotPlacement', () => {
  it('draws one cell per subtask, named with its TaskManager and container on hover', () => {
    const plan = planJob({ scenario: 'offheap-map-leak', parallelism: 32 });
    view = render(<SlotPlacement plan={plan} selectedOperator="currency-convert" />);
    const cells = view.container.querySelectorAll('.slots-cell');
    expect(cells).toHaveLength(32 * 13);
    const titles = [...view.container.querySelectorAll('.slots-cell title')].map((t) => t.textContent ?? '');
    const cell = titles.find((t) => t.startsWith('currency-convert#31'));
    expect(cell).toContain('tm-32, slot 1');
    expect(cell).toContain(plan.taskManagers[31]?.container);
    expect(view.container.querySelectorAll('.slots-cell.dim')).toHaveLength(32 * 12);
    expect(view.container.textContent).toContain('32 TaskManagers (YARN containers) × 1 slot');
  });
});
