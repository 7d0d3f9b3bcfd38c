// Resolves a request path to a file inside the built renderer, refusing anything that escapes the folder.
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** The file for a URL path, or null when it is outside `root` or missing. "/" and unknown routes get index.html. */
export function resolveStaticFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rootResolved = resolve(root);
  const candidate = resolve(join(rootResolved, normalize(decoded)));
  if (candidate !== rootResolved && !candidate.startsWith(rootResolved + sep)) return null;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  // The UI is a single page: paths without a file extension fall back to it.
  if (extname(decoded) === '') return join(rootResolved, 'index.html');
  return null;
}
