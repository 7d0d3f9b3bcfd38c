// Says where a process's resident memory is, from Linux's /proc/PID/smaps: each mapping's Rss summed by what the
// mapping is. A soak whose RSS grows needs this to tell Peel's own objects (V8's heap) from native memory (the
// allocator's arenas, SQLite's page cache, its -shm index, code) before anything is changed.
import { readFileSync } from 'node:fs';

/**
 * What a mapping is. glibc's malloc gives each thread that allocates (the main thread, each worker thread, SQLite
 * and libuv's threads) an arena: the main thread's grows the brk heap (`[heap]`), the others are 64 MiB-aligned
 * anonymous regions of 64 MiB (a read-write part and the reserved rest). V8 maps its heaps (the main thread's and
 * each worker's) in pages of 256 KiB, and its compiled code read-write-executable. Other anonymous memory is V8's
 * large objects, malloc's large (≥ 128 KiB) blocks, thread stacks and buffers.
 */
export type MappingKind =
  | 'mallocMainArena'
  | 'mallocThreadArenas'
  | 'v8HeapPages'
  | 'jitCode'
  | 'otherAnonymous'
  | 'stacks'
  | 'sqliteFiles'
  | 'code'
  | 'otherFiles';

export const MAPPING_KINDS: readonly MappingKind[] = [
  'mallocMainArena',
  'mallocThreadArenas',
  'v8HeapPages',
  'jitCode',
  'otherAnonymous',
  'stacks',
  'sqliteFiles',
  'code',
  'otherFiles',
];

export type MemoryMap = Record<MappingKind, number>;

interface Mapping {
  start: bigint;
  end: bigint;
  perms: string;
  path: string;
  rssBytes: number;
}

/** glibc's HEAP_MAX_SIZE on 64-bit: each thread arena is a region of this size, aligned to it. */
const ARENA_BYTES = 64n * 1024n * 1024n;
/** V8's regular heap page. */
const V8_PAGE_BYTES = 256n * 1024n;

const HEADER = /^([0-9a-f]+)-([0-9a-f]+)\s+(\S{4})\s+\S+\s+\S+\s+\d+\s*(.*)$/;

/** The mappings of a /proc/PID/smaps text; `where` names the source in errors. */
function parseSmaps(text: string, where: string): Mapping[] {
  const mappings: Mapping[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const header = HEADER.exec(line);
    if (header) {
      mappings.push({
        start: BigInt(`0x${header[1]}`),
        end: BigInt(`0x${header[2]}`),
        perms: header[3] as string,
        path: (header[4] ?? '').trim(),
        rssBytes: 0,
      });
      continue;
    }
    if (!line.startsWith('Rss:')) continue;
    const current = mappings.at(-1);
    const match = /^Rss:\s+(\d+)\s+kB\s*$/.exec(line);
    if (!current || !match)
      throw new Error(`${where}, line ${i + 1}: '${line.trim()}' is not an Rss line of a mapping`);
    current.rssBytes = Number(match[1]) * 1024;
  }
  return mappings;
}

/**
 * Marks the anonymous mappings that make up glibc thread arenas: a run of adjacent anonymous mappings starting on a
 * 64 MiB boundary and spanning exactly 64 MiB, its first part read-write (the arena's used part; the rest reserved).
 */
function threadArenaMappings(mappings: readonly Mapping[]): Set<Mapping> {
  const arenas = new Set<Mapping>();
  for (let i = 0; i < mappings.length; i++) {
    const first = mappings[i] as Mapping;
    if (first.path !== '' || first.start % ARENA_BYTES !== 0n || !first.perms.startsWith('rw')) continue;
    const run = [first];
    let end = first.end;
    for (let j = i + 1; j < mappings.length && end - first.start < ARENA_BYTES; j++) {
      const next = mappings[j] as Mapping;
      if (next.path !== '' || next.start !== end) break;
      run.push(next);
      end = next.end;
    }
    if (end - first.start === ARENA_BYTES) for (const mapping of run) arenas.add(mapping);
  }
  return arenas;
}

function kindOf(mapping: Mapping, arenas: Set<Mapping>): MappingKind {
  const { path } = mapping;
  if (path === '[heap]') return 'mallocMainArena';
  if (path.startsWith('[stack')) return 'stacks';
  if (path === '') {
    if (arenas.has(mapping)) return 'mallocThreadArenas';
    if (mapping.perms.includes('x')) return 'jitCode';
    if (mapping.perms.startsWith('rw') && mapping.end - mapping.start === V8_PAGE_BYTES) return 'v8HeapPages';
    return 'otherAnonymous';
  }
  if (/\.(db|sqlite)(-wal|-shm|-journal)?( \(deleted\))?$/.test(path)) return 'sqliteFiles';
  if (path.startsWith('[')) return 'otherAnonymous';
  if (mapping.perms.includes('x') || /\.so(\.|$)|\/node$|\.node$/.test(path)) return 'code';
  return 'otherFiles';
}

/** The resident bytes of a /proc/PID/smaps text, summed by what each mapping is. */
export function memoryMapFromSmaps(text: string, where: string): MemoryMap {
  const mappings = parseSmaps(text, where);
  if (mappings.length === 0) throw new Error(`${where}: no mappings (is it a /proc/PID/smaps text?)`);
  const arenas = threadArenaMappings(mappings);
  const map = Object.fromEntries(MAPPING_KINDS.map((kind) => [kind, 0])) as MemoryMap;
  for (const mapping of mappings) map[kindOf(mapping, arenas)] += mapping.rssBytes;
  return map;
}

/** RssAnon, RssFile and RssShmem of a /proc/PID/status text, in bytes. */
export function rssPartsFromStatus(
  text: string,
  where: string,
): { anonBytes: number; fileBytes: number; shmemBytes: number } {
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+)\\s+kB\\s*$`, 'm').exec(text);
    if (!match) throw new Error(`${where}: no '${name}: <number> kB' line`);
    return Number(match[1]) * 1024;
  };
  return { anonBytes: field('RssAnon'), fileBytes: field('RssFile'), shmemBytes: field('RssShmem') };
}

/** Where a running process's resident memory is (Linux only). */
export function readMemoryMap(pid: number): MemoryMap {
  const path = `/proc/${pid}/smaps`;
  return memoryMapFromSmaps(readFileSync(path, 'utf8'), path);
}

export function readRssParts(pid: number): ReturnType<typeof rssPartsFromStatus> {
  const path = `/proc/${pid}/status`;
  return rssPartsFromStatus(readFileSync(path, 'utf8'), path);
}
