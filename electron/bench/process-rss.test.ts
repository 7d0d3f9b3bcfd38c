import { describe, expect, it } from 'vitest';
import { parseVmRssBytes, readResidentBytes } from './process-rss';

const STATUS = [
  'Name:\tnode',
  'State:\tS (sleeping)',
  'VmPeak:\t 1234560 kB',
  'VmHWM:\t  210000 kB',
  'VmRSS:\t  183452 kB',
  'RssAnon:\t  150000 kB',
  'Threads:\t11',
].join('\n');

describe('parseVmRssBytes', () => {
  it('reads the VmRSS line in KiB as bytes, not VmHWM or RssAnon', () => {
    expect(parseVmRssBytes(STATUS, '/proc/1/status')).toBe(183452 * 1024);
  });

  it('says where when the VmRSS line is missing', () => {
    expect(() => parseVmRssBytes('Name:\tkthreadd\nState:\tS\n', '/proc/2/status')).toThrow(
      /\/proc\/2\/status: no VmRSS line/,
    );
  });

  it('refuses a VmRSS line in another unit', () => {
    expect(() => parseVmRssBytes('VmRSS:\t 12 MB\n', 'status')).toThrow(
      /status: VmRSS line 'VmRSS:\s+12 MB'/,
    );
  });
});

describe('readResidentBytes', () => {
  it.runIf(process.platform === 'linux')('reads this process: a positive figure near its own rss', () => {
    const bytes = readResidentBytes(process.pid);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes % 1024).toBe(0);
  });
});
