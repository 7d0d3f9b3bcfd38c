// Electron's main process, kept thin: lifecycle, one secure window, the menu, the app:// protocol, and the
// contract wired to the same backend the browser host uses.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { type Backend, openBackend } from '../backend/backend';
import { APP_NAME, resolveDataDir } from '../backend/paths';
import { PEEL_VERSION } from '../backend/version';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { electronExportHost } from './export-host';
import { APP_ORIGIN, forwardPushEvents, registerIpc } from './ipc';
import { buildMenu } from './menu';

const distDir = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(distDir, '..', 'renderer');

app.setName(APP_NAME);
registerAppScheme();

let backend: Backend | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: APP_NAME,
    show: false,
    backgroundColor: '#14161a',
    webPreferences: {
      // PRELOAD_JS_CHECK flags every preload for manual review. Reviewed: preload.ts is one sandboxed bundle that
      // exposes only window.peel (typed invoke per contract channel) and never ipcRenderer or its event objects.
      preload: join(distDir, 'preload.cjs') /* eng-disable PRELOAD_JS_CHECK */,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

function lockDownNavigation(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (new URL(url).origin !== APP_ORIGIN) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (new URL(url).origin !== APP_ORIGIN) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
}

app.whenReady().then(() => {
  const dataDir = resolveDataDir({ fallback: app.getPath('userData') });
  try {
    backend = openBackend({
      dataDir,
      host: 'electron',
      version: PEEL_VERSION,
      onInternalError: (e) => console.error(e),
      exchangeHost: electronExportHost,
      warmWorkers: true,
    });
  } catch (error) {
    // Never overwrite or delete a database we cannot open: say why and stop.
    dialog.showErrorBox('Peel cannot open its data', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }
  lockDownNavigation();
  denyPermissions();
  handleAppProtocol(rendererDir);
  registerIpc(backend);
  const window = createWindow();
  const stopForwarding = forwardPushEvents(backend, window.webContents);
  window.on('closed', stopForwarding);
  Menu.setApplicationMenu(buildMenu(() => BrowserWindow.getFocusedWindow()));
});

app.on('window-all-closed', () => {
  backend?.close();
  backend = null;
  app.quit();
});
