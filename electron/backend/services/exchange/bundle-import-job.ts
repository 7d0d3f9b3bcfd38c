// Importing a bundle from a file on disk as a background job, one at a time. The file is streamed into one buffer
// of its own size (hashed as it arrives, never held as request bodies and their copies), handed to the bundle
// check's thread without a copy and decoded there, then checked and recreated by the same import as a bundle sent
// as text (imports.ts), which writes everything or nothing. Progress is pushed; the job can be cancelled until the
// import's own transaction starts (the check's thread and the re-derivations are stopped). A second import (a file
// or a text) while one is in progress is refused with the name of the one in progress: three 250 MB bundles
// imported at once used to hold three bodies and their parsed copies at the same time (2.09 GB, issue 11).
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { PeelError, type PeelErrorShape } from '../../../../shared/contract/errors';
import { LIMITS } from '../../../../shared/contract/limits';
import type { ServiceContext } from '../context';
import { ImportCancelled } from './import-cancelled';
import { importBundle } from './imports';

const PROGRESS_INTERVAL_MS = 100;
/** How much of the file one read takes: the event loop is free between reads. */
const READ_CHUNK_BYTES = 4 * 1024 * 1024;
/** Reading is part of the wall time a user waits through; the check, re-derivations and writes are the rest. */
const READ_SHARE = 0.3;

interface RunningImport {
  jobId: string;
  fileName: string;
  startedAt: number;
  controller: AbortController;
  done: Promise<void>;
}

const runningByContext = new WeakMap<ServiceContext, RunningImport>();

/** For tests and shutdown: resolves when the bundle import in progress (if any) has ended. */
export async function bundleImportSettled(ctx: ServiceContext): Promise<void> {
  await runningByContext.get(ctx)?.done;
}

/** Refuses, naming the import in progress, a bundle import started while another one runs. */
export function requireNoBundleImport(ctx: ServiceContext, channel: string): void {
  const running = runningByContext.get(ctx);
  if (!running) return;
  throw new PeelError(
    'conflict',
    `${channel}: another bundle import is in progress (${running.fileName}); bundles are imported one at a time. ` +
      'Wait for it to finish or cancel it, then import again. Nothing was imported.',
    { jobId: running.jobId, fileName: running.fileName },
  );
}

/** Streams the file into one buffer of its size, hashing it on the way; checks `signal` between reads. */
async function readBundleFile(
  path: string,
  fileName: string,
  signal: AbortSignal,
  progress: (fraction: number, message: string, frequent: boolean) => void,
): Promise<{ bytes: Uint8Array; sha256: string }> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile())
      throw new PeelError('invalid-request', `bundles.importFile: path: ${path} is not a file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof PeelError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new PeelError(
      'invalid-request',
      `bundles.importFile: path: ${path} cannot be read (${code === 'ENOENT' ? 'no such file' : (code ?? String(error))}). Nothing was imported.`,
    );
  }
  if (size > LIMITS.bundleChars) {
    throw new PeelError(
      'payload-too-large',
      `bundles.importFile: ${fileName} is ${size.toLocaleString('en-US')} bytes: the limit for a bundle is ${LIMITS.bundleChars.toLocaleString('en-US')}. Nothing was imported.`,
    );
  }
  // Its own ArrayBuffer (never Node's shared pool): it is transferred whole to the check's thread.
  const buffer = Buffer.allocUnsafeSlow(size);
  const hash = createHash('sha256');
  const handle = await open(path, 'r');
  try {
    let offset = 0;
    while (offset < size) {
      if (signal.aborted) throw new ImportCancelled();
      const { bytesRead } = await handle.read(
        buffer,
        offset,
        Math.min(READ_CHUNK_BYTES, size - offset),
        offset,
      );
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(offset, offset + bytesRead));
      offset += bytesRead;
      progress(
        (offset / size) * READ_SHARE,
        `read ${Math.round((offset / size) * 100)}% of ${fileName}`,
        true,
      );
    }
    if (offset !== size) {
      throw new PeelError(
        'invalid-request',
        `bundles.importFile: ${fileName} changed while it was read (${offset.toLocaleString('en-US')} of ${size.toLocaleString('en-US')} bytes). Nothing was imported.`,
      );
    }
  } finally {
    await handle.close();
  }
  // Decoded once, in the check's thread.
  return { bytes: buffer, sha256: hash.digest('hex') };
}

function errorShape(error: unknown): PeelErrorShape {
  if (error instanceof PeelError) return error.toShape();
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export function startBundleFileImport(
  ctx: ServiceContext,
  request: RequestOf<'bundles.importFile'>,
): ResponseOf<'bundles.importFile'> {
  requireNoBundleImport(ctx, 'bundles.importFile');
  const jobId = ctx.newId();
  const fileName = basename(request.path);
  const controller = new AbortController();
  let last = 0;
  // Only the reading's many steps are thinned out; each later step (checked, run n of N re-derived) is shown.
  const progress = (fraction: number, message: string, frequent = false) => {
    const now = Date.now();
    if (frequent && now - last < PROGRESS_INTERVAL_MS && fraction < 1) return;
    last = now;
    ctx.emit({ name: 'bundle.progress', payload: { jobId, fileName, fraction, message } });
  };
  const finish = (investigationId: string | null, error: PeelErrorShape | null) => {
    if (!ctx.store.db.open) return;
    ctx.emit({ name: 'bundle.finished', payload: { jobId, fileName, investigationId, error } });
  };
  const done = (async () => {
    // Let the call return its job id before any progress is pushed.
    await Promise.resolve();
    try {
      const { bytes, sha256 } = await readBundleFile(request.path, fileName, controller.signal, progress);
      if (controller.signal.aborted) throw new ImportCancelled();
      if (!ctx.store.db.open) return;
      const info = await importBundle(
        ctx,
        { bytes },
        {
          sha256,
          fileName,
          signal: controller.signal,
          onProgress: (fraction, message) => progress(READ_SHARE + (1 - READ_SHARE) * fraction, message),
        },
      );
      progress(1, `imported ${fileName}`);
      finish(info.investigationId, null);
    } catch (error) {
      if (error instanceof ImportCancelled)
        finish(null, { code: 'cancelled', message: 'cancelled: nothing was imported' });
      else finish(null, errorShape(error));
    } finally {
      runningByContext.delete(ctx);
    }
  })();
  runningByContext.set(ctx, { jobId, fileName, startedAt: ctx.clock(), controller, done });
  return { jobId, fileName };
}

export function cancelBundleImport(
  ctx: ServiceContext,
  request: RequestOf<'bundles.cancelImport'>,
): ResponseOf<'bundles.cancelImport'> {
  const running = runningByContext.get(ctx);
  if (!running || running.jobId !== request.jobId) return { cancelled: false };
  running.controller.abort();
  return { cancelled: true };
}

/**
 * The text import, refused while a file import is in progress (one bundle import at a time). It holds the slot
 * while it runs too: re-deriving its runs awaits the worker pool, and a second import must not start meanwhile.
 */
export async function importBundleText(
  ctx: ServiceContext,
  request: RequestOf<'bundles.import'>,
): Promise<ResponseOf<'bundles.import'>> {
  requireNoBundleImport(ctx, 'bundles.import');
  const imported = importBundle(
    ctx,
    { text: request.text },
    request.fileName !== undefined ? { fileName: request.fileName } : {},
  );
  runningByContext.set(ctx, {
    jobId: ctx.newId(),
    fileName: request.fileName ?? 'a bundle sent as text',
    startedAt: ctx.clock(),
    controller: new AbortController(),
    done: imported.then(
      () => undefined,
      () => undefined,
    ),
  });
  try {
    return await imported;
  } finally {
    runningByContext.delete(ctx);
  }
}
