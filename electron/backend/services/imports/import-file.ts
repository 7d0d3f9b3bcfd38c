// Imports a metrics file of any format Peel reads, detected from its content: a CSV streams through csv-parse
// into the shared GrafanaCsvReader (a 500 MB, 1,000,000-row export never sits in memory as text); the JSON and
// exposition formats are read whole up to a size limit. Progress by bytes, cancel by AbortSignal, the SHA-256 of
// the bytes read, and nothing half-imported: a failure throws ImportError and returns no series.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';
import { detectFamily } from '../../../../shared/imports/detect-format';
import {
  csvOptions,
  csvSyntaxError,
  GrafanaCsvReader,
  recordLineSpan,
} from '../../../../shared/imports/grafana-csv';
import { ImportError } from '../../../../shared/imports/import-error';
import { type ImportOptions, importMetricsText } from '../../../../shared/imports/import-metrics';
import type { ImportedMetrics } from '../../../../shared/imports/imported-series';
import { startSha256 } from './content-hash';

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  /** CSV records read so far (header included); 0 for the other formats. */
  records: number;
}

export interface FileImportOptions extends Partial<ImportOptions> {
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** JSON and exposition files are parsed whole: larger ones are refused. Default 256 MiB. */
  maxTextBytes?: number;
}

export interface FileImport {
  metrics: ImportedMetrics;
  /** SHA-256 (hex) of the file's bytes. */
  sha256: string;
  bytes: number;
}

const HEAD_BYTES = 64 * 1024;
const CSV_CHUNK_BYTES = 256 * 1024;
const DEFAULT_MAX_TEXT = 256 * 2 ** 20;

export async function importMetricsFile(path: string, options: FileImportOptions = {}): Promise<FileImport> {
  const source = options.source ?? basename(path);
  const where = { source };
  checkAborted(options.signal, source);
  let totalBytes: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ImportError('unreadable', 'not a file', where);
    totalBytes = info.size;
  } catch (error) {
    throw unreadable(error, source);
  }
  const head = await readHead(path, source);
  const family = detectFamily(head);
  if (family === 'csv') return streamCsv(path, source, totalBytes, head, options);
  if (family === null) {
    // Let the shared entry say why, with the same words as for a paste.
    importMetricsText(head, { ...options, source });
  }
  const maxText = options.maxTextBytes ?? DEFAULT_MAX_TEXT;
  if (totalBytes > maxText) {
    throw new ImportError(
      'too-large',
      `${totalBytes} bytes is more than the ${maxText} bytes Peel reads whole for ${family} files: query a shorter range or split the file`,
      where,
    );
  }
  const { text, sha256 } = await readWhole(path, source, totalBytes, options);
  return { metrics: importMetricsText(text, { ...options, source }), sha256, bytes: totalBytes };
}

function streamCsv(
  path: string,
  source: string,
  totalBytes: number,
  head: string,
  options: FileImportOptions,
): Promise<FileImport> {
  return new Promise((resolve, reject) => {
    const reader = new GrafanaCsvReader(source);
    const hash = startSha256();
    // Each chunk is parsed in one synchronous run: 256 KiB keeps that to a fraction of a second, so the process
    // stays responsive (progress, cancel, other calls) while a large export streams in.
    const input = createReadStream(path, { highWaterMark: CSV_CHUNK_BYTES });
    let records = 0;
    let failed = false;
    // on_record hands each record over while csv-parse still knows its line, and returning null keeps a
    // million records from queueing as stream objects.
    const { info: _info, ...options_ } = csvOptions(head);
    const parser = parse({
      ...options_,
      on_record: (record: string[], context: { lines: number }) => {
        if (failed) return null;
        records++;
        reader.push(record, context.lines - recordLineSpan(record));
        return null;
      },
    });
    let bytesRead = 0;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      options.signal?.removeEventListener('abort', onAbort);
      input.destroy();
      parser.destroy();
      reject(error);
    };
    const onAbort = () => fail(new ImportError('cancelled', 'the import was cancelled', { source }));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    input.on('data', (chunk) => {
      hash.update(chunk as Buffer);
      bytesRead += (chunk as Buffer).length;
      options.onProgress?.({ bytesRead, totalBytes, records });
    });
    input.on('error', (error) => fail(unreadable(error, source)));
    // An error thrown by on_record (the reader's ImportError) comes back through here unchanged.
    parser.on('error', (error) => fail(csvSyntaxError(error, source)));
    parser.resume();
    parser.on('end', () => {
      if (failed) return;
      options.signal?.removeEventListener('abort', onAbort);
      try {
        const metrics = reader.finish();
        options.onProgress?.({ bytesRead, totalBytes, records });
        resolve({ metrics, sha256: hash.digest('hex'), bytes: bytesRead });
      } catch (error) {
        fail(error);
      }
    });
    input.pipe(parser);
  });
}

async function readHead(path: string, source: string): Promise<string> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
      // A multi-byte character cut at the end is dropped by the decoder; detection needs only the first lines.
      return new StringDecoder('utf8').write(buffer.subarray(0, bytesRead));
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unreadable(error, source);
  }
}

async function readWhole(
  path: string,
  source: string,
  totalBytes: number,
  options: FileImportOptions,
): Promise<{ text: string; sha256: string }> {
  const hash = startSha256();
  const decoder = new StringDecoder('utf8');
  const parts: string[] = [];
  let bytesRead = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      checkAborted(options.signal, source);
      hash.update(chunk as Buffer);
      bytesRead += (chunk as Buffer).length;
      parts.push(decoder.write(chunk as Buffer));
      options.onProgress?.({ bytesRead, totalBytes, records: 0 });
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw unreadable(error, source);
  }
  parts.push(decoder.end());
  return { text: parts.join(''), sha256: hash.digest('hex') };
}

function checkAborted(signal: AbortSignal | undefined, source: string): void {
  if (signal?.aborted) throw new ImportError('cancelled', 'the import was cancelled', { source });
}

function unreadable(error: unknown, source: string): ImportError {
  if (error instanceof ImportError) return error;
  const code = (error as { code?: string }).code;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'a folder, not a file'
          : (code ?? (error instanceof Error ? error.message : String(error)));
  return new ImportError('unreadable', `cannot read the file (${reason})`, { source }, { cause: error });
}
