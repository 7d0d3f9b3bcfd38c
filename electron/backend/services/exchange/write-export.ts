// Writes a rendered export to disk: the main file, and for Markdown its graphs in the assets folder beside it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RenderedExport } from '../../../../shared/contract/exchange-entities';

/** Returns every path written, the main file first. */
export function writeExportFiles(path: string, rendered: RenderedExport): string[] {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, rendered.text, 'utf8');
  const written = [path];
  for (const asset of rendered.assets) {
    const target = join(dirname(path), asset.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, asset.text, 'utf8');
    written.push(target);
  }
  return written;
}
