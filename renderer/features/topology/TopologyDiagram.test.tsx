// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OperatorCoverage } from '../../../shared/contract/lab-entities';
import { planJob } from '../../../shared/sim/engine/job-plan';
import { click, press, type Rendered, render } from './render-in-jsdom';
import { TopologyDiagram } from './TopologyDiagram';

const full = planJob({ scenario: 'offheap-map-leak' });
const noLayer3 = planJob({ scenario: 'offheap-map-leak', removed: ['layer3'] });
const scenarioOperators = full.operators.map(({ id, name, layer }) => ({ id, name, layer }));
const coverage: OperatorCoverage[] = full.operators.map((op) => ({
  operator: op.id,
  layer: op.layer,
  status: op.id === 'currency-convert' ? 'implicated' : op.layer === 'layer1' ? 'cleared' : 'untested',
  reason:
    op.id === 'currency-convert'
      ? 'present in every leaking run (run #1); without it run #2 did not leak'
      : 'x',
  runIds: [],
}));

let view: Rendered | undefined;
afterEach(() => view?.unmount());
const operator = (id: string) => view?.container.querySelector(`[data-operator="${id}"]`) as SVGGElement;

describe('TopologyDiagram', () => {
  it('draws every operator with its parallelism, and selects one by click or Enter', () => {
    const onSelect = vi.fn();
    view = render(<TopologyDiagram plan={full} coverage={coverage} onSelectOperator={onSelect} />);
    expect(view.container.querySelectorAll('[data-operator]')).toHaveLength(13);
    const node = operator('currency-convert');
    expect(node.getAttribute('role')).toBe('button');
    expect(node.getAttribute('tabindex')).toBe('0');
    expect(node.textContent).toContain('×8');
    click(node);
    press(operator('druid-sink'), 'Enter');
    expect(onSelect.mock.calls).toEqual([['currency-convert'], ['druid-sink']]);
  });

  it('marks the implicated operator and gives the reason on hover', () => {
    view = render(<TopologyDiagram plan={full} coverage={coverage} />);
    const node = operator('currency-convert');
    expect(node.classList.contains('coverage-implicated')).toBe(true);
    expect(node.textContent).toContain('IMPLICATED');
    expect(node.querySelector('title')?.textContent).toContain('present in every leaking run (run #1)');
    expect(node.getAttribute('aria-label')).toContain('coverage implicated');
  });

  it('ghosts what this experiment peeled, shows the generated sink and says how the job was rewired', () => {
    const onSelect = vi.fn();
    view = render(
      <TopologyDiagram plan={noLayer3} scenarioOperators={scenarioOperators} onSelectOperator={onSelect} />,
    );
    const ghost = operator('currency-convert');
    expect(ghost.classList.contains('state-peeled')).toBe(true);
    expect(ghost.textContent).toContain('peeled');
    const sink = operator('discarding-sink');
    expect(sink.classList.contains('state-generated')).toBe(true);
    expect(sink.getAttribute('role')).toBe('img');
    click(sink);
    expect(onSelect).not.toHaveBeenCalled();
    expect(view.container.textContent).toContain('kvstore-enrich now feeds a discarding sink');
  });

  it('has a legend for coverage only when there is coverage', () => {
    view = render(<TopologyDiagram plan={full} />);
    expect(view.container.textContent).not.toContain('implicated');
    expect(view.container.textContent).toContain('HASH');
  });
});
