// Last good against current: every key that changed, with its effect on each memory component on its own.
import type { ConfigDiffView } from '../../../shared/contract/real-entities';
import { formatBytes } from '../../../shared/sim/analysis/format-bytes';

function effectText(effect: ConfigDiffView['total']): string {
  if (effect.error)
    return `Flink refuses the ${effect.error.side === 'after' ? 'changed' : 'last good'} config: ${effect.error.message}`;
  if (effect.changes.length === 0) return 'no change to memory';
  return effect.changes
    .map((c) => `${c.component} ${formatBytes(c.beforeBytes)} → ${formatBytes(c.afterBytes)}`)
    .join('; ');
}

export function ConfigDiffTable({ diff }: { diff: ConfigDiffView }) {
  return (
    <div className="real-diff">
      <h4>What changed since the last good config</h4>
      {diff.keys.length === 0 ? (
        <p className="muted">The two configs set the same keys to the same values.</p>
      ) : (
        <table aria-label="Changed keys">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Last good</th>
              <th scope="col">Current</th>
              <th scope="col">Effect on memory</th>
            </tr>
          </thead>
          <tbody>
            {diff.keys.map((k) => (
              <tr key={k.key}>
                <td>
                  <code>{k.key}</code>
                </td>
                <td>{k.before ?? <span className="muted">not set</span>}</td>
                <td>{k.after ?? <span className="muted">not set</span>}</td>
                <td>{effectText(k.effect)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="small">
        <strong>All together:</strong> {effectText(diff.total)}
      </p>
    </div>
  );
}
