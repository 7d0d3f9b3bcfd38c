// The command line's compact fault syntax, kept pure so the app can accept the same text:
// `2@1800` (two containers at 1800 s), `tm-3@30m`, `1@30m/30m` (one every 30 minutes from 30 minutes on),
// `600:900` or `10m:15m:0.1` (sink slowed to 10% from 10 to 15 minutes), `45m:1h:4` (payloads x4).
import type { FailContainersFault, PauseSinkFault, PayloadSpikeFault } from '../scenarios/scenario-types';

export class FaultSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultSyntaxError';
  }
}

const UNITS: Record<string, number> = { '': 1, s: 1, m: 60, min: 60, h: 3600 };

/** Seconds from `90`, `90s`, `30m`, `1.5h`. */
export function parseTimeSpec(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(s|m|min|h)?$/.exec(text.trim());
  if (!match) throw new FaultSyntaxError(`'${text}' is not a time (seconds, or a number with s, m or h)`);
  return Number(match[1]) * (UNITS[match[2] ?? ''] as number);
}

/** `N@T`, `NAME@T` or `N@T/EVERY` (repeated until `durationSec`), comma-separated. */
export function parseFailContainers(text: string, durationSec: number): FailContainersFault[] {
  const faults: FailContainersFault[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    const match = /^([^@]+)@([^/]+)(?:\/(.+))?$/.exec(part);
    if (!match) throw new FaultSyntaxError(`'${part}' is not N@SECONDS (e.g. 2@1800, tm-3@30m, 1@30m/30m)`);
    const who = (match[1] as string).trim();
    const atSec = parseTimeSpec(match[2] as string);
    const target: Omit<FailContainersFault, 'atSec'> = /^\d+$/.test(who)
      ? { count: Number(who) }
      : /^tm-\d+$/.test(who)
        ? { names: [who] }
        : (() => {
            throw new FaultSyntaxError(
              `'${who}' is neither a number of containers nor a TaskManager id (tm-N)`,
            );
          })();
    if (target.count === 0)
      throw new FaultSyntaxError(`'${part}': the number of containers must be at least 1`);
    if (match[3] === undefined) {
      faults.push({ atSec, ...target });
      continue;
    }
    const every = parseTimeSpec(match[3]);
    if (every <= 0) throw new FaultSyntaxError(`'${part}': the repeat interval must be positive`);
    for (let t = atSec; t < durationSec; t += every) faults.push({ atSec: t, ...target });
  }
  return faults;
}

function interval(text: string, what: string): { fromSec: number; toSec: number; rest: string[] } {
  const [from, to, ...rest] = text.split(':');
  if (from === undefined || to === undefined) throw new FaultSyntaxError(`'${text}' is not FROM:TO${what}`);
  return { fromSec: parseTimeSpec(from), toSec: parseTimeSpec(to), rest };
}

/** `FROM:TO` (paused) or `FROM:TO:SLOWDOWN` (share of the sink's speed left, 0 <= s < 1). */
export function parsePauseSink(text: string): PauseSinkFault {
  const { fromSec, toSec, rest } = interval(text, '[:SLOWDOWN]');
  if (rest.length > 1) throw new FaultSyntaxError(`'${text}' is not FROM:TO[:SLOWDOWN]`);
  const slowdown = rest[0] === undefined ? 0 : Number(rest[0]);
  if (!Number.isFinite(slowdown))
    throw new FaultSyntaxError(`'${rest[0]}' is not a number (the sink's speed left)`);
  return { fromSec, toSec, slowdown };
}

/** `FROM:TO:FACTOR`. */
export function parsePayloadSpike(text: string): PayloadSpikeFault {
  const { fromSec, toSec, rest } = interval(text, ':FACTOR');
  const factor = Number(rest[0]);
  if (rest.length !== 1 || !Number.isFinite(factor))
    throw new FaultSyntaxError(`'${text}' is not FROM:TO:FACTOR`);
  return { fromSec, toSec, factor };
}
