import { describe, expect, it } from 'vitest';
import type { ChartEvent } from '../../shared/report/chart/chart-series';
import { countKinds, filterEvents, indexAtTime } from './events-filter';

const events: ChartEvent[] = [
  { t: 0, kind: 'taskmanager-started', taskManager: 'tm-1', message: 'TaskManager started' },
  {
    t: 3600,
    kind: 'container-shutdown',
    taskManager: 'tm-3',
    container: 'container_e01_01_000004',
    message: 'SIGTERM',
  },
  { t: 3615, kind: 'restart', message: 'Restarting region 1 (attempt 1)' },
  {
    t: 8663,
    kind: 'oom',
    taskManager: 'tm-8',
    operator: 'currency-convert',
    message: 'java.lang.OutOfMemoryError: Cannot reserve',
  },
  {
    t: 9000,
    kind: 'oom',
    taskManager: 'tm-3',
    operator: 'currency-convert',
    message: 'java.lang.OutOfMemoryError: Cannot reserve',
  },
];

describe('countKinds', () => {
  it('counts each kind, the important ones first', () => {
    expect(countKinds(events)).toEqual([
      { kind: 'oom', count: 2 },
      { kind: 'container-shutdown', count: 1 },
      { kind: 'restart', count: 1 },
      { kind: 'taskmanager-started', count: 1 },
    ]);
  });
});

describe('filterEvents', () => {
  it('shows everything with no filter', () => {
    expect(filterEvents(events, { kinds: new Set(), text: '' })).toHaveLength(5);
  });

  it('keeps the chosen kinds', () => {
    expect(filterEvents(events, { kinds: new Set(['oom', 'restart']), text: '' }).map((e) => e.t)).toEqual([
      3615, 8663, 9000,
    ]);
  });

  it('matches every word of the text across TaskManager, operator, container and message', () => {
    expect(filterEvents(events, { kinds: new Set(), text: 'tm-3 outofmemory' }).map((e) => e.t)).toEqual([
      9000,
    ]);
    expect(filterEvents(events, { kinds: new Set(), text: '000004' }).map((e) => e.t)).toEqual([3600]);
  });
});

describe('indexAtTime', () => {
  it('finds the last event at or before a time', () => {
    expect(indexAtTime(events, 3610)).toBe(1);
    expect(indexAtTime(events, 3615)).toBe(2);
    expect(indexAtTime(events, -1)).toBe(-1);
  });
});
