import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PeelError } from '../../../../shared/contract/errors';
import { writeExportFiles, writeFileWhole } from './export-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'peel-export-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function* slowly(pieces: string[]) {
  for (const piece of pieces) {
    yield piece;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const caught = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    return error as PeelError;
  }
  throw new Error('expected the write to fail');
};

describe('writeFileWhole', () => {
  it('writes the pieces as one UTF-8 text, whatever the boundaries (an emoji cut between two pieces)', async () => {
    const text = 'a,"b ""q"""\r\né日本🙂|<x>&\n'.repeat(50);
    // Every boundary: pieces of 1 to 7 UTF-16 units, so surrogate pairs and multi-byte characters are cut.
    for (const size of [1, 2, 3, 7]) {
      const pieces: string[] = [];
      for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
      const path = join(dir, `out-${size}.csv`);
      const bytes = await writeFileWhole(path, slowly(pieces));
      expect(readFileSync(path, 'utf8')).toBe(text);
      expect(bytes).toBe(Buffer.byteLength(text));
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('a cancelled write leaves no file under the name, no temporary file, and the earlier file as it was', async () => {
    const path = join(dir, 'report.html');
    writeFileSync(path, 'the earlier export');
    const abort = new AbortController();
    let closed = false;
    async function* pieces() {
      try {
        for (let i = 0; ; i++) {
          if (i === 3) abort.abort();
          yield `<tr><td>${i}</td></tr>\n`;
          await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        closed = true;
      }
    }
    const error = await caught(writeFileWhole(path, pieces(), abort.signal));
    expect(error).toBeInstanceOf(PeelError);
    expect(error.code).toBe('cancelled');
    expect(error.message).toContain(path);
    expect(closed).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('the earlier export');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('a source that fails half way leaves nothing behind and says where it was writing', async () => {
    const path = join(dir, 'trail.audit.csv');
    async function* pieces() {
      yield 'seq,id\r\n';
      throw new Error('the database is locked');
    }
    const error = await caught(writeFileWhole(path, pieces()));
    expect(error.code).toBe('storage');
    expect(error.message).toMatch(`exports: could not write ${path}: the database is locked`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a destination that cannot be written says what and where', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const path = join(file, 'inside', 'report.md');
    const error = await caught(writeFileWhole(path, ['# Postmortem\n']));
    expect(error.code).toBe('storage');
    expect(error.message).toContain(`could not write ${path}`);
    expect(error.message).toMatch(/ENOTDIR|EEXIST/);
    expect(error.details).toMatchObject({ path });
  });
});

describe('writeExportFiles', () => {
  it('writes the graphs beside the report, and removes them when the report fails', async () => {
    const path = join(dir, 'story.md');
    const assets = [{ path: 'story-assets/run-1-direct.svg', mimeType: 'image/svg+xml', text: '<svg/>\n' }];
    const done = await writeExportFiles(path, { assets, text: () => slowly(['# A', '\nrow']) });
    expect(done.files).toEqual([path, join(dir, 'story-assets/run-1-direct.svg')]);
    expect(done.bytes).toBe(Buffer.byteLength('# A\nrow<svg/>\n'));
    expect(readFileSync(path, 'utf8')).toBe('# A\nrow');

    const failing = join(dir, 'broken.md');
    const brokenAssets = [{ ...assets[0]!, path: 'broken-assets/run-1-direct.svg' }];
    async function* broken() {
      yield '# B';
      throw new Error('disk full');
    }
    const error = await caught(writeExportFiles(failing, { assets: brokenAssets, text: broken }));
    expect(error.message).toContain('disk full');
    expect(readdirSync(dir).sort()).toEqual(['broken-assets', 'story-assets', 'story.md']);
    expect(readdirSync(join(dir, 'broken-assets'))).toEqual([]);
  });
});
