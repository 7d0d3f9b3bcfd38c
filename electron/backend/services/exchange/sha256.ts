// The SHA-256 of a text as lowercase hex: a bundle's file hash and its chain's links (kept apart from imports.ts so
// the bundle check's thread loads only what it needs).
import { createHash } from 'node:crypto';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
