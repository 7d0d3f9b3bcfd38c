// @vitest-environment jsdom
// The run panel comes into view by itself: for a run the user started, even when the news that it finished arrives
// before the lab lists it (its panel first shows already completed) — the race that once left a verdict off screen.
import { useRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunSummary } from '../../../shared/contract/lab-entities';
import { usePeel } from '../../state/store';
import { type Rendered, render } from '../topology/render-in-jsdom';
import { useResultIntoView } from './use-result-into-view';

/** The hook reads only a run's id and status. */
const run = (id: string, status: RunSummary['status']) => ({ id, status }) as RunSummary;

function Panel({ shown }: { shown: RunSummary }) {
  const ref = useRef<HTMLElement>(null);
  useResultIntoView(shown, ref);
  return <section ref={ref}>{shown.id}</section>;
}

let view: Rendered | undefined;
const scrolled = vi.fn();
beforeEach(() => {
  scrolled.mockClear();
  HTMLElement.prototype.scrollIntoView = scrolled;
  window.matchMedia = ((query: string) => ({ matches: false, media: query })) as typeof window.matchMedia;
  usePeel.setState({ revealRunId: null });
});
afterEach(() => view?.unmount());

describe('useResultIntoView', () => {
  it('leaves the scroll alone when the lab opens on a finished run', () => {
    view = render(<Panel shown={run('r1', 'completed')} />);
    expect(scrolled).not.toHaveBeenCalled();
  });

  it('brings a started run into view when its panel first shows already finished, once', () => {
    usePeel.setState({ revealRunId: 'r2' });
    view = render(<Panel shown={run('r2', 'completed')} />);
    expect(scrolled).toHaveBeenCalledTimes(1);
    expect(usePeel.getState().revealRunId).toBeNull();
    view.rerender(<Panel shown={run('r2', 'completed')} />);
    expect(scrolled).toHaveBeenCalledTimes(1);
  });

  it('brings a started run into view while it runs and again when its result lands', () => {
    usePeel.setState({ revealRunId: 'r3' });
    view = render(<Panel shown={run('r3', 'running')} />);
    expect(scrolled).toHaveBeenCalledTimes(1);
    expect(usePeel.getState().revealRunId).toBe('r3');
    view.rerender(<Panel shown={run('r3', 'completed')} />);
    expect(scrolled).toHaveBeenCalledTimes(2);
    expect(usePeel.getState().revealRunId).toBeNull();
  });

  it('follows another run selected under the panel, and a run on screen that finishes', () => {
    view = render(<Panel shown={run('r4', 'completed')} />);
    view.rerender(<Panel shown={run('r5', 'running')} />);
    expect(scrolled).toHaveBeenCalledTimes(1);
    view.rerender(<Panel shown={run('r5', 'failed')} />);
    expect(scrolled).toHaveBeenCalledTimes(2);
    expect(scrolled).toHaveBeenLastCalledWith({ block: 'start', behavior: 'smooth' });
  });
});
