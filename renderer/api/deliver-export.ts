// Delivering an export in a browser: a download through a temporary blob: URL (a Markdown export with graphs is
// one ZIP holding the .md and its assets folder), or the HTML report opened in a new tab for the browser's print.
import type { RenderedExport } from '../../shared/contract/exchange-entities';
import { zipStore } from './zip-store';

function download(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked on a later task: the download has taken its own reference by then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads the export; returns the name of the file the browser saves. */
export function downloadExport(rendered: RenderedExport): string {
  if (rendered.assets.length === 0) {
    download(rendered.fileName, new Blob([rendered.text], { type: rendered.mimeType }));
    return rendered.fileName;
  }
  const encoder = new TextEncoder();
  const zip = zipStore([
    { path: rendered.fileName, data: encoder.encode(rendered.text) },
    ...rendered.assets.map((asset) => ({ path: asset.path, data: encoder.encode(asset.text) })),
  ]);
  const name = `${rendered.fileName.replace(/\.md$/, '')}.zip`;
  download(name, new Blob([zip], { type: 'application/zip' }));
  return name;
}

/**
 * Opens the HTML report in a new tab and asks the browser to print it (Save as PDF). The report has no script of its
 * own; the opener calls print() once it has loaded. Returns false when the browser blocked the new tab.
 */
export function openForPrint(html: string): boolean {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
  const tab = window.open(url, '_blank');
  if (!tab) {
    URL.revokeObjectURL(url);
    return false;
  }
  tab.addEventListener('load', () => {
    tab.focus();
    tab.print();
  });
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}

/** Reads a chosen file as text (the import dialog's file picker). */
export function readFileText(file: File): Promise<string> {
  return file.text();
}
