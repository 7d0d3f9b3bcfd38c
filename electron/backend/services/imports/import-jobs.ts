// Imports that take time, off the request: a file streamed from disk, a Prometheus range query, and "follow",
// which re-queries [start, now] until cancelled and imports the last complete answer. Each job pushes progress
// and ends with one `import.finished` event (the stored import, or why nothing was imported). Credentials go to
// the Prometheus client only: they are never stored, recorded or pushed.
import { rmSync } from 'node:fs';
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { PeelError, type PeelErrorShape } from '../../../../shared/contract/errors';
import { plural } from '../../../../shared/domain/plural';
import { ImportError } from '../../../../shared/imports/import-error';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';
import { importMetricsFile } from './import-file';
import { asPeelError, type ReadContent, storeImport } from './import-records';
import { followRange, type PrometheusAuth, queryRange, type RangeQueryResult } from './prometheus-client';

const PROGRESS_INTERVAL_MS = 100;

interface Job {
  investigationId: string;
  controller: AbortController;
  done: Promise<void>;
}

const jobsByContext = new WeakMap<ServiceContext, Map<string, Job>>();

function jobsOf(ctx: ServiceContext): Map<string, Job> {
  let jobs = jobsByContext.get(ctx);
  if (!jobs) {
    jobs = new Map();
    jobsByContext.set(ctx, jobs);
  }
  return jobs;
}

/** For tests and shutdown: resolves when every import job of `ctx` has ended. */
export async function importJobsSettled(ctx: ServiceContext): Promise<void> {
  await Promise.all([...jobsOf(ctx).values()].map((job) => job.done));
}

function errorShape(error: unknown, channel: string): PeelErrorShape {
  const converted = asPeelError(error, channel);
  if (converted instanceof PeelError) return converted.toShape();
  return { code: 'internal', message: converted instanceof Error ? converted.message : String(converted) };
}

function startJob(
  ctx: ServiceContext,
  channel: 'real.importFile' | 'real.queryPrometheus' | 'real.follow',
  investigationId: string,
  work: (job: {
    signal: AbortSignal;
    progress: (fraction: number | null, message: string) => void;
  }) => Promise<{ metrics: RangeQueryResult['metrics']; content: ReadContent } | null>,
): string {
  requireInvestigation(ctx, investigationId);
  const jobId = ctx.newId();
  const controller = new AbortController();
  let last = 0;
  const progress = (fraction: number | null, message: string) => {
    const now = Date.now();
    if (now - last < PROGRESS_INTERVAL_MS && fraction !== 1) return;
    last = now;
    ctx.emit({ name: 'import.progress', payload: { jobId, investigationId, fraction, message } });
  };
  const finish = (importId: string | null, error: PeelErrorShape | null) => {
    jobsOf(ctx).delete(jobId);
    if (!ctx.store.db.open) return;
    ctx.emit({ name: 'import.finished', payload: { jobId, investigationId, importId, error } });
  };
  const done = (async () => {
    // Let the call return its job id before any progress is pushed.
    await Promise.resolve();
    try {
      const read = await work({ signal: controller.signal, progress });
      if (read === null) {
        finish(null, { code: 'cancelled', message: 'cancelled: nothing was imported' });
        return;
      }
      if (!ctx.store.db.open) return;
      const stored = storeImport(ctx, investigationId, read.metrics, read.content, channel);
      finish(stored.id, null);
    } catch (error) {
      finish(null, errorShape(error, channel));
    }
  })();
  jobsOf(ctx).set(jobId, { investigationId, controller, done });
  return jobId;
}

/**
 * A file from disk, streamed. `upload` is a file the browser host received (in a folder of its own): recorded
 * under the name the person picked, and its folder removed when the job ends, however it ends.
 */
export function startFileImport(
  ctx: ServiceContext,
  request: RequestOf<'real.importFile'>,
  upload?: { name: string; removeDir: string },
): ResponseOf<'real.importFile'> {
  const cleanUp = () => {
    if (upload) rmSync(upload.removeDir, { recursive: true, force: true });
  };
  let jobId: string;
  try {
    jobId = startJob(ctx, 'real.importFile', request.investigationId, async ({ signal, progress }) => {
      try {
        const result = await importMetricsFile(request.path, {
          ...(upload ? { source: upload.name } : {}),
          signal,
          onProgress: (p) =>
            progress(
              p.totalBytes > 0 ? p.bytesRead / p.totalBytes : null,
              `${(p.bytesRead / 2 ** 20).toFixed(1)} of ${(p.totalBytes / 2 ** 20).toFixed(1)} MiB read${p.records > 0 ? `, ${p.records.toLocaleString('en')} rows` : ''}`,
            ),
        });
        return {
          metrics: result.metrics,
          content: { origin: 'file', contentSha256: result.sha256, bytes: result.bytes },
        };
      } finally {
        cleanUp();
      }
    });
  } catch (error) {
    cleanUp();
    throw error;
  }
  return { jobId };
}

/** The caller's wait for a slow server, in the client's milliseconds (its default when not given). */
function timeoutOf(request: { timeoutSec?: number | undefined }): { timeoutMs?: number } {
  return request.timeoutSec === undefined ? {} : { timeoutMs: request.timeoutSec * 1000 };
}

/**
 * The desktop app's way in: the native open dialog runs in the main process and the chosen file is streamed from
 * disk like any path, so a 500 MB export never passes through the renderer. Browser mode uploads instead.
 */
export async function openAndImportFile(
  ctx: ServiceContext,
  request: RequestOf<'real.openFile'>,
  host: { chooseOpenPath?: (options: { title: string }) => Promise<string | null> } | undefined,
): Promise<ResponseOf<'real.openFile'>> {
  requireInvestigation(ctx, request.investigationId);
  if (!host?.chooseOpenPath) {
    throw new PeelError(
      'invalid-request',
      'real.openFile: only the desktop app has a native open dialog; in the browser, pick the file to upload it.',
    );
  }
  const path = await host.chooseOpenPath({ title: 'Import a metrics file' });
  if (path === null) return { jobId: null };
  return startFileImport(ctx, { investigationId: request.investigationId, path });
}

function authOf(request: { auth?: PrometheusAuth | undefined }): { auth?: PrometheusAuth } {
  return request.auth ? { auth: request.auth } : {};
}

function queryProgress(
  progress: (fraction: number | null, message: string) => void,
  received: { bytes: number },
) {
  return (p: { requestsDone: number; requests: number; bytesReceived: number }) => {
    received.bytes = p.bytesReceived;
    progress(
      p.requests > 0 ? p.requestsDone / p.requests : null,
      `request ${Math.min(p.requestsDone + 1, p.requests)} of ${p.requests}, ${(p.bytesReceived / 1024).toFixed(0)} KiB received`,
    );
  };
}

/** What a query read: its series, the SHA-256 of the answers' bytes and how many bytes they were. */
const fromAnswer = (result: RangeQueryResult, bytes: number) => ({
  metrics: result.metrics,
  content: { origin: 'prometheus' as const, contentSha256: result.sha256, bytes },
});

export function startPrometheusImport(
  ctx: ServiceContext,
  request: RequestOf<'real.queryPrometheus'>,
): ResponseOf<'real.queryPrometheus'> {
  const jobId = startJob(
    ctx,
    'real.queryPrometheus',
    request.investigationId,
    async ({ signal, progress }) => {
      const received = { bytes: 0 };
      const result = await queryRange({
        url: request.url,
        query: request.query,
        startSec: request.startSec,
        endSec: request.endSec,
        stepSec: request.stepSec,
        ...authOf(request),
        ...timeoutOf(request),
        signal,
        onProgress: queryProgress(progress, received),
      });
      return fromAnswer(result, received.bytes);
    },
  );
  return { jobId };
}

export function startFollow(
  ctx: ServiceContext,
  request: RequestOf<'real.follow'>,
): ResponseOf<'real.follow'> {
  const jobId = startJob(ctx, 'real.follow', request.investigationId, async ({ signal, progress }) => {
    let latest: RangeQueryResult | null = null;
    let latestBytes = 0;
    const received = { bytes: 0 };
    let rounds = 0;
    await followRange(
      {
        url: request.url,
        query: request.query,
        startSec: request.startSec,
        stepSec: request.stepSec,
        ...authOf(request),
        ...timeoutOf(request),
        signal,
        nowSec: () => ctx.clock() / 1000,
        onProgress: (p) => {
          received.bytes = p.bytesReceived;
        },
      },
      (result) => {
        latest = result;
        latestBytes = received.bytes;
        rounds++;
        const points = result.metrics.series.reduce((sum, s) => sum + s.timesSec.length, 0);
        progress(
          null,
          `following: ${plural(rounds, 'query')}, ${plural(result.metrics.series.length, 'series')}, ${plural(points, 'point')}`,
        );
      },
    );
    if (latest === null) {
      throw new ImportError('empty', 'following stopped before Prometheus returned any series', {
        source: request.url,
      });
    }
    return fromAnswer(latest, latestBytes);
  });
  return { jobId };
}

export function cancelImport(
  ctx: ServiceContext,
  request: RequestOf<'real.cancel'>,
): ResponseOf<'real.cancel'> {
  const job = jobsOf(ctx).get(request.jobId);
  if (!job) return { cancelled: false };
  job.controller.abort();
  return { cancelled: true };
}
