// The user's injected faults laid out on the run's clock: container shutdowns by second, and the sink's speed
// and the RPC payload factor as one value per second, so the engine reads them without searching.
import type { FailContainersFault, FaultPlan } from '../scenarios/scenario-types';

export class FaultSchedule {
  /** Share of the sink's speed left, per second (1 = normal, 0 = paused). */
  readonly sinkSpeed: Float32Array;
  /** RPC payload size factor per second (1 = normal). */
  readonly payloadFactor: Float32Array;
  private readonly shutdowns = new Map<number, FailContainersFault[]>();
  /** 1 for the seconds with shutdowns: the engine asks every second, and a byte is cheaper than a map lookup. */
  private readonly shutdownSecond: Uint8Array;

  constructor(plan: FaultPlan, durationSec: number) {
    this.sinkSpeed = new Float32Array(durationSec).fill(1);
    this.payloadFactor = new Float32Array(durationSec).fill(1);
    this.shutdownSecond = new Uint8Array(durationSec);
    // Overlapping intervals: the slowest sink and the largest payloads win.
    for (const pause of plan.pauseSink) {
      for (let t = Math.ceil(pause.fromSec); t < Math.min(durationSec, pause.toSec); t++) {
        this.sinkSpeed[t] = Math.min(this.sinkSpeed[t] as number, pause.slowdown);
      }
    }
    for (const spike of plan.payloadSpikes) {
      for (let t = Math.ceil(spike.fromSec); t < Math.min(durationSec, spike.toSec); t++) {
        this.payloadFactor[t] = Math.max(this.payloadFactor[t] as number, spike.factor);
      }
    }
    for (const fault of plan.failContainers) {
      const t = Math.round(fault.atSec);
      const list = this.shutdowns.get(t) ?? [];
      list.push(fault);
      this.shutdowns.set(t, list);
      if (t >= 0 && t < durationSec) this.shutdownSecond[t] = 1;
    }
  }

  shutdownsAt(t: number): readonly FailContainersFault[] | undefined {
    if (t >= 0 && t < this.shutdownSecond.length && this.shutdownSecond[t] === 0) return undefined;
    return this.shutdowns.get(t);
  }
}
