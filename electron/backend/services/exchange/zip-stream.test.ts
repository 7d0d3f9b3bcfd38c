import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipStream } from './zip-stream';

async function bytesOf(entries: Parameters<typeof zipStream>[0]): Promise<Buffer> {
  const pieces: Uint8Array[] = [];
  for await (const piece of zipStream(entries)) pieces.push(piece);
  return Buffer.concat(pieces);
}

/** Reads a stored ZIP by its central directory, checking each entry's local header and descriptor agree. */
function readZip(zip: Buffer): Map<string, string> {
  const endAt = zip.length - 22;
  expect(zip.readUInt32LE(endAt)).toBe(0x06054b50);
  const files = new Map<string, string>();
  let at = zip.readUInt32LE(endAt + 16);
  for (let i = 0; i < zip.readUInt16LE(endAt + 10); i++) {
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const localAt = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    expect(zip.readUInt32LE(localAt)).toBe(0x04034b50);
    const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26);
    expect(zip.readUInt32LE(dataAt + size)).toBe(0x08074b50);
    expect(zip.readUInt32LE(dataAt + size + 4)).toBe(crc);
    files.set(name, zip.subarray(dataAt, dataAt + size).toString('utf8'));
    at += 46 + nameLength;
  }
  return files;
}

describe('zipStream', () => {
  it('writes streamed entries that read back whole, names in UTF-8', async () => {
    async function* markdown() {
      yield '# Postmortem é\n';
      yield '| 1 | 🙂 |\n';
    }
    const zip = await bytesOf([
      { path: 'report-assets/run-1-direct.svg', data: ['<svg/>\n'] },
      { path: 'report é.md', data: markdown() },
      { path: 'empty.txt', data: [] },
    ]);
    const files = readZip(zip);
    expect([...files]).toEqual([
      ['report-assets/run-1-direct.svg', '<svg/>\n'],
      ['report é.md', '# Postmortem é\n| 1 | 🙂 |\n'],
      ['empty.txt', ''],
    ]);
  });

  it('is a ZIP that unzip tests clean, when unzip is installed', async () => {
    let unzip = true;
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    } catch {
      unzip = false;
    }
    if (!unzip) return;
    const dir = mkdtempSync(join(tmpdir(), 'peel-zip-'));
    try {
      const path = join(dir, 'export.zip');
      writeFileSync(path, await bytesOf([{ path: 'a/b.md', data: ['x'.repeat(70_000), 'y'] }]));
      const listing = execFileSync('unzip', ['-t', path], { encoding: 'utf8' });
      expect(listing).toContain('No errors detected');
      expect(readFileSync(path).length).toBeGreaterThan(70_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
