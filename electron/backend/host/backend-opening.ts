// When a host that listens before its backend is open (see cli/start.ts) opens it. Loading the backend keeps the
// host's one thread busy for a while, so it waits until the given files (the page's document, server.ts) have gone
// out and none is still going: the browser then readies the page while the backend loads, instead of waiting for
// its files behind it.
import type { Backend } from '../backend';

export type BackendSource = Backend | Promise<Backend> | (() => Promise<Backend>);

export interface BackendOpening {
  /** The backend, once open. Asking is wanting it: an API request that asks has it opened as soon as may be. */
  backend(): Promise<Backend>;
  /** A file of the page starts going out; the function returned is called once it has gone (or was cut off). */
  sending(path: string): () => void;
}

/**
 * An opener (a function) is called once: when an API request asks for the backend or every file in `pageAssets`
 * has gone out, whichever is first, and then only once no file is still going out. A backend or a promise of one
 * is simply handed over.
 */
export function scheduleBackendOpening(source: BackendSource, pageAssets: readonly string[]): BackendOpening {
  if (typeof source !== 'function') {
    const ready = Promise.resolve(source);
    // As below: a failure is the starter's to report, and each request waiting answers with it.
    ready.catch(() => {});
    return { backend: () => ready, sending: () => () => {} };
  }
  let start!: () => void;
  const ready = new Promise<Backend>((resolve) => {
    start = () => resolve(source());
  });
  // A failed opening is the starter's to report (and end on); each request waiting for it answers with it too.
  ready.catch(() => {});
  const unsent = new Set(pageAssets);
  let wanted = false;
  let inFlight = 0;
  let started = false;
  const maybeStart = () => {
    if (started || !wanted || inFlight > 0) return;
    started = true;
    // After this turn, so whatever was just written goes out first.
    setImmediate(start);
  };
  return {
    backend() {
      wanted = true;
      maybeStart();
      return ready;
    },
    sending(path) {
      inFlight++;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        inFlight--;
        unsent.delete(path);
        if (unsent.size === 0) wanted = true;
        maybeStart();
      };
    },
  };
}
