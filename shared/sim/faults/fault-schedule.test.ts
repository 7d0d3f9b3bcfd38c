import { describe, expect, it } from 'vitest';
import { FaultSchedule } from './fault-schedule';

describe('FaultSchedule', () => {
  it('lays pauses and spikes out per second, the slowest sink and largest payload winning', () => {
    const schedule = new FaultSchedule(
      {
        failContainers: [
          { atSec: 30, count: 2 },
          { atSec: 30, names: ['tm-1'] },
        ],
        pauseSink: [
          { fromSec: 10, toSec: 20, slowdown: 0.5 },
          { fromSec: 15, toSec: 25, slowdown: 0 },
        ],
        payloadSpikes: [{ fromSec: 40, toSec: 45, factor: 4 }],
      },
      60,
    );
    expect(schedule.sinkSpeed[9]).toBe(1);
    expect(schedule.sinkSpeed[12]).toBe(0.5);
    expect(schedule.sinkSpeed[17]).toBe(0);
    expect(schedule.sinkSpeed[25]).toBe(1);
    expect(schedule.payloadFactor[44]).toBe(4);
    expect(schedule.payloadFactor[45]).toBe(1);
    expect(schedule.shutdownsAt(30)).toHaveLength(2);
    expect(schedule.shutdownsAt(31)).toBeUndefined();
  });
});
