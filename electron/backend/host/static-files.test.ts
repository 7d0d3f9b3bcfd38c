import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentTypeFor, resolveStaticFile } from './static-files';

let root: string;
let staticDir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'peel-static-'));
  staticDir = join(root, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
  writeFileSync(join(staticDir, 'assets', 'index-abc123.js'), '');
  writeFileSync(join(staticDir, 'peel.svg'), '<svg/>');
  writeFileSync(join(root, 'secret.txt'), 'secret');
  // A sibling folder whose name starts with the static folder's name: a prefix check alone would let it through.
  mkdirSync(join(root, 'static-private'));
  writeFileSync(join(root, 'static-private', 'key.txt'), 'key');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const index = () => join(staticDir, 'index.html');

describe('resolveStaticFile', () => {
  it('resolves files inside the folder', () => {
    expect(resolveStaticFile(staticDir, '/assets/index-abc123.js')).toBe(
      join(staticDir, 'assets', 'index-abc123.js'),
    );
    expect(resolveStaticFile(staticDir, '/peel.svg?v=2')).toBe(join(staticDir, 'peel.svg'));
    expect(resolveStaticFile(staticDir, '/index.html')).toBe(index());
  });

  it('gives the page for "/" and for routes without a file extension', () => {
    expect(resolveStaticFile(staticDir, '/')).toBe(index());
    expect(resolveStaticFile(staticDir, '/investigations/abc?tab=audit')).toBe(index());
    // A folder is not a file: the page, not a directory listing.
    expect(resolveStaticFile(staticDir, '/assets')).toBe(index());
  });

  it('gives nothing for a missing file with an extension', () => {
    expect(resolveStaticFile(staticDir, '/assets/missing.js')).toBeNull();
    expect(resolveStaticFile(staticDir, '/favicon.ico')).toBeNull();
  });

  it('decodes percent-encoded names', () => {
    writeFileSync(join(staticDir, 'a b.css'), '');
    expect(resolveStaticFile(staticDir, '/a%20b.css')).toBe(join(staticDir, 'a b.css'));
  });

  it.each([
    '/../secret.txt',
    '/../../secret.txt',
    '/assets/../../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/%2E%2E/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/../static-private/key.txt',
    '/%2e%2e%2fstatic-private%2fkey.txt',
    '/../../../../../../etc/passwd',
    '/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '//etc/passwd',
    `/${'../'.repeat(20)}etc/hostname`,
  ])('never resolves outside the folder for %s', (path) => {
    const file = resolveStaticFile(staticDir, path);
    if (file !== null) {
      expect(file === index() || file.startsWith(`${staticDir}/`)).toBe(true);
    }
    expect(file).not.toBe(join(root, 'secret.txt'));
    expect(file).not.toBe(join(root, 'static-private', 'key.txt'));
  });

  it('refuses a NUL byte and malformed percent-encoding', () => {
    expect(resolveStaticFile(staticDir, '/index.html%00.js')).toBeNull();
    expect(resolveStaticFile(staticDir, '/%E0%A4%A')).toBeNull();
    expect(resolveStaticFile(staticDir, '/%')).toBeNull();
  });

  it('accepts a relative root', () => {
    expect(resolveStaticFile(relative(process.cwd(), staticDir), '/peel.svg')).toBe(
      join(staticDir, 'peel.svg'),
    );
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['app.JS', 'text/javascript; charset=utf-8'],
    ['worker.mjs', 'text/javascript; charset=utf-8'],
    ['app.css', 'text/css; charset=utf-8'],
    ['peel.svg', 'image/svg+xml'],
    ['font.woff2', 'font/woff2'],
    ['data.bin', 'application/octet-stream'],
    ['README', 'application/octet-stream'],
  ])('%s is served as %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});
