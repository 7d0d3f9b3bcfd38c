// Writes a prepared export to disk as it is read: the main file through a hidden temporary file beside it, written
// a piece at a time (each write awaited, so a slow disk slows the reading instead of filling memory), synced, then
// renamed into place; for Markdown its graphs in the assets folder beside it. A failed or cancelled export leaves
// no file under the chosen name and no temporary file behind, and says what failed and where.
import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PeelError } from '../../../../shared/contract/errors';
import type { PreparedExport } from './render-export';

export interface WrittenExport {
  /** Every path written, the main file first. */
  files: string[];
  /** The bytes written, the graphs included. */
  bytes: number;
}

const temporaryPathFor = (path: string) =>
  join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.partial`);

async function writeAll(handle: FileHandle, data: Buffer): Promise<void> {
  for (let offset = 0; offset < data.length; ) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset);
    offset += bytesWritten;
  }
}

function failure(path: string, error: unknown): PeelError {
  if (error instanceof PeelError) return error;
  const code = (error as { code?: string }).code;
  return new PeelError(
    'storage',
    `exports: could not write ${path}: ${error instanceof Error ? error.message : String(error)}${code && !String(error).includes(code) ? ` (${code})` : ''}. Nothing was saved under that name.`,
    { path, ...(code ? { errno: code } : {}) },
  );
}

function cancelled(path: string): PeelError {
  return new PeelError(
    'cancelled',
    `exports: the export to ${path} was cancelled; nothing was saved under that name.`,
    {
      path,
    },
  );
}

/** Writes `pieces` (text as UTF-8, or bytes) to `path` through a temporary file; returns the bytes written. */
export async function writeFileWhole(
  path: string,
  pieces: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  signal?: AbortSignal,
): Promise<number> {
  const temporary = temporaryPathFor(path);
  let handle: FileHandle | undefined;
  let bytes = 0;
  try {
    await mkdir(dirname(path), { recursive: true });
    handle = await open(temporary, 'wx');
    // A piece may end in the first half of a surrogate pair (an emoji cut in two): it waits for its second half.
    let held = '';
    for await (const piece of pieces) {
      if (signal?.aborted) throw cancelled(path);
      let data: Buffer;
      if (typeof piece === 'string') {
        let text = held + piece;
        held = '';
        const last = text.charCodeAt(text.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) {
          held = text.slice(-1);
          text = text.slice(0, -1);
        }
        data = Buffer.from(text, 'utf8');
      } else {
        data = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      }
      await writeAll(handle, data);
      bytes += data.length;
    }
    if (held) {
      const data = Buffer.from(held, 'utf8');
      await writeAll(handle, data);
      bytes += data.length;
    }
    if (signal?.aborted) throw cancelled(path);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temporary, path);
    return bytes;
  } catch (error) {
    await handle?.close().catch(() => {});
    await rm(temporary, { force: true }).catch(() => {});
    throw failure(path, error);
  }
}

/** Writes the export to `path` (and its graphs beside it); `signal` stops it between two pieces. */
export async function writeExportFiles(
  path: string,
  prepared: Pick<PreparedExport, 'text' | 'assets'>,
  signal?: AbortSignal,
): Promise<WrittenExport> {
  const assets: string[] = [];
  let bytes = 0;
  try {
    for (const asset of prepared.assets) {
      const target = join(dirname(path), asset.path);
      bytes += await writeFileWhole(target, [asset.text], signal);
      assets.push(target);
    }
    bytes += await writeFileWhole(path, prepared.text(), signal);
  } catch (error) {
    // The graphs without their report would look like a finished export: they go too.
    await Promise.all(assets.map((file) => rm(file, { force: true }).catch(() => {})));
    throw error;
  }
  return { files: [path, ...assets], bytes };
}
