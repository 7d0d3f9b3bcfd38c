// Flink's restart strategies with their 2.x keys and defaults (reference/flink-memory.md section e): when a
// failure may be followed by a restart, and after how long.
import {
  type FlinkConfig,
  FlinkConfigError,
  getDuration,
  getFloat,
  getInt,
  getString,
  hasConfigKey,
} from '../config/flink-config';
import type { Prng } from '../random/prng';

export interface RestartStrategy {
  /** One line for the plan, e.g. "exponential-delay: 1 s .. 60 s, x1.5, jitter 0.1, reset after 3600 s". */
  readonly description: string;
  /**
   * A failure at `nowSec`. Returns the delay in seconds before the restart, or null when the strategy gives up
   * and the job fails. `merged` failures (exponential-delay: during a pending restart) return the pending delay.
   */
  onFailure(nowSec: number): number | null;
}

const KEY = 'restart-strategy.type';

function none(): RestartStrategy {
  return { description: 'none: the first failure fails the job', onFailure: () => null };
}

function fixedDelay(config: FlinkConfig): RestartStrategy {
  const attempts = getInt(config, 'restart-strategy.fixed-delay.attempts', 1);
  const delaySec = getDuration(config, 'restart-strategy.fixed-delay.delay', 1000) / 1000;
  let used = 0;
  return {
    description: `fixed-delay: ${attempts} attempt(s), ${delaySec} s apart`,
    onFailure: () => (used++ < attempts ? delaySec : null),
  };
}

function failureRate(config: FlinkConfig): RestartStrategy {
  const max = getInt(config, 'restart-strategy.failure-rate.max-failures-per-interval', 1);
  const intervalSec =
    getDuration(config, 'restart-strategy.failure-rate.failure-rate-interval', 60_000) / 1000;
  const delaySec = getDuration(config, 'restart-strategy.failure-rate.delay', 1000) / 1000;
  const failures: number[] = [];
  return {
    description: `failure-rate: at most ${max} failure(s) per ${intervalSec} s, ${delaySec} s delay`,
    onFailure: (nowSec) => {
      failures.push(nowSec);
      while (failures.length > 0 && (failures[0] as number) < nowSec - intervalSec) failures.shift();
      return failures.length > max ? null : delaySec;
    },
  };
}

// ExponentialDelayRestartBackoffTimeStrategy: failures while a restart is pending merge into it; a quiet spell
// longer than the reset threshold starts the backoff over; jitter spreads restarts of many jobs.
function exponentialDelay(config: FlinkConfig, rng: Prng): RestartStrategy {
  const prefix = 'restart-strategy.exponential-delay.';
  const initial = getDuration(config, `${prefix}initial-backoff`, 1000) / 1000;
  const max = getDuration(config, `${prefix}max-backoff`, 60_000) / 1000;
  const multiplier = getFloat(config, `${prefix}backoff-multiplier`, 1.5);
  const reset = getDuration(config, `${prefix}reset-backoff-threshold`, 3_600_000) / 1000;
  const jitter = getFloat(config, `${prefix}jitter-factor`, 0.1);
  const attempts = getInt(config, `${prefix}attempts-before-reset-backoff`, 2147483647);
  let backoff = initial;
  let attempt = 0;
  let nextRestart = Number.NEGATIVE_INFINITY;
  let lastFailure = Number.NEGATIVE_INFINITY;
  return {
    description: `exponential-delay: ${initial} s .. ${max} s, x${multiplier}, jitter ${jitter}, reset after ${reset} s`,
    onFailure: (nowSec) => {
      if (nowSec < nextRestart) return nextRestart - nowSec;
      if (nowSec - lastFailure >= reset) {
        attempt = 0;
        backoff = initial;
      } else if (attempt > 0) {
        backoff = Math.min(backoff * multiplier, max);
      }
      lastFailure = nowSec;
      attempt++;
      if (attempt > attempts) return null;
      const spread = backoff * jitter * (2 * rng.next() - 1);
      const delay = Math.min(max, Math.max(initial, backoff + spread));
      nextRestart = nowSec + delay;
      return delay;
    },
  };
}

/**
 * The job's strategy from `restart-strategy.type` (or its old key `restart-strategy`); unset means
 * exponential-delay when checkpointing is on and none otherwise (Flink 1.19+).
 */
export function restartStrategyFromConfig(config: FlinkConfig, rng: Prng): RestartStrategy {
  const checkpointing = hasConfigKey(config, 'execution.checkpointing.interval');
  const type = (getString(config, KEY) ?? (checkpointing ? 'exponential-delay' : 'none'))
    .trim()
    .toLowerCase();
  switch (type) {
    case 'none':
    case 'off':
    case 'disable':
      return none();
    case 'fixed-delay':
    case 'fixeddelay':
      return fixedDelay(config);
    case 'failure-rate':
    case 'failurerate':
      return failureRate(config);
    case 'exponential-delay':
    case 'exponentialdelay':
      return exponentialDelay(config, rng);
    default:
      throw new FlinkConfigError(
        `Unknown restart strategy '${type}': expected none, fixed-delay, failure-rate or exponential-delay.`,
        { keys: [KEY] },
      );
  }
}
