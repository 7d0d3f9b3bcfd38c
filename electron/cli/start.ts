// `npm start`: opens Peel's desktop window when an Electron binary is available; otherwise (or with --browser)
// serves the same UI and backend to a browser on 127.0.0.1 with a per-start token, and says which and why.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backend } from '../backend/backend';
import { openDataFolderStore } from '../backend/data-folder-store';
import { openInBrowser } from '../backend/host/open-browser';
import { startHostServer } from '../backend/host/server';
import { resolveDataDir } from '../backend/paths';
import { PEEL_VERSION } from '../backend/version';
import { allocatorEnvironment } from './allocator-env';
import { findElectronBinary, tryDownloadElectron } from './electron-binary';
import { HOST_V8_FLAGS } from './host-v8-flags';

interface StartOptions {
  browser: boolean;
  open: boolean;
  port: number;
  dataDir?: string;
  /** Make a new database in place of an empty (0-byte) peel.sqlite, which is otherwise refused. */
  startFresh: boolean;
}

function usage(message: string): never {
  console.error(`peel start: ${message}`);
  console.error('usage: npm start -- [--browser] [--no-open] [--port N] [--data-dir DIR] [--start-fresh]');
  process.exit(2);
}

export function parseStartArgs(argv: readonly string[]): StartOptions {
  const options: StartOptions = { browser: false, open: true, port: 0, startFresh: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--browser') options.browser = true;
    else if (arg === '--no-open') options.open = false;
    else if (arg === '--start-fresh') options.startFresh = true;
    else if (arg === '--port') {
      const value = argv[++i];
      const port = Number(value);
      if (!value || !Number.isInteger(port) || port < 0 || port > 65535) {
        usage(`--port needs a port number from 0 to 65535, got '${value ?? ''}'`);
      }
      options.port = port;
    } else if (arg === '--data-dir') {
      const value = argv[++i];
      if (!value) usage('--data-dir needs a folder');
      options.dataDir = value;
    } else usage(`unknown argument '${arg}'`);
  }
  return options;
}

const distDir = dirname(fileURLToPath(import.meta.url));
const appRoot = join(distDir, '..', '..');

function launchElectron(binary: string, options: StartOptions): void {
  // The backend runs in Electron's main process: glibc's arena setting must be in its environment at its start.
  const env = { ...process.env, ...allocatorEnvironment(process.env, process.platform) };
  delete env.ELECTRON_RUN_AS_NODE;
  if (options.dataDir) env.PEEL_DATA_DIR = options.dataDir;
  if (options.startFresh) env.PEEL_START_FRESH = '1';
  console.log('Peel: opening the desktop window (Electron).');
  // Its V8 settings too: Electron gives --js-flags to the main process's V8 only from its own command line.
  const child = spawn(binary, [`--js-flags=${HOST_V8_FLAGS.join(' ')}`, appRoot], { stdio: 'inherit', env });
  child.on('exit', (code) => process.exit(code ?? 0));
}

function couldNotStart(error: unknown): never {
  console.error(`Peel could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

async function startBrowserMode(options: StartOptions, why: string): Promise<void> {
  const dataDir = resolveDataDir({ flag: options.dataDir });
  const started = performance.now();
  // The database first: a folder that is not Peel's, or a database it may not use, is refused before any address
  // is printed. The rest of the backend (its services and the contract's schemas, most of this program's code)
  // is loaded and made while the page loads: the host listens first, and API requests wait for it.
  let store: ReturnType<typeof openDataFolderStore>;
  try {
    store = openDataFolderStore(dataDir, options.startFresh || undefined);
  } catch (error) {
    couldNotStart(error);
  }
  let opening: Promise<Backend> | null = null;
  const openRest = (): Promise<Backend> => {
    if (opening) return opening;
    opening = import('../backend/backend').then(({ openBackend }) =>
      openBackend({
        dataDir,
        store,
        host: 'browser',
        version: PEEL_VERSION,
        onInternalError: (error) => console.error(error),
        warmWorkers: true,
      }),
    );
    opening.catch(couldNotStart);
    return opening;
  };
  // The host opens the rest once the page's first files are out (or at its first API request): see server.ts.
  const host = await startHostServer({
    backend: openRest,
    staticDir: join(distDir, '..', 'renderer'),
    port: options.port,
  });
  console.log(`Peel is running in browser mode (${why}).`);
  console.log(`Data: ${store.path}`);
  console.log(
    `Ready in ${Math.round(performance.now() - started)} ms. Open this address (it carries this start's token):`,
  );
  console.log(`  ${host.url}`);
  if (options.open) openInBrowser(host.url);
  const shutdown = () => {
    host.close().finally(() => {
      // Never opened (no page came): the database is all there is to close.
      const closing = opening ? opening.then((opened) => opened.close()) : Promise.resolve(store.close());
      closing.finally(() => process.exit(0));
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function main(): Promise<void> {
  const options = parseStartArgs(process.argv.slice(2));
  if (options.browser) return startBrowserMode(options, '--browser was given');
  let binary = findElectronBinary();
  if (!binary.found) {
    const downloadFailure = tryDownloadElectron();
    if (downloadFailure === null) binary = findElectronBinary();
    else return startBrowserMode(options, `no Electron binary: ${binary.reason}, and ${downloadFailure}`);
  }
  if (!binary.found) return startBrowserMode(options, `no Electron binary: ${binary.reason}`);
  launchElectron(binary.path, options);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
