// One operator box of the topology diagram: name, id, ×parallelism, memory badges, its coverage status (a stripe
// and a chip on the border), ghosted when peeled in this experiment; a button when it can be picked.
import type { KeyboardEvent } from 'react';
import type { OperatorCoverage } from '../../../shared/contract/lab-entities';
import { coverageInfo } from './coverage-status';
import { layerLabel } from './layer-names';
import { BADGE_FONT_SIZE, BADGE_HEIGHT, describeMemory, placeBadges } from './memory-badges';
import { fitText } from './text-fit';
import { textMeasure } from './text-measure';
import type { TopologyNode as LaidOutNode } from './topology-layout';

const INSET = 14;

const fullNameWidth = (name: string) => Math.ceil(textMeasure(12.5, { weight: 600 })(name)) + 16;

function tooltip(node: LaidOutNode, coverage: OperatorCoverage | undefined): string {
  const lines = [`${node.name} (${node.id})`];
  const where = [
    layerLabel(node.layer),
    node.kind,
    node.parallelism !== null ? `parallelism ${node.parallelism}` : null,
  ];
  lines.push(where.filter(Boolean).join(' · '));
  if (node.state === 'peeled') lines.push('Peeled: removed in this experiment.');
  if (node.state === 'generated') lines.push('Generated: added by peeling, drops every record.');
  if (node.memory) lines.push(`Memory: ${describeMemory(node.memory)}`);
  if (coverage) lines.push(`Coverage: ${coverage.status}: ${coverage.reason}`);
  return lines.join('\n');
}

function accessibleName(node: LaidOutNode, coverage: OperatorCoverage | undefined): string {
  const parts = [`${node.name} (${node.id})`, layerLabel(node.layer)];
  if (node.state === 'peeled') parts.push('peeled in this experiment');
  else if (node.parallelism !== null) parts.push(`parallelism ${node.parallelism}`);
  if (node.memory) parts.push(`memory: ${describeMemory(node.memory)}`);
  if (coverage) parts.push(`coverage ${coverage.status}: ${coverage.reason}`);
  return parts.join(', ');
}

export interface TopologyNodeProps {
  node: LaidOutNode;
  coverage?: OperatorCoverage | undefined;
  selected: boolean;
  onSelect?: ((operatorId: string) => void) | undefined;
}

export function TopologyNode({ node, coverage, selected, onSelect }: TopologyNodeProps) {
  const interactive = node.selectable && onSelect !== undefined;
  const peeled = node.state === 'peeled';
  const right = peeled ? 'peeled' : node.parallelism !== null ? `×${node.parallelism}` : '';
  const rightWidth = textMeasure(11, peeled ? { weight: 600 } : { mono: true })(right);
  const name = fitText(node.name, node.width - INSET - rightWidth - 18, textMeasure(12.5, { weight: 600 }));
  const idLine = node.state === 'generated' ? `${node.id} · added by peeling` : node.id;
  const badges = node.memory ? placeBadges(node.memory, node.width - INSET - 10) : [];
  const status = coverage?.status;
  const chip = status && status !== 'untested' ? coverageInfo(status).label.toUpperCase() : null;
  // The chip's letter-spacing (0.05em at 9px) is not in the measure.
  const chipWidth = chip ? Math.ceil(textMeasure(9, { weight: 700 })(chip) + chip.length * 0.45) + 14 : 0;
  const classes = [
    'topo-node',
    `state-${node.state}`,
    status ? `coverage-${status}` : 'coverage-none',
    selected ? 'selected' : '',
    interactive ? 'interactive' : '',
  ];
  const select = () => onSelect?.(node.id);
  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select();
    }
  };
  return (
    <g
      className={classes.filter(Boolean).join(' ')}
      transform={`translate(${node.x} ${node.y})`}
      data-operator={node.id}
      {...(interactive
        ? {
            role: 'button',
            tabIndex: 0,
            'aria-label': accessibleName(node, coverage),
            'aria-pressed': selected,
            onClick: select,
            onKeyDown,
          }
        : { role: 'img', 'aria-label': accessibleName(node, coverage) })}
    >
      <title>{tooltip(node, coverage)}</title>
      <rect className="topo-box" width={node.width} height={node.height} rx={7} />
      <rect className="topo-stripe" x={4} y={7} width={4} height={node.height - 14} rx={2} />
      <g className="topo-content">
        <text className="topo-name" x={INSET} y={20}>
          {name}
        </text>
        <text className="topo-right" x={node.width - 10} y={20} textAnchor="end">
          {right}
        </text>
        <text className="topo-id" x={INSET} y={36}>
          {fitText(idLine, node.width - INSET - 10, textMeasure(10.5, { mono: true }))}
        </text>
        <g transform={`translate(${INSET} ${node.height - BADGE_HEIGHT - 7})`}>
          {badges.map((badge) => (
            <g
              key={badge.kind}
              className={`topo-badge mem-${badge.kind}`}
              transform={`translate(${badge.x} 0)`}
            >
              <rect width={badge.width} height={BADGE_HEIGHT} rx={3} />
              <text x={badge.width / 2} y={BADGE_HEIGHT / 2 + BADGE_FONT_SIZE * 0.36} textAnchor="middle">
                {badge.label}
              </text>
            </g>
          ))}
        </g>
      </g>
      {name !== node.name && (
        // The name did not fit: hovering or focusing the operator shows it whole, above its box.
        <g className="topo-fullname" transform="translate(0 -26)">
          <rect width={fullNameWidth(node.name)} height={22} rx={4} />
          <text x={8} y={15}>
            {node.name}
          </text>
        </g>
      )}
      {chip && (
        <g className="topo-chip" transform={`translate(${node.width - chipWidth - 8} -8)`}>
          <rect width={chipWidth} height={16} rx={8} />
          <text x={chipWidth / 2} y={11.3} textAnchor="middle">
            {chip}
          </text>
        </g>
      )}
    </g>
  );
}
