import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageAssetPaths, readPageAssetPaths } from './page-assets';

const BUILT = `<!doctype html>
<html lang="en">
  <head>
    <link rel="icon" type="image/svg+xml" href="/peel.svg" />
    <script type="module" crossorigin src="/assets/index-CfY8PbJg.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/index-DCqhNf0t.css">
    <link rel="modulepreload" crossorigin href="/assets/start-app-DvTT2a6J.js">
    <link rel="modulepreload" crossorigin href="/assets/index-CfY8PbJg.js">
  </head>
  <body><div id="root"></div><a href="/assets/not-a-tag-we-read.js">x</a></body>
</html>`;

describe('the page assets', () => {
  it('are the scripts, preloads and style sheets index.html names under /assets/, each once', () => {
    expect(pageAssetPaths(BUILT)).toEqual([
      '/assets/index-CfY8PbJg.js',
      '/assets/index-DCqhNf0t.css',
      '/assets/start-app-DvTT2a6J.js',
    ]);
  });

  it('are none for a page without any', () => {
    expect(pageAssetPaths('<!doctype html><title>Peel</title>')).toEqual([]);
  });

  it('are read from the folder, and none when it has no index.html', () => {
    const dir = mkdtempSync(join(tmpdir(), 'peel-assets-'));
    try {
      expect(readPageAssetPaths(dir)).toEqual([]);
      writeFileSync(join(dir, 'index.html'), BUILT);
      expect(readPageAssetPaths(dir)).toHaveLength(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
