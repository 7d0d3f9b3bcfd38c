// The job as it runs in one experiment: layers left to right, operators with their memory and coverage, peeled
// operators ghosted where they were, the discarding sink peeling adds, and how the job was rewired, in words.
import { useId, useMemo, useRef } from 'react';
import type { JobPlan, OperatorCoverage } from '../../../shared/contract/lab-entities';
import { useElementWidth } from '../../ui/use-element-width';
import { layerTone } from './layer-names';
import { TopologyLegend } from './TopologyLegend';
import { TopologyNode } from './TopologyNode';
import { estimateTextWidth } from './text-fit';
import {
  COMPACT_NODE_WIDTH,
  type TopologyNode as LaidOutNode,
  layoutTopology,
  type PlanEdge,
  type ScenarioOperatorRef,
  type TopologyEdge,
} from './topology-layout';
import './topology.css';
import '../memory-model/memory-colors.css';
import { plural } from '../../../shared/domain/plural';

export interface TopologyDiagramProps {
  plan: Pick<JobPlan, 'operators' | 'edges' | 'control' | 'rewiring'>;
  /** The scenario's full job (ScenarioInfo.operators, or an unpeeled plan's operators): peeled ones stay visible. */
  scenarioOperators?: readonly ScenarioOperatorRef[];
  /** The unpeeled plan's edges: ghosts exactly in place, their old edges drawn, rewired edges marked. */
  scenarioEdges?: readonly PlanEdge[];
  /** The coverage map; without it the operators are drawn without a status. */
  coverage?: readonly OperatorCoverage[];
  selectedOperator?: string | null;
  /** Called with the operator id when a scenario operator is clicked or Enter/Space is pressed on it. */
  onSelectOperator?: (operatorId: string) => void;
  /** Accessible name of the diagram. */
  label?: string;
}

const EDGE_STATES = ['live', 'rewired', 'before-peeling'] as const;
const LABEL_SIZE = 9;
// Narrow panels (the lab beside the audit trail) get the compact boxes once the roomy ones would shrink below this
// scale; whatever the width, the diagram is then scaled to fit it, never scrolled: a horizontal scroll hid the
// last layer (where the seed's culprit is) at 1280x720. A name cut short shows whole on hover and focus.
const MIN_SCALE = 0.75;

function edgeTitle(edge: TopologyEdge): string {
  const state =
    edge.state === 'rewired'
      ? ', rewired by peeling'
      : edge.state === 'before-peeling'
        ? ', before peeling'
        : '';
  return `${edge.from} → ${edge.to} (${edge.kind.toUpperCase()}${state})`;
}

function Edge({ edge, markerBase }: { edge: TopologyEdge; markerBase: string }) {
  return (
    <g className="topo-edge-group">
      <title>{edgeTitle(edge)}</title>
      <path className="topo-edge-hit" d={edge.path} />
      <path
        className={`topo-edge kind-${edge.kind} state-${edge.state}`}
        d={edge.path}
        markerEnd={`url(#${markerBase}-${edge.state})`}
      />
    </g>
  );
}

function EdgeLabel({ edge }: { edge: TopologyEdge }) {
  if (!edge.label) return null;
  const text = edge.kind.toUpperCase();
  const width = estimateTextWidth(text, LABEL_SIZE, true) + 8;
  const left = edge.label.anchor === 'middle' ? -width / 2 : 0;
  return (
    <g
      className={`topo-edge-label state-${edge.state}`}
      transform={`translate(${edge.label.x} ${edge.label.y})`}
    >
      <rect x={left} y={-7} width={width} height={14} rx={3} />
      <text textAnchor="middle" x={left + width / 2} y={3.2}>
        {text}
      </text>
    </g>
  );
}

export function TopologyDiagram({
  plan,
  scenarioOperators,
  scenarioEdges,
  coverage,
  selectedOperator = null,
  onSelectOperator,
  label = 'Job topology',
}: TopologyDiagramProps) {
  const figureRef = useRef<HTMLElement>(null);
  const available = useElementWidth(figureRef, Number.POSITIVE_INFINITY);
  const layout = useMemo(() => {
    const roomy = layoutTopology({ plan, scenarioOperators, scenarioEdges });
    if (roomy.width * MIN_SCALE <= available) return roomy;
    // Too wide even shrunk: narrower boxes, scaled to the width.
    return layoutTopology({ plan, scenarioOperators, scenarioEdges, nodeWidth: COMPACT_NODE_WIDTH });
  }, [plan, scenarioOperators, scenarioEdges, available]);
  const coverageOf = useMemo(() => new Map((coverage ?? []).map((c) => [c.operator, c])), [coverage]);
  // Marker ids must be unique per diagram on the page and valid inside url(#...).
  const markerBase = `topo${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const ghosts = layout.nodes.filter((n) => n.state === 'peeled');
  const oldEdges = layout.edges.filter((e) => e.state === 'before-peeling');
  const newEdges = layout.edges.filter((e) => e.state !== 'before-peeling');
  const running = layout.nodes.length - ghosts.length;
  const node = (n: LaidOutNode) => (
    <TopologyNode
      key={n.id}
      node={n}
      coverage={coverageOf.get(n.id)}
      selected={selectedOperator === n.id}
      onSelect={onSelectOperator}
    />
  );

  return (
    <figure className="topology" ref={figureRef}>
      <div className="topo-scroll">
        <svg
          className="topo-svg"
          aria-label={`${label}: ${plural(running, 'operator')} ${running === 1 ? 'runs' : 'run'}${ghosts.length > 0 ? `, ${ghosts.length} peeled` : ''}`}
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
        >
          <defs>
            {EDGE_STATES.map((state) => (
              <marker
                key={state}
                id={`${markerBase}-${state}`}
                viewBox="0 0 10 10"
                refX={9}
                refY={5}
                markerWidth={7}
                markerHeight={7}
                orient="auto-start-reverse"
              >
                <path className={`topo-arrow state-${state}`} d="M0 1L9 5L0 9Z" />
              </marker>
            ))}
          </defs>
          {layout.bands.map((band) => (
            <g
              key={band.layer}
              className={`topo-band tone-${layerTone(band.layer)}${band.allPeeled ? ' peeled' : ''}`}
            >
              <rect x={band.x} y={band.y} width={band.width} height={band.height} rx={10} />
              <text className="topo-band-label" x={band.x + 12} y={band.y + 18}>
                {band.label}
              </text>
              <text className="topo-band-meta" x={band.x + band.width - 12} y={band.y + 18} textAnchor="end">
                {band.allPeeled
                  ? 'peeled'
                  : band.layer === 'generated'
                    ? 'by peeling'
                    : plural(band.operators, 'operator')}
              </text>
            </g>
          ))}
          {oldEdges.map((e) => (
            <Edge key={`${e.from}>${e.to}:old`} edge={e} markerBase={markerBase} />
          ))}
          {newEdges.map((e) => (
            <Edge key={`${e.from}>${e.to}`} edge={e} markerBase={markerBase} />
          ))}
          {newEdges.map((e) => (
            <EdgeLabel key={`${e.from}>${e.to}:label`} edge={e} />
          ))}
          {/* Job order is tab order; a ghost's box is see-through, so edges crossing it stay visible. */}
          {layout.nodes.map(node)}
        </svg>
      </div>
      <figcaption className="topo-caption">
        {plan.rewiring.length > 0 ? (
          <ul className="topo-rewiring" aria-label="How this experiment rewired the job">
            {plan.rewiring.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
        ) : (
          <p className="topo-rewiring-none">The job as written: nothing peeled.</p>
        )}
        <TopologyLegend showCoverage={coverage !== undefined} />
      </figcaption>
    </figure>
  );
}
