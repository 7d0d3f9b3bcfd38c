// Large JSON columns kept small: a run's events are ~500 KB of JSON for a 6 h, parallelism 8 run (820 events that
// repeat the same long messages), which deflate to ~17 KB. The runs table is STRICT with TEXT columns, so the
// deflated bytes are stored as base64 text behind a marker no JSON text can start with; short text stays plain.
// The store packs on write and unpacks on read, so everything above it (and the detail hash) sees the same JSON.
import { deflateRawSync, inflateRawSync } from 'node:zlib';

const PACKED_MARKER = '~deflate-raw-base64:';
/** Below this, deflating saves too little to be worth the read cost. */
const PACK_FROM_CHARS = 4096;

export function packJsonText(text: string | null): string | null {
  if (text === null || text.length < PACK_FROM_CHARS) return text;
  return PACKED_MARKER + deflateRawSync(text, { level: 6 }).toString('base64');
}

/** The JSON text of a column written by `packJsonText` (or by an earlier Peel, which wrote it plain). */
export function unpackJsonText(stored: string | null, where: string): string | null {
  if (stored === null || !stored.startsWith(PACKED_MARKER)) return stored;
  try {
    return inflateRawSync(Buffer.from(stored.slice(PACKED_MARKER.length), 'base64')).toString('utf8');
  } catch (error) {
    throw new Error(
      `${where} is packed JSON that cannot be unpacked (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
