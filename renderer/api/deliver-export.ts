// Delivering an export in a browser: a download through a temporary blob: URL (a Markdown export with graphs is
// one ZIP holding the .md and its assets folder; a PDF is the file the backend printed with headless Chromium).
import type { RenderedExport } from '../../shared/contract/exchange-entities';
import { zipStore } from './zip-store';

/** Offers `blob` as a download named `fileName`. */
export function download(fileName: string, blob: Blob): void {
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

/** Downloads a PDF the backend printed (base64, as it crossed the contract); returns the file's name. */
export function downloadPdf(fileName: string, base64: string): string {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  download(fileName, new Blob([bytes], { type: 'application/pdf' }));
  return fileName;
}

/** Reads a chosen file as text (the import dialog's file picker). */
export function readFileText(file: File): Promise<string> {
  return file.text();
}
