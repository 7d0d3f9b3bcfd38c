// What a real run's graph shows for a metric that was not imported (heap asked of a run made of direct memory
// only): which metric is missing, for which TaskManagers, and how to bring it in. Never an error: a real run holds
// what was imported and nothing else.
import type { GraphMetric } from '../../charts/graph-metrics';
import './imports.css';

/** The name to import the metric by: Flink's Prometheus reporter's (resident memory: the process collector's). */
export function importableName(metric: GraphMetric): string {
  if (metric.id === 'resident') return 'process_resident_memory_bytes';
  return `flink_taskmanager_${metric.metric.replace(/\./g, '_')}`;
}

export function NotImportedNotice({
  metric,
  runSeq,
  taskManagers,
  shown,
}: {
  metric: GraphMetric;
  runSeq: number;
  /** The TaskManagers whose series for the metric were not imported. */
  taskManagers: readonly string[];
  /** How many TaskManagers the chart still shows (some may have been imported). */
  shown: number;
}) {
  const which = shown > 0 ? ` for ${taskManagers.join(', ')}` : '';
  return (
    <div className="not-imported" role="status" aria-label={`${metric.label} not imported`}>
      <p>
        <strong>
          {metric.title} was not imported{which} in real run #{runSeq}.
        </strong>{' '}
        A real experiment holds only the series imported for it; nothing is simulated in its place.
      </p>
      <p className="muted small">
        To see it, import <code>{importableName(metric)}</code> (Flink’s <code>{metric.metric}</code>) from a
        Grafana CSV, a Prometheus answer or a live Prometheus query in <b>The real incident</b> panel, then
        log a real experiment with that import.
      </p>
    </div>
  );
}
