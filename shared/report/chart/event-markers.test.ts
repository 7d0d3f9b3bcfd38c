import { describe, expect, it } from 'vitest';
import type { ChartEvent } from './chart-series';
import { eventStyle, orderKinds } from './event-kinds';
import { eventsNear, eventTimes, kindsWithLines, markerEvents, placeMarkers } from './event-markers';

const oom = (t: number, taskManager: string, groupId?: string): ChartEvent => ({
  t,
  kind: 'oom',
  taskManager,
  message: 'java.lang.OutOfMemoryError: Cannot reserve 134217728 bytes of direct buffer memory',
  groupId,
});

describe('markerEvents', () => {
  it('keeps the kinds that explain a memory graph and sorts them by time', () => {
    const events: ChartEvent[] = [
      { t: 300, kind: 'restart', message: 'Restarting region 1' },
      { t: 62, kind: 'checkpoint-completed', message: 'Completed checkpoint 1' },
      oom(120, 'tm-1'),
      { t: 119, kind: 'task-failure', message: 'FAILED' },
      { t: 100, kind: 'container-shutdown', taskManager: 'tm-2', message: 'SIGTERM' },
    ];
    expect(markerEvents(events).map((e) => e.kind)).toEqual(['container-shutdown', 'oom', 'restart']);
  });
});

describe('placeMarkers', () => {
  const x = (t: number) => t / 10; // 10 s per pixel

  it('merges events of one kind in the same pixel column into one marker with a count', () => {
    const sorted = markerEvents([oom(1000, 'tm-1'), oom(1002, 'tm-2'), oom(1004, 'tm-3'), oom(2000, 'tm-1')]);
    const placed = placeMarkers(sorted, 0, 3000, x, () => 0);
    expect(placed).toEqual([
      { x: 100, lane: 0, kind: 'oom', count: 3 },
      { x: 200, lane: 0, kind: 'oom', count: 1 },
    ]);
  });

  it('merges each event with the latest marker of its own lane and kind, with kinds and lanes interleaved', () => {
    const restart = (t: number, groupId: string): ChartEvent => ({
      t,
      kind: 'restart',
      message: 'Restarting',
      groupId,
    });
    const sorted = markerEvents([
      oom(1000, 'tm-1', 'a'),
      restart(1001, 'a'),
      oom(1002, 'tm-2', 'b'),
      oom(1003, 'tm-3', 'a'),
      restart(1004, 'b'),
      restart(1004.5, 'a'),
      oom(1011, 'tm-1', 'a'),
    ]);
    const placed = placeMarkers(
      sorted,
      0,
      3000,
      x,
      (e) => (e.groupId === 'b' ? 1 : 0),
      eventTimes(sorted),
      true,
    );
    expect(placed.map((m) => [m.x, m.lane, m.kind, m.count, m.events?.map((e) => e.t)])).toEqual([
      [100, 0, 'oom', 2, [1000, 1003]],
      [100, 0, 'restart', 2, [1001, 1004.5]],
      [100, 1, 'oom', 1, [1002]],
      [100, 1, 'restart', 1, [1004]],
      [101, 0, 'oom', 1, [1011]],
    ]);
  });

  it('puts each run in its own lane and drops events outside the window', () => {
    const sorted = markerEvents([oom(1000, 'tm-1', 'a'), oom(1000, 'tm-1', 'b'), oom(5000, 'tm-1', 'a')]);
    const placed = placeMarkers(sorted, 0, 3000, x, (e) => (e.groupId === 'b' ? 1 : 0));
    expect(placed.map((m) => [m.x, m.lane])).toEqual([
      [100, 0],
      [100, 1],
    ]);
  });
});

describe('eventsNear', () => {
  it('lists the events within the tolerance, nearest first, up to a limit', () => {
    const sorted = markerEvents([oom(100, 'tm-1'), oom(130, 'tm-2'), oom(160, 'tm-3'), oom(400, 'tm-4')]);
    const times = eventTimes(sorted);
    expect(eventsNear(sorted, times, 135, 40).map((e) => e.taskManager)).toEqual(['tm-2', 'tm-3', 'tm-1']);
    expect(eventsNear(sorted, times, 135, 30, 1)).toHaveLength(1);
    expect(eventsNear(sorted, times, 1000, 30)).toEqual([]);
  });
});

describe('event kinds', () => {
  it('names unknown kinds in words and gives them no marker', () => {
    expect(eventStyle('savepoint-taken')).toEqual({
      label: 'savepoint taken',
      tone: 'muted',
      marker: false,
      line: false,
    });
    expect(orderKinds(['restart', 'zzz', 'oom', 'restart'])).toEqual(['oom', 'restart', 'zzz']);
  });
});

describe('kindsWithLines', () => {
  it('drops the lines of a kind that floods the view but keeps the rare kinds', () => {
    const storm = Array.from({ length: 200 }, (_, i) => oom(i * 10, 'tm-1'));
    const shutdowns: ChartEvent[] = [1000, 2000].map((t) => ({
      t,
      kind: 'container-shutdown',
      message: 'SIGTERM',
    }));
    const restarts: ChartEvent[] = [1015].map((t) => ({ t, kind: 'restart', message: 'Restarting' }));
    const placed = placeMarkers(
      markerEvents([...storm, ...shutdowns, ...restarts]),
      0,
      3000,
      (t) => t,
      () => 0,
    );
    expect([...kindsWithLines(placed)]).toEqual(['container-shutdown']);
  });
});
