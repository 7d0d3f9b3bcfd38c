// The renderer's one way to reach the backend. Chosen once at start: window.peel (Electron's preload) when present,
// otherwise HTTP to the browser host with the per-start token. The UI above this never knows which.
import type { PeelBridge } from '../../shared/contract/bridge';
import type { ChannelName, RequestOf, ResponseOf } from '../../shared/contract/channels';
import type { Envelope, PeelErrorShape } from '../../shared/contract/errors';
import type { PushEvent } from '../../shared/contract/events';
import type { TextExportFormat } from '../../shared/contract/exchange-entities';
import {
  CALL_PATH_PREFIX,
  EVENTS_PATH,
  EXPORT_DOWNLOAD_PATH,
  EXPORT_HEAD_HEADER,
  TOKEN_HEADER,
  UPLOAD_METRICS_PATH,
} from '../../shared/contract/http';
import { readToken } from './token';

export class ApiError extends Error {
  readonly code: PeelErrorShape['code'];
  readonly details?: unknown;
  constructor(shape: PeelErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.details = shape.details;
  }
}

export interface PeelClient {
  host: 'electron' | 'browser';
  call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  onEvent(listener: (event: PushEvent) => void): () => void;
  onMenuCommand(listener: (command: string) => void): () => void;
  /**
   * Browser mode only: uploads a metrics file as a streamed request body (see UPLOAD_METRICS_PATH), reporting the
   * bytes sent; aborting `signal` cancels the upload (nothing is imported). Resolves to the import job it started.
   */
  /**
   * Browser mode only: downloads an export as the host streams it (see EXPORT_DOWNLOAD_PATH): the file's bytes,
   * the name to save it under and the chain head it was read at.
   */
  downloadExport?(
    investigationId: string,
    format: TextExportFormat,
  ): Promise<{ blob: Blob; fileName: string; head: { count: number; hash: string } }>;
  uploadMetricsFile?(
    file: File,
    investigationId: string,
    onProgress: (sentBytes: number, totalBytes: number) => void,
    signal: AbortSignal,
  ): Promise<{ jobId: string }>;
}

function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new ApiError(envelope.error);
}

function electronClient(bridge: PeelBridge): PeelClient {
  return {
    host: 'electron',
    async call(channel, request) {
      const invoke = bridge.invoke[channel] as (
        request: unknown,
      ) => Promise<Envelope<ResponseOf<typeof channel>>>;
      return unwrap(await invoke(request));
    },
    onEvent: (listener) => bridge.onEvent(listener),
    onMenuCommand: (listener) => bridge.onMenuCommand(listener),
  };
}

/** Reads a server-sent event stream with fetch, so the token travels in a header, and reconnects when it drops. */
function subscribeToEvents(token: string, listener: (event: PushEvent) => void): () => void {
  const controller = new AbortController();
  const connect = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(EVENTS_PATH, {
          headers: { [TOKEN_HEADER]: token },
          signal: controller.signal,
        });
        if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let boundary = buffer.indexOf('\n\n');
          while (boundary >= 0) {
            const frame = buffer.slice(0, boundary);
            buffer = buffer.slice(boundary + 2);
            for (const line of frame.split('\n')) {
              if (line.startsWith('data: ')) listener(JSON.parse(line.slice(6)) as PushEvent);
            }
            boundary = buffer.indexOf('\n\n');
          }
        }
      } catch {
        if (controller.signal.aborted) return;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };
  void connect();
  return () => controller.abort();
}

/** XMLHttpRequest, not fetch: only it reports an upload's progress. The body is the File, read by the browser as it sends. */
function uploadFile(
  token: string,
  file: File,
  investigationId: string,
  onProgress: (sentBytes: number, totalBytes: number) => void,
  signal: AbortSignal,
): Promise<{ jobId: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ investigationId, name: file.name });
    xhr.open('POST', `${UPLOAD_METRICS_PATH}?${query}`);
    xhr.setRequestHeader(TOKEN_HEADER, token);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      try {
        resolve(unwrap(JSON.parse(xhr.responseText) as Envelope<{ jobId: string }>));
      } catch (error) {
        reject(
          error instanceof ApiError
            ? error
            : new ApiError({ code: 'internal', message: `real.upload: the host answered ${xhr.status}` }),
        );
      }
    };
    xhr.onerror = () =>
      reject(
        new ApiError({ code: 'internal', message: `real.upload: ${file.name} could not be sent to Peel.` }),
      );
    xhr.onabort = () =>
      reject(
        new ApiError({
          code: 'cancelled',
          message: `cancelled: ${file.name} was not uploaded; nothing was imported`,
        }),
      );
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** The name in a Content-Disposition header (its UTF-8 form when given). */
function fileNameOf(disposition: string | null, fallback: string): string {
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (utf8) return decodeURIComponent(utf8[1]!);
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

async function downloadExport(token: string, investigationId: string, format: TextExportFormat) {
  const query = new URLSearchParams({ investigationId, format });
  let response: Response;
  try {
    response = await fetch(`${EXPORT_DOWNLOAD_PATH}?${query}`, { headers: { [TOKEN_HEADER]: token } });
  } catch (error) {
    throw new ApiError({
      code: 'internal',
      message: `Peel's backend is not reachable (${String(error)}). Is it still running?`,
    });
  }
  if (!response.ok) {
    const envelope = (await response.json().catch(() => null)) as Envelope<never> | null;
    throw new ApiError(
      envelope && !envelope.ok
        ? envelope.error
        : { code: 'internal', message: `exports.download: the host answered ${response.status}.` },
    );
  }
  const [count, hash] = (response.headers.get(EXPORT_HEAD_HEADER) ?? '').split(' ');
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch (error) {
    throw new ApiError({
      code: 'internal',
      message: `exports.download: the ${format} export stopped before its end (${String(error)}); nothing was saved.`,
    });
  }
  return {
    blob,
    fileName: fileNameOf(response.headers.get('content-disposition'), `export.${format}`),
    head: { count: Number(count), hash: hash ?? '' },
  };
}

function browserClient(token: string): PeelClient {
  const listeners = new Set<(event: PushEvent) => void>();
  let stop: (() => void) | null = null;
  return {
    host: 'browser',
    downloadExport: (investigationId, format) => downloadExport(token, investigationId, format),
    uploadMetricsFile: (file, investigationId, onProgress, signal) =>
      uploadFile(token, file, investigationId, onProgress, signal),
    async call(channel, request) {
      let response: Response;
      try {
        response = await fetch(`${CALL_PATH_PREFIX}${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(request),
        });
      } catch (error) {
        throw new ApiError({
          code: 'internal',
          message: `Peel's backend is not reachable (${String(error)}). Is it still running?`,
        });
      }
      const envelope = (await response.json().catch(() => null)) as Envelope<
        ResponseOf<typeof channel>
      > | null;
      if (!envelope)
        throw new ApiError({
          code: 'internal',
          message: `${channel}: the backend answered ${response.status} without a result.`,
        });
      return unwrap(envelope);
    },
    onEvent(listener) {
      listeners.add(listener);
      stop ??= subscribeToEvents(token, (event) => {
        for (const each of listeners) each(event);
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stop?.();
          stop = null;
        }
      };
    },
    onMenuCommand: () => () => {},
  };
}

declare global {
  interface Window {
    peel?: PeelBridge;
  }
}

export function createClient(): PeelClient {
  if (window.peel) return electronClient(window.peel);
  const token = readToken();
  if (!token) {
    throw new ApiError({
      code: 'forbidden',
      message:
        'This page was opened without its access token. Open the address `npm start` printed (it ends in #token=…).',
    });
  }
  return browserClient(token);
}
