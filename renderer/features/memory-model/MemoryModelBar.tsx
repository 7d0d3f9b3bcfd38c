// Flink's TaskManager memory model (the seed's Figure 1) for one configuration: the components as a stacked bar,
// the JVM limits that group them (the direct limit marked), total Flink and process size, the YARN container,
// and the config keys behind each part (on hover, and in a table below).
import { useId, useMemo, useRef } from 'react';
import type { MemoryBreakdown } from '../../../shared/contract/lab-entities';
import { formatBytes } from '../../../shared/sim/analysis/format-bytes';
import { useElementWidth } from '../../ui/use-element-width';
import { textMeasure } from '../topology/text-measure';
import { type BarSpan, layoutMemoryBar } from './bar-layout';
import { placeLabels } from './label-placement';
import { MemorySourcesTable } from './MemorySourcesTable';
import { MEMORY_GROUPS, type MemoryGroup, type MemoryPart } from './memory-parts';
import { sourceTooltip } from './memory-text';
import './memory-colors.css';
import './memory-model.css';

export interface MemoryModelBarProps {
  memory: MemoryBreakdown;
  containerLimitBytes: number;
  /** Bytes the full width stands for: give two bars the same value to compare them one above the other. */
  scaleBytes?: number;
  /** Parts outlined as changed (the config editor's preview). */
  changed?: ReadonlySet<MemoryPart>;
  /** The table of config keys under the bar: open, collapsed (default) or not shown. */
  sources?: 'open' | 'closed' | 'none';
  /** Accessible name, e.g. "Current TaskManager memory". */
  label?: string;
}

const FALLBACK_WIDTH = 900;
const MIN_WIDTH = 560;
const ROW = 16;
const BAR_HEIGHT = 46;
const GROUP_LABEL_SIZE = 11.5;

function bracketDown(span: BarSpan, y: number): string {
  const x1 = span.x + 1;
  const x2 = span.x + span.width - 1;
  return `M${x1} ${y + 6}V${y}H${x2}V${y + 6}`;
}

function bracketUp(span: BarSpan, y: number): string {
  const x1 = span.x + 1;
  const x2 = span.x + span.width - 1;
  return `M${x1} ${y - 6}V${y}H${x2}V${y - 6}`;
}

export function MemoryModelBar({
  memory,
  containerLimitBytes,
  scaleBytes,
  changed,
  sources = 'closed',
  label = 'TaskManager memory',
}: MemoryModelBarProps) {
  const clipId = `membar${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const box = useRef<HTMLDivElement>(null);
  // Laid out in the pixels it gets, so its text stays the size of the text around it.
  const width = Math.max(MIN_WIDTH, useElementWidth(box, FALLBACK_WIDTH));
  const layout = useMemo(
    () =>
      layoutMemoryBar(memory, containerLimitBytes, {
        width,
        ...(scaleBytes !== undefined ? { scaleBytes } : {}),
        minSegment: 62,
        measure: textMeasure(11, { weight: 600 }),
      }),
    [memory, containerLimitBytes, scaleBytes, width],
  );
  const groupText = (group: MemoryGroup) => {
    const info = MEMORY_GROUPS.find((g) => g.group === group);
    return info ? `${info.label} · ${info.limit(memory)}` : group;
  };
  const groupMeasure = textMeasure(GROUP_LABEL_SIZE, { weight: 600 });
  const labels = placeLabels(
    MEMORY_GROUPS.map(({ group }) => ({
      id: group,
      centre: layout.groups[group].x + layout.groups[group].width / 2,
      width: groupMeasure(groupText(group)) + 4,
    })),
    width,
    14,
  );
  const labelRows = Math.max(1, ...labels.map((l) => l.row + 1));
  const bracketY = 4 + labelRows * ROW + 4;
  const barY = bracketY + 10;
  const barBottom = barY + BAR_HEIGHT;
  const flinkY = barBottom + 10;
  const processY = flinkY + 34;
  const height = processY + 22;
  const containerApart = Math.abs(layout.containerX - (layout.process.x + layout.process.width)) > 2;
  const processText =
    `Total process memory ${formatBytes(memory.totalProcessMemory)}` +
    (containerApart ? '' : ` · YARN container ${Math.round(containerLimitBytes / 2 ** 20)} MiB`);
  const summary =
    `${label}: ${MEMORY_GROUPS.map((g) => groupText(g.group)).join('; ')}; total Flink ` +
    `${formatBytes(memory.totalFlinkMemory)}; total process ${formatBytes(memory.totalProcessMemory)}; ` +
    `YARN container ${formatBytes(containerLimitBytes)}.`;
  const centreOf = (span: BarSpan) => span.x + span.width / 2;

  return (
    <div className="membar" ref={box}>
      <svg
        className="membar-svg"
        role="img"
        aria-label={summary}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
      >
        <defs>
          <clipPath id={clipId}>
            <rect x={0} y={barY} width={layout.barWidth} height={BAR_HEIGHT} rx={6} />
          </clipPath>
        </defs>
        {labels.map((placed) => {
          const group = placed.id as MemoryGroup;
          return (
            <text
              key={group}
              className={`membar-group-label group-${group}`}
              x={placed.x + placed.width / 2}
              y={4 + placed.row * ROW + 12}
              textAnchor="middle"
            >
              {groupText(group)}
            </text>
          );
        })}
        {MEMORY_GROUPS.map(({ group }) => (
          <path
            key={group}
            className={`membar-bracket group-${group}`}
            d={bracketDown(layout.groups[group], bracketY)}
          />
        ))}
        <g clipPath={`url(#${clipId})`}>
          {layout.segments.map((segment) => (
            <g
              key={segment.part}
              className={[
                'membar-seg',
                `part-${segment.part}`,
                `group-${segment.group}`,
                segment.reserved ? 'reserved' : '',
                segment.zero ? 'zero' : '',
                changed?.has(segment.part) ? 'changed' : '',
              ]
                .filter(Boolean)
                .join(' ')}
            >
              <title>{sourceTooltip(segment.label, segment.bytes, memory.sources[segment.part])}</title>
              <rect x={segment.x} y={barY} width={segment.width} height={BAR_HEIGHT} />
              {segment.name && (
                <text
                  className="membar-seg-name"
                  x={segment.x + segment.width / 2}
                  y={barY + 20}
                  textAnchor="middle"
                >
                  {segment.name}
                </text>
              )}
              {segment.size && (
                <text
                  className="membar-seg-size"
                  x={segment.x + segment.width / 2}
                  y={segment.name ? barY + 35 : barY + 28}
                  textAnchor="middle"
                >
                  {segment.size}
                </text>
              )}
            </g>
          ))}
        </g>
        {layout.segments
          .filter((segment) => changed?.has(segment.part))
          .map((segment) => (
            <rect
              key={segment.part}
              className="membar-changed"
              x={segment.x + 1}
              y={barY + 1}
              width={Math.max(segment.width - 2, 2)}
              height={BAR_HEIGHT - 2}
              rx={3}
            />
          ))}
        <path className="membar-bracket total" d={bracketUp(layout.totalFlink, flinkY)} />
        <text
          className="membar-total-label"
          x={centreOf(layout.totalFlink)}
          y={flinkY + 14}
          textAnchor="middle"
        >
          Total Flink memory {formatBytes(memory.totalFlinkMemory)}
        </text>
        <path className="membar-bracket total" d={bracketUp(layout.process, processY)} />
        <text
          className="membar-total-label"
          x={centreOf(layout.process)}
          y={processY + 14}
          textAnchor="middle"
        >
          {processText}
        </text>
        <line
          className="membar-container"
          x1={layout.containerX}
          x2={layout.containerX}
          y1={barY - 6}
          y2={processY}
        >
          <title>{`YARN container limit: ${containerLimitBytes} bytes; resident memory above it gets the container killed`}</title>
        </line>
        {containerApart && (
          <text className="membar-container-label" x={layout.containerX + 4} y={barY - 8}>
            YARN container {Math.round(containerLimitBytes / 2 ** 20)} MiB
          </text>
        )}
      </svg>
      {sources !== 'none' && <MemorySourcesTable memory={memory} open={sources === 'open'} />}
    </div>
  );
}
