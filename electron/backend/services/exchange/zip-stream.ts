// A ZIP written as it is read (stored entries, no compression): browser mode's Markdown download is its .md file
// and the graphs folder it links to, and the .md is streamed, so its size and checksum follow its data (general
// purpose flag bit 3, a data descriptor after each entry) and the central directory comes last. Names are UTF-8
// (bit 11); times are fixed at 1980-01-01 as in the page's own ZIP writer (renderer/api/zip-store.ts).
import { crc32 } from 'node:zlib';

export interface StreamedZipEntry {
  /** Path inside the archive, with forward slashes. */
  path: string;
  data: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;
}

const UTF8_NAMES = 0x0800;
const SIZES_AFTER_DATA = 0x0008;
const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const ZIP32_LIMIT = 0xffffffff;

/** Yields the ZIP's bytes: each entry's header, its data as it comes, its sizes; then the directory. */
export async function* zipStream(entries: Iterable<StreamedZipEntry>): AsyncGenerator<Uint8Array> {
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.path, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES | SIZES_AFTER_DATA, 6);
    local.writeUInt16LE(0, 8);
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt16LE(name.length, 26);
    const localAt = offset;
    yield Buffer.concat([local, name]);
    offset += 30 + name.length;
    let crc = 0;
    let size = 0;
    for await (const piece of entry.data) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      crc = crc32(bytes, crc);
      size += bytes.length;
      if (offset + size > ZIP32_LIMIT)
        throw new Error(`zip: ${entry.path} takes the archive past 4 GiB, which this writer cannot describe`);
      yield bytes;
    }
    offset += size;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(size, 8);
    descriptor.writeUInt32LE(size, 12);
    yield descriptor;
    offset += 16;
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(UTF8_NAMES | SIZES_AFTER_DATA, 8);
    header.writeUInt16LE(0, 10);
    header.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    header.writeUInt32LE(crc >>> 0, 16);
    header.writeUInt32LE(size, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(localAt, 42);
    central.push(header, name);
    count++;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  yield Buffer.concat([directory, end]);
}
