// Brings a run's panel into view when its result changes under the user, so a verdict and graph are never left two
// screens below.
import { type RefObject, useEffect, useRef } from 'react';
import type { RunSummary } from '../../../shared/contract/lab-entities';
import { usePeel } from '../../state/store';

/**
 * Scrolls the panel to the top of the view when another run is selected under it (a chip clicked), when the run on
 * screen finishes, and, for the run the user just started, when it first shows and when its result lands, whatever
 * order the news came in (it can finish before the lab lists it, so its panel first shows already completed).
 * Opening the lab leaves the scroll where it is.
 */
export function useResultIntoView(run: RunSummary, ref: RefObject<HTMLElement | null>): void {
  const revealRunId = usePeel((s) => s.revealRunId);
  const revealedRun = usePeel((s) => s.revealedRun);
  const seen = useRef<{ id: string; status: RunSummary['status'] } | null>(null);
  useEffect(() => {
    const before = seen.current;
    seen.current = { id: run.id, status: run.status };
    const requested = revealRunId === run.id;
    const otherRun = before !== null && before.id !== run.id;
    const finished = before?.id === run.id && before.status === 'running' && run.status !== 'running';
    const requestedNews = requested && (before?.id !== run.id || before.status !== run.status);
    if (otherRun || finished || requestedNews) {
      const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      ref.current?.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
    }
    if (requested && run.status !== 'running') revealedRun(run.id);
  }, [run.id, run.status, revealRunId, revealedRun, ref]);
}
