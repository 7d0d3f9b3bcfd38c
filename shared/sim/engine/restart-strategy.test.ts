import { describe, expect, it } from 'vitest';
import { createFlinkConfig } from '../config/flink-config';
import { Prng } from '../random/prng';
import { restartStrategyFromConfig } from './restart-strategy';

const strategy = (entries: Record<string, string>) =>
  restartStrategyFromConfig(createFlinkConfig(entries), new Prng(1));

describe('restartStrategyFromConfig', () => {
  it('defaults to exponential-delay with checkpointing on and to none without', () => {
    expect(strategy({ 'execution.checkpointing.interval': '1 min' }).description).toMatch(
      /^exponential-delay/,
    );
    expect(strategy({}).onFailure(10)).toBeNull();
  });

  it('fixed-delay restarts `attempts` times (2.x default 1) after its delay, then gives up', () => {
    const fixed = strategy({
      'restart-strategy.type': 'fixed-delay',
      'restart-strategy.fixed-delay.delay': '10 s',
    });
    expect(fixed.onFailure(0)).toBe(10);
    expect(fixed.onFailure(100)).toBeNull();
    const three = strategy({
      'restart-strategy': 'fixeddelay',
      'restart-strategy.fixed-delay.attempts': '3',
    });
    expect([three.onFailure(0), three.onFailure(5), three.onFailure(9), three.onFailure(20)]).toEqual([
      1,
      1,
      1,
      null,
    ]);
  });

  it('failure-rate fails the job when one interval holds more failures than allowed', () => {
    const rate = strategy({
      'restart-strategy.type': 'failure-rate',
      'restart-strategy.failure-rate.max-failures-per-interval': '2',
    });
    expect(rate.onFailure(0)).toBe(1);
    expect(rate.onFailure(30)).toBe(1);
    expect(rate.onFailure(100)).toBe(1);
    expect(rate.onFailure(120)).toBe(1);
    expect(rate.onFailure(130)).toBeNull();
  });

  it('exponential-delay grows by the multiplier up to the max, merges failures and resets after a quiet hour', () => {
    const exp = strategy({
      'restart-strategy.type': 'exponential-delay',
      'restart-strategy.exponential-delay.jitter-factor': '0',
    });
    const delays: number[] = [];
    let t = 0;
    for (let i = 0; i < 14; i++) {
      const d = exp.onFailure(t) as number;
      delays.push(d);
      t += d + 1;
    }
    expect(delays[0]).toBe(1);
    expect(delays[1]).toBeCloseTo(1.5);
    expect(delays[2]).toBeCloseTo(2.25);
    expect(delays[13]).toBe(60);
    // A failure during the pending restart is merged: it waits for the same restart.
    const pending = exp.onFailure(t) as number;
    expect(exp.onFailure(t + 10)).toBeCloseTo(pending - 10);
    expect(exp.onFailure(t + 4000)).toBe(1);
  });

  it('keeps jittered delays within [initial, max]', () => {
    const exp = strategy({
      'restart-strategy.type': 'exponential-delay',
      'restart-strategy.exponential-delay.jitter-factor': '0.5',
    });
    let t = 0;
    for (let i = 0; i < 30; i++) {
      const d = exp.onFailure(t) as number;
      expect(d).toBeGreaterThanOrEqual(1);
      expect(d).toBeLessThanOrEqual(60);
      t += d + 1;
    }
  });

  it('rejects an unknown strategy naming the key', () => {
    expect(() => strategy({ 'restart-strategy.type': 'sometimes' })).toThrow(
      /Unknown restart strategy 'sometimes'/,
    );
  });
});
