// An exported chart as the slice receives it, and the fallback that saves it in place: a temporary blob: URL on
// an <a download> (allowed by the CSP; a download link does not navigate, so Electron's will-navigate guard is
// not involved, and Electron shows its save dialog).

import type { TimeRange } from '../../shared/report/chart/chart-series';

export type ExportFormat = 'png' | 'svg';

/** What a graph (chart or heat map) offers its owner: itself as a file, and its window. */
export interface GraphHandle {
  exportFile(format: ExportFormat): Promise<ExportedFile>;
  getRange(): TimeRange | null;
  setRange(range: TimeRange): void;
}

export interface ExportedFile {
  format: ExportFormat;
  blob: Blob;
  fileName: string;
}

/** A file name from a chart title: lower case, safe characters, the format's extension. */
export function exportFileName(base: string, format: ExportFormat): string {
  const slug =
    base
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'chart';
  return `${slug}.${format}`;
}

export function svgBlob(svg: string): Blob {
  return new Blob([svg], { type: 'image/svg+xml;charset=utf-8' });
}

export function downloadFile(file: ExportedFile): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked on a later task: the download has taken its own reference by then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
