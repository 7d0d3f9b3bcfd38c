// What the open investigation is in the hand-over: an import (read-only; the hand-over summary first, where it came
// from, its chain checked, its trail as received, and the way to continue it) or a branch continuing one.
import type { ImportInfo } from '../../../shared/contract/exchange-entities';
import { describeAuditEvent } from '../../../shared/domain/describe-audit-event';
import { groupOperators } from '../../../shared/report/handover-lines';
import { usePeel } from '../../state/store';
import { formatUtc } from '../../ui/format-time';
import './exchange.css';

const short = (hash: string) => `${hash.slice(0, 12)}…`;

function Handover({ info }: { info: ImportInfo }) {
  const h = info.handover;
  const ruledOut = [
    ...h.ruledOut.hypotheses.map((f) => `Hypothesis: ${f.statement}${f.runSeq ? ` (run #${f.runSeq})` : ''}`),
    ...groupOperators(h.ruledOut.operators).map(
      (g) => `${g.layer}: ${g.operators.join(', ')} cleared, ${g.reason}`,
    ),
  ];
  return (
    <div className="handover-grid">
      <section aria-labelledby="handover-ruled-out">
        <h3 id="handover-ruled-out">Ruled out</h3>
        {ruledOut.length === 0 ? (
          <p className="muted">Nothing yet.</p>
        ) : (
          <ul>
            {ruledOut.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
        {h.established.length + h.implicated.length > 0 && (
          <>
            <h3>Established</h3>
            <ul>
              {h.established.map((f) => (
                <li key={f.statement}>{f.statement}</li>
              ))}
              {groupOperators(h.implicated).map((g) => (
                <li key={`${g.layer}:${g.operators.join()}`}>
                  {g.layer}: {g.operators.join(', ')} implicated, {g.reason}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="handover-next">
        <h3 id="handover-next">Next suggested step</h3>
        <p>
          <strong>{h.nextStep.title}.</strong> {h.nextStep.detail}
        </p>
        {h.resolution && (
          <p className="muted">
            Resolved {formatUtc(h.resolution.at)} by {h.resolution.by}: {h.resolution.reason}
          </p>
        )}
        {h.openHypotheses.length > 0 && (
          <>
            <h3>Open hypotheses</h3>
            <ul>
              {h.openHypotheses.map((statement) => (
                <li key={statement}>{statement}</li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

function ImportedTrail() {
  const trail = usePeel((s) => s.importedTrail);
  const load = usePeel((s) => s.loadImportedTrail);
  return (
    <details
      className="imported-trail"
      onToggle={(event) => {
        if ((event.target as HTMLDetailsElement).open && trail.length === 0) void load();
      }}
    >
      <summary>The trail as it arrived</summary>
      <ol className="imported-trail-list" reversed>
        {trail.map((event) => (
          <li key={event.seq}>
            <span className="muted">
              #{event.seq} {formatUtc(event.at)} {event.actor}
            </span>{' '}
            {describeAuditEvent(event)}
          </li>
        ))}
      </ol>
    </details>
  );
}

export function ExchangeBanner() {
  const exchange = usePeel((s) => s.exchange);
  const continueImported = usePeel((s) => s.continueImported);
  const navigate = usePeel((s) => s.navigate);
  if (!exchange) return null;
  if (exchange.imported) {
    const info = exchange.imported;
    return (
      <section className="card exchange-banner imported" aria-labelledby="imported-title">
        <header className="exchange-banner-header">
          <div>
            <h2 id="imported-title" className="card-title">
              Hand-over from {info.exportedBy} · read-only
            </h2>
            <p className="muted">
              Exported {formatUtc(info.exportedAt)} from Peel {info.exportedFrom.version} (
              {info.exportedFrom.database}) · imported {formatUtc(info.importedAt)} by {info.importedBy} ·{' '}
              {info.eventCount} {info.eventCount === 1 ? 'event' : 'events'}, chain head #{info.head.count}{' '}
              <code title={info.head.hash}>{short(info.head.hash)}</code> ·{' '}
              {info.exportRecorded
                ? `who exported it and when are recorded in its chain (event #${info.exportRecorded.seq})`
                : 'written by the command line: who exported it is what the file says, not recorded in its chain'}
            </p>
            <p className={info.chain.ok ? 'chain-ok' : 'chain-bad'} role="status">
              {info.chain.ok ? '✓ ' : '✗ '}
              {info.chain.message}
            </p>
          </div>
          <button type="button" className="button primary" onClick={() => void continueImported()}>
            Continue in a new branch
          </button>
        </header>
        <Handover info={info} />
        {info.branches.length > 0 && (
          <p className="muted">
            Continued in:{' '}
            {info.branches.map((branch) => (
              <button
                key={branch.investigationId}
                type="button"
                className="link-button"
                onClick={() => navigate({ name: 'investigation', id: branch.investigationId })}
              >
                {branch.title}
              </button>
            ))}
          </p>
        )}
        <ImportedTrail />
      </section>
    );
  }
  if (exchange.branch) {
    const branch = exchange.branch;
    return (
      <section className="card exchange-banner branch" aria-label="Branch of an imported investigation">
        <p>
          Continues{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => navigate({ name: 'investigation', id: branch.importedInvestigationId })}
          >
            {branch.importedTitle}
          </button>{' '}
          (imported from {branch.exportedBy}), from its chain head #{branch.importedHead.count} (
          <code title={branch.importedHead.hash}>{short(branch.importedHead.hash)}</code>). Its experiments
          are here as parents to derive from.
        </p>
      </section>
    );
  }
  return null;
}
