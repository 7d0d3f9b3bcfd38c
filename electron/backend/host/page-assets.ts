// The files the page asks for as soon as it has its HTML: the scripts, module preloads and style sheets that
// index.html names. A host that opens its backend after listening waits for these to be served first (see
// server.ts), so loading the backend does not hold up the page's own files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ASSET_REFERENCE = /<(?:script|link)\b[^>]*?\b(?:src|href)="(\/assets\/[^"?#]+)"/g;

/** The /assets/ paths index.html's script and link tags name, in order, each once. */
export function pageAssetPaths(html: string): string[] {
  return [...new Set([...html.matchAll(ASSET_REFERENCE)].map((match) => match[1]!))];
}

/** As pageAssetPaths, read from the built UI's index.html; none when there is no such file. */
export function readPageAssetPaths(staticDir: string): string[] {
  try {
    return pageAssetPaths(readFileSync(join(staticDir, 'index.html'), 'utf8'));
  } catch {
    return [];
  }
}
