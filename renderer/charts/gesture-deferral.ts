// Work that follows the cursor but need not keep up with a zoom or a pan. During a wheel zoom or a pan the time under
// a still pointer changes every frame, so the hover layer (32 legend values, the dots, the tooltip) would be rewritten
// every frame, and each rewrite costs a style and layout pass over the page on top of the chart's own draw. While
// a gesture goes on the work is held back, and done once, when the gesture has paused for `quietMs`.

export interface DeferralClock {
  now(): number;
  setTimeout(run: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

const browserClock: DeferralClock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (id) => window.clearTimeout(id),
};

export class GestureDeferral {
  private quietAt = Number.NEGATIVE_INFINITY;
  private timer = 0;
  private pending = false;

  constructor(
    private readonly quietMs: number,
    private readonly run: () => void,
    private readonly clock: DeferralClock = browserClock,
  ) {}

  /** A frame of a zoom or a pan: requests until `quietMs` after it wait. */
  gesture(): void {
    this.quietAt = this.clock.now() + this.quietMs;
  }

  /** Runs the work now, or, during a gesture, once the gesture has paused (several requests run it once). */
  request(): void {
    if (this.clock.now() >= this.quietAt) {
      this.cancel();
      this.run();
      return;
    }
    this.pending = true;
    if (!this.timer) this.arm();
  }

  /** Forgets a request not yet run (the chart is going away). */
  cancel(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = 0;
    this.pending = false;
  }

  private arm(): void {
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = 0;
        if (!this.pending) return;
        // Another frame of the gesture came meanwhile: wait for it to pause.
        if (this.clock.now() < this.quietAt) {
          this.arm();
          return;
        }
        this.pending = false;
        this.run();
      },
      Math.max(0, this.quietAt - this.clock.now()),
    );
  }
}
