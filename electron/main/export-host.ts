// The desktop app's part of exporting (an Electron edge, so it may import 'electron'): the native save dialog, and
// Chromium's printer for the PDF. The report is printed in a hidden, sandboxed window with JavaScript off, loaded
// from a temporary file (a data: URL would cap the report's size), which is removed afterwards.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, type FileFilter } from 'electron';
import type { ExportFormat } from '../../shared/contract/exchange-entities';
import type { ExchangeHost } from '../backend/services/exchange/exchange-host';

const FILTERS: Record<ExportFormat, FileFilter> = {
  md: { name: 'Markdown (graphs go in a folder beside it)', extensions: ['md'] },
  html: { name: 'HTML report', extensions: ['html'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
  csv: { name: 'CSV of the audit trail', extensions: ['csv'] },
  json: { name: 'Peel bundle (JSON)', extensions: ['json'] },
};

async function chooseSavePath(options: {
  defaultName: string;
  format: ExportFormat;
}): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow();
  const settings = {
    title: 'Export',
    defaultPath: join(app.getPath('documents'), options.defaultName),
    filters: [FILTERS[options.format]],
  };
  const result = window
    ? await dialog.showSaveDialog(window, settings)
    : await dialog.showSaveDialog(settings);
  return result.canceled || !result.filePath ? null : result.filePath;
}

async function printToPdf(html: string): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'peel-print-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html, 'utf8');
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      // The report has no script; printing it needs none either.
      javascript: false,
    },
  });
  try {
    await window.loadFile(file);
    return await window.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: false,
    });
  } finally {
    window.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The native open dialog for a metrics file (any name: the format is recognised from the content). */
async function chooseOpenPath(options: { title: string }): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow();
  const settings: Electron.OpenDialogOptions = {
    title: options.title,
    properties: ['openFile'],
    filters: [
      {
        name: 'Metrics (Grafana CSV, Prometheus JSON or text, Flink REST JSON)',
        extensions: ['csv', 'json', 'txt', 'prom'],
      },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const result = window
    ? await dialog.showOpenDialog(window, settings)
    : await dialog.showOpenDialog(settings);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

export const electronExportHost: ExchangeHost = { chooseSavePath, printToPdf, chooseOpenPath };
