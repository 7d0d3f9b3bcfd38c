// Chooses what the main chart shows: direct memory (default), heap, resident memory against the container, or
// one of the G1 collectors' counters. A segmented control built on native radio buttons (arrow keys and screen
// readers work as for any radio group); the GC choice opens a second row.
import './graphs.css';
import { useId } from 'react';
import {
  GRAPH_METRICS,
  type GraphMetric,
  type GraphMetricGroup,
  type GraphMetricId,
  graphMetric,
} from './graph-metrics';

export interface MetricSwitcherProps {
  value: GraphMetricId;
  onChange: (id: GraphMetricId) => void;
  /** The metrics offered (default: all of GRAPH_METRICS). */
  metrics?: readonly GraphMetric[];
  disabled?: boolean;
}

const GROUP_LABELS: Record<GraphMetricGroup, string> = {
  direct: 'Direct memory',
  heap: 'Heap',
  resident: 'Resident (RSS)',
  gc: 'GC',
};

export interface SegmentOption<T extends string> {
  value: T;
  label: string;
}

/** A segmented control: one native radio per option, styled as joined buttons. */
export function Segmented<T extends string>({
  legend,
  options,
  value,
  onChange,
  disabled,
  small,
}: {
  legend: string;
  options: readonly SegmentOption<T>[];
  value: T;
  onChange: (value: T) => void;
  disabled?: boolean;
  small?: boolean;
}) {
  const name = useId();
  return (
    <fieldset className={`graph-segmented${small ? ' graph-segmented-small' : ''}`} disabled={disabled}>
      <legend className="graph-visually-hidden">{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className={`graph-segment${option.value === value ? ' is-on' : ''}`}>
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={option.value === value}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

export function MetricSwitcher({ value, onChange, metrics = GRAPH_METRICS, disabled }: MetricSwitcherProps) {
  const current = graphMetric(value);
  const groups = [...new Set(metrics.map((m) => m.group))];
  const firstOf = (group: GraphMetricGroup) => metrics.find((m) => m.group === group)!.id;
  const gcMetrics = metrics.filter((m) => m.group === 'gc');
  return (
    <div className="graph-metric-switcher">
      <Segmented
        legend="Metric"
        options={groups.map((g) => ({ value: g, label: GROUP_LABELS[g] }))}
        value={current.group}
        onChange={(group) => onChange(firstOf(group))}
        disabled={disabled}
      />
      {current.group === 'gc' && gcMetrics.length > 1 && (
        <Segmented
          legend="GC metric"
          options={gcMetrics.map((m) => ({ value: m.id, label: m.label }))}
          value={current.id}
          onChange={onChange}
          disabled={disabled}
          small
        />
      )}
      <span className="graph-metric-hint" title={current.metric}>
        {current.hint}
      </span>
    </div>
  );
}
