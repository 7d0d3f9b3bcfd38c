import { describe, expect, it } from 'vitest';
import { parseCpuMs, readCpuMs } from './process-cpu';

const STAT =
  '4242 (node (peel) x) S 1 4242 4242 0 -1 4194560 18211 0 0 0 345 67 0 0 20 0 11 0 12345 1234567 8910 18446744073709551615';

describe('parseCpuMs', () => {
  it('adds user and system ticks, reading fields after the last parenthesis of the command', () => {
    expect(parseCpuMs(STAT, '/proc/4242/stat')).toBe((345 + 67) * 10);
  });

  it('says where a text without a command field came from', () => {
    expect(() => parseCpuMs('4242 S 1', '/proc/4242/stat')).toThrow(/\/proc\/4242\/stat: no '\(command\)'/);
  });

  it('rejects tick counts that are not numbers', () => {
    expect(() => parseCpuMs('1 (x) S 1 1 1 0 -1 0 0 0 0 0 ab 3', 'here')).toThrow(/here: utime 'ab'/);
  });

  it.runIf(process.platform === 'linux')('reads this process, and the figure grows as it works', () => {
    const before = readCpuMs(process.pid);
    let after = before;
    let x = 0;
    const giveUp = Date.now() + 5000;
    while (after === before && Date.now() < giveUp) {
      for (let i = 0; i < 100_000; i++) x += Math.sqrt(x + i);
      after = readCpuMs(process.pid);
    }
    expect(x).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(before);
  });
});
