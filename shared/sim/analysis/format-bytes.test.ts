import { describe, expect, it } from 'vitest';
import { formatBytes, formatSignedBytes } from './format-bytes';

describe('formatBytes', () => {
  it('prints binary units with at most three significant digits', () => {
    expect(formatBytes(212 * 2 ** 20)).toBe('212 MiB');
    expect(formatBytes(1.5 * 2 ** 30)).toBe('1.5 GiB');
    expect(formatBytes(255.5 * 2 ** 20)).toBe('256 MiB');
    expect(formatBytes(98.5 * 2 ** 20)).toBe('98.5 MiB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(32 * 1024)).toBe('32 KiB');
    expect(formatBytes(100 * 2 ** 20)).toBe('100 MiB');
  });

  it('moves up a unit rather than print four digits', () => {
    expect(formatBytes(1023.7 * 1024)).toBe('1 MiB');
    expect(formatBytes(1000)).toBe('0.98 KiB');
  });

  it('keeps the sign and says n/a for NaN', () => {
    expect(formatBytes(-18 * 2 ** 20)).toBe('-18 MiB');
    expect(formatBytes(Number.NaN)).toBe('n/a');
    expect(formatSignedBytes(32 * 2 ** 20)).toBe('+32 MiB');
    expect(formatSignedBytes(-32 * 2 ** 20)).toBe('-32 MiB');
    expect(formatSignedBytes(0)).toBe('0 B');
  });
});
