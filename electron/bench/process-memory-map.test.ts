import { describe, expect, it } from 'vitest';
import { memoryMapFromSmaps, rssPartsFromStatus } from './process-memory-map';

/** One smaps entry: its header line and the Rss line (other fields, as the kernel writes them, in between). */
const mapping = (range: string, perms: string, path: string, rssKiB: number) =>
  [
    `${range} ${perms} 00000000 00:00 0${path ? `          ${path}` : ''}`,
    'Size:               1024 kB',
    `Rss:                ${rssKiB} kB`,
    'Pss:                 100 kB',
    'VmFlags: rd wr mr mw me ac',
  ].join('\n');

const SMAPS = [
  mapping('55d4c0000000-55d4c0400000', 'r-xp', '/usr/bin/node', 30_000),
  mapping('55d4c2000000-55d4c3000000', 'rw-p', '[heap]', 12_000),
  // A thread arena: 64 MiB aligned, its used part then the reserved rest, 64 MiB in all.
  mapping('7f0a04000000-7f0a04800000', 'rw-p', '', 6_000),
  mapping('7f0a04800000-7f0a08000000', '---p', '', 0),
  // 64 MiB aligned but not an arena's shape (8 MiB, then a gap).
  mapping('7f0a0c000000-7f0a0c800000', 'rw-p', '', 500),
  mapping('7f0a10000000-7f0a10040000', 'rw-p', '', 256),
  mapping('7f0a10040000-7f0a10080000', 'rw-p', '', 128),
  mapping('7f0a10080000-7f0a100c0000', 'rwxp', '', 200),
  mapping('7f0a20000000-7f0a20010000', 'rw-s', '/data/peel.sqlite-shm', 32),
  mapping('7f0a20010000-7f0a20020000', 'r--p', '/data/peel.db', 8),
  mapping('7f0a30000000-7f0a30100000', 'r-xp', '/usr/lib/libc.so.6', 1_500),
  mapping('7f0a30100000-7f0a30110000', 'r--p', '/usr/share/locale/en.mo', 16),
  mapping('7ffd00000000-7ffd00021000', 'rw-p', '[stack]', 132),
  mapping('7ffd00030000-7ffd00032000', 'r--p', '[vvar]', 0),
].join('\n');

describe('memoryMapFromSmaps', () => {
  it('sums resident memory by what each mapping is', () => {
    const kib = 1024;
    expect(memoryMapFromSmaps(SMAPS, 'smaps')).toEqual({
      mallocMainArena: 12_000 * kib,
      mallocThreadArenas: 6_000 * kib,
      v8HeapPages: (256 + 128) * kib,
      jitCode: 200 * kib,
      otherAnonymous: 500 * kib,
      stacks: 132 * kib,
      sqliteFiles: (32 + 8) * kib,
      code: (30_000 + 1_500) * kib,
      otherFiles: 16 * kib,
    });
  });

  it('refuses a text that is not smaps, saying where', () => {
    expect(() => memoryMapFromSmaps('', '/proc/1/smaps')).toThrow('/proc/1/smaps: no mappings');
    expect(() =>
      memoryMapFromSmaps(`${mapping('1000-2000', 'rw-p', '', 4)}\nRss: lots`, '/proc/1/smaps'),
    ).toThrow("/proc/1/smaps, line 6: 'Rss: lots' is not an Rss line of a mapping");
  });
});

describe('rssPartsFromStatus', () => {
  it('reads the anonymous, file and shared parts of the resident memory', () => {
    const status =
      'Name:\tnode\nVmRSS:\t  300 kB\nRssAnon:\t  200 kB\nRssFile:\t   90 kB\nRssShmem:\t   10 kB\n';
    expect(rssPartsFromStatus(status, 'status')).toEqual({
      anonBytes: 200 * 1024,
      fileBytes: 90 * 1024,
      shmemBytes: 10 * 1024,
    });
    expect(() => rssPartsFromStatus('VmRSS: 1 kB\n', '/proc/9/status')).toThrow(
      "/proc/9/status: no 'RssAnon: <number> kB' line",
    );
  });
});
