// Peel's core, as both hosts run it: open the data folder's database, build the services and the dispatcher.
// Nothing here imports 'electron', so the desktop app, the browser host and the tests share it unchanged.
import { userInfo } from 'node:os';
import type { PushEvent } from '../../shared/contract/events';
import type { TextExportFormat } from '../../shared/contract/exchange-entities';
import { openDataFolderStore } from './data-folder-store';
import { createDispatch, type Dispatch } from './dispatch';
import { createServiceContext, type ServiceContext } from './services/context';
import type { ExchangeHost } from './services/exchange/exchange-host';
import { type ExportDownload, startDownload } from './services/exchange/exports';
import { discardLeftOverStaging } from './services/exchange/staged-series';
import { createHandlers, type HostInfo } from './services/handlers';
import { announceRunQueue } from './services/lab/run-queue-events';
import { failAbandonedRuns } from './services/lab/runs';
import type { PeelStore } from './store/store';
import { createLabRuntime, WARM_WORKERS_AFTER_MS } from './workers/lab-runtime';
import type { SimulationRunner } from './workers/simulation-runner';

export interface Backend {
  dispatch: Dispatch;
  store: PeelStore;
  context: ServiceContext;
  /** Browser mode's streamed export download (see host/export-download.ts). */
  startExportDownload(investigationId: string, format: TextExportFormat): Promise<ExportDownload>;
  /** Registers a listener for pushed events; returns its remover. */
  subscribe(listener: (event: PushEvent) => void): () => void;
  close(): void;
}

export interface BackendOptions {
  dataDir: string;
  host: HostInfo['host'];
  version: string;
  user?: string;
  clock?: () => number;
  onInternalError?: (error: unknown) => void;
  /** Make a new database in place of an empty (0-byte) file, which is otherwise refused. */
  startFresh?: boolean;
  /**
   * The data folder's database, already opened (with openStore) by a host that opens it first and the rest of the
   * backend later (see cli/start.ts); the backend then owns it and closes it.
   */
  store?: PeelStore;
  /** How simulations run: a worker thread by default; tests may run them in-process. */
  runner?: SimulationRunner;
  /** How many runs run at once and may wait (the run queue); the pool's size and MAX_WAITING_RUNS by default. */
  runQueue?: { slots?: number; maxWaiting?: number };
  /** The app's hosts: warm the worker pool up a moment after opening (lab-runtime.ts, WARM_WORKERS_AFTER_MS). */
  warmWorkers?: boolean;
  /** The desktop app's save dialog and PDF printer for exports; absent in browser mode. */
  exchangeHost?: ExchangeHost;
}

export function currentUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

export function openBackend(options: BackendOptions): Backend {
  const store = options.store ?? openDataFolderStore(options.dataDir, options.startFresh);
  const listeners = new Set<(event: PushEvent) => void>();
  const context = createServiceContext(store, {
    user: options.user ?? currentUserName(),
    ...(options.clock ? { clock: options.clock } : {}),
    emit: (event) => {
      for (const listener of listeners) listener(event);
    },
    lab: createLabRuntime(options.runner, {
      ...options.runQueue,
      ...(options.warmWorkers ? { warmAfterMs: WARM_WORKERS_AFTER_MS } : {}),
    }),
  });
  announceRunQueue(context);
  failAbandonedRuns(context);
  discardLeftOverStaging(context);
  const hostInfo = { host: options.host, version: options.version, dataDir: options.dataDir };
  const handlers = createHandlers(context, hostInfo, options.exchangeHost);
  return {
    dispatch: createDispatch(handlers, options.onInternalError),
    store,
    context,
    startExportDownload: (investigationId, format) =>
      startDownload(context, hostInfo, investigationId, format),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      for (const { job } of context.lab.jobs.values()) job.cancel();
      void context.lab.close();
      store.close();
    },
  };
}
