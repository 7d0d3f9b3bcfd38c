import { describe, expect, it } from 'vitest';
import { createSyncBus, type SyncMessage } from './range-sync';

describe('sync bus', () => {
  it('delivers a range to every chart under the key, and only that key', () => {
    const bus = createSyncBus();
    const seenA: SyncMessage[] = [];
    const seenB: SyncMessage[] = [];
    bus.subscribe('lab', (m) => seenA.push(m));
    bus.subscribe('other', (m) => seenB.push(m));
    bus.publish('lab', { type: 'range', range: { fromSec: 10, toSec: 20 }, source: 'c1' });
    expect(seenA).toEqual([{ type: 'range', range: { fromSec: 10, toSec: 20 }, source: 'c1' }]);
    expect(seenB).toEqual([]);
  });

  it('remembers the last range for a chart that mounts later, until the last chart leaves', () => {
    const bus = createSyncBus();
    const off = bus.subscribe('lab', () => {});
    bus.publish('lab', { type: 'range', range: { fromSec: 5, toSec: 50 }, source: 'c1' });
    expect(bus.lastRange('lab')).toEqual({ fromSec: 5, toSec: 50 });
    off();
    expect(bus.lastRange('lab')).toBeUndefined();
  });

  it('lets a listener unsubscribe while a message is being delivered', () => {
    const bus = createSyncBus();
    const calls: string[] = [];
    const off = bus.subscribe('k', () => {
      calls.push('first');
      off();
    });
    bus.subscribe('k', () => calls.push('second'));
    bus.publish('k', { type: 'cursor', t: 1, source: 'x' });
    bus.publish('k', { type: 'cursor', t: 2, source: 'x' });
    expect(calls).toEqual(['first', 'second', 'second']);
  });
});
