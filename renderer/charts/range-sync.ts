// Linked zoom between charts and heat maps that share a sync key: whoever changes its window publishes it, the
// others follow; the cursor's time is shared the same way so the heat map shows where the charts are pointing.
import type { TimeRange } from '../../shared/report/chart/chart-series';

export type SyncMessage =
  | { type: 'range'; range: TimeRange; source: string }
  | { type: 'cursor'; t: number | null; source: string };

type Listener = (message: SyncMessage) => void;

export interface SyncBus {
  subscribe(key: string, listener: Listener): () => void;
  publish(key: string, message: SyncMessage): void;
  /** The window last published under the key, so a chart mounted later starts linked. */
  lastRange(key: string): TimeRange | undefined;
}

export function createSyncBus(): SyncBus {
  const listeners = new Map<string, Set<Listener>>();
  const ranges = new Map<string, TimeRange>();
  return {
    subscribe(key, listener) {
      let set = listeners.get(key);
      if (!set) {
        set = new Set();
        listeners.set(key, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) {
          listeners.delete(key);
          ranges.delete(key);
        }
      };
    },
    publish(key, message) {
      if (message.type === 'range') ranges.set(key, message.range);
      for (const listener of [...(listeners.get(key) ?? [])]) listener(message);
    },
    lastRange(key) {
      return ranges.get(key);
    },
  };
}

/** The page's one bus: charts on a screen link by key without the slice relaying every pointer move. */
export const graphSync: SyncBus = createSyncBus();

let nextId = 0;
/** A unique source id per chart instance, so a chart ignores its own messages. */
export function newSyncSource(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
