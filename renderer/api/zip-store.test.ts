import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, zipStore } from './zip-store';

const text = (s: string) => new TextEncoder().encode(s);

/** Reads a stored ZIP back through its central directory, as any unzip tool would. */
function readZip(zip: Uint8Array): Map<string, string> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const endAt = zip.length - 22;
  expect(view.getUint32(endAt, true)).toBe(0x06054b50);
  const count = view.getUint16(endAt + 10, true);
  let at = view.getUint32(endAt + 16, true);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const localAt = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    const localName = view.getUint16(localAt + 26, true);
    const data = zip.subarray(localAt + 30 + localName, localAt + 30 + localName + size);
    expect(crc32(data)).toBe(view.getUint32(at + 16, true));
    files.set(name, new TextDecoder().decode(data));
    at += 46 + nameLength;
  }
  return files;
}

describe('zipStore', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('writes every entry so it reads back by its central directory, UTF-8 names included', () => {
    const zip = zipStore([
      { path: 'report.md', data: text('# Postmortem\n![g](report-assets/run-1-direct.svg)') },
      { path: 'report-assets/run-1-direct.svg', data: text('<svg/>') },
      { path: 'notes-ü.md', data: text('ü') },
    ]);
    const files = readZip(zip);
    expect([...files.keys()]).toEqual(['report.md', 'report-assets/run-1-direct.svg', 'notes-ü.md']);
    expect(files.get('report-assets/run-1-direct.svg')).toBe('<svg/>');
  });

  it('is accepted by unzip when the tool is there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'peel-zip-'));
    try {
      const file = join(dir, 'x.zip');
      writeFileSync(file, zipStore([{ path: 'a/b.txt', data: text('hello') }]));
      let listing: string;
      try {
        listing = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' });
      } catch {
        return; // no unzip on this machine: the central-directory reader above covers the format
      }
      expect(listing.trim()).toBe('a/b.txt');
      expect(readFileSync(file).subarray(0, 4).toString('hex')).toBe('504b0304');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
