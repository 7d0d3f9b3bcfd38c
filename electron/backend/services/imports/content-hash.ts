// The content hash of an import, as the audit chain hashes its events (electron/store/audit-hash.ts): SHA-256 of
// the UTF-8 bytes, hex. Files are hashed as their bytes stream past, so the hash is of exactly what was read.
import { createHash, type Hash } from 'node:crypto';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function startSha256(): Hash {
  return createHash('sha256');
}
