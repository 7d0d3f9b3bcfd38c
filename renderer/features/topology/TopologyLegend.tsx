// The topology diagram's key: coverage statuses, memory badges, edge kinds and what ghosted or dotted boxes mean.
import { COVERAGE_STATUSES } from './coverage-status';
import { MEMORY_BADGES } from './memory-badges';

function EdgeSample({ className }: { className: string }) {
  return (
    <svg className="topo-legend-edge" width={30} height={10} aria-hidden="true">
      <path className={`topo-edge ${className}`} d="M1 5H29" />
    </svg>
  );
}

function BoxSample({ className }: { className: string }) {
  return (
    <svg className="topo-legend-box" width={24} height={14} aria-hidden="true">
      <rect className={`topo-legend-rect ${className}`} x={1} y={1} width={22} height={12} rx={3} />
    </svg>
  );
}

export function TopologyLegend({ showCoverage }: { showCoverage: boolean }) {
  return (
    <div className="topo-legend">
      {showCoverage && (
        <div className="topo-legend-group">
          <span className="topo-legend-title">Coverage</span>
          <ul>
            {COVERAGE_STATUSES.map((info) => (
              <li key={info.status} title={info.meaning}>
                <span className={`topo-legend-swatch coverage-${info.status}`} aria-hidden="true" />
                {info.label}
                <span className="topo-sr">: {info.meaning}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="topo-legend-group">
        <span className="topo-legend-title">Memory</span>
        <ul>
          {MEMORY_BADGES.map((badge) => (
            <li key={badge.kind} title={badge.meaning}>
              <span className={`topo-legend-badge mem-${badge.kind}`}>{badge.label}</span>
              <span className="topo-sr">: {badge.meaning}</span>
            </li>
          ))}
        </ul>
      </div>
      <div className="topo-legend-group">
        <span className="topo-legend-title">Edges</span>
        <ul>
          <li title="Records stay in the same subtask (operator chaining allowed).">
            <EdgeSample className="kind-forward state-live" /> forward
          </li>
          <li title="keyBy: records are re-partitioned by key over the network.">
            <EdgeSample className="kind-hash state-live" /> <span className="topo-legend-mono">HASH</span>
          </li>
          <li title="Round-robin over all downstream subtasks.">
            <EdgeSample className="kind-rebalance state-live" />{' '}
            <span className="topo-legend-mono">REBALANCE</span>
          </li>
          <li title="An edge peeling created: a bypass, or into the discarding sink.">
            <EdgeSample className="kind-forward state-rewired" /> rewired
          </li>
          <li title="An edge of the full job that peeling removed.">
            <EdgeSample className="kind-forward state-before-peeling" /> before peeling
          </li>
        </ul>
      </div>
      <div className="topo-legend-group">
        <span className="topo-legend-title">Operators</span>
        <ul>
          <li>
            <BoxSample className="state-running" /> runs
          </li>
          <li title="In the scenario's job, removed in this experiment.">
            <BoxSample className="state-peeled" /> peeled here
          </li>
          <li title="Added by peeling: a discarding sink where nothing is left downstream.">
            <BoxSample className="state-generated" /> generated
          </li>
        </ul>
      </div>
    </div>
  );
}
