// Sealing: a value made unreadable in a file or an audit payload, recoverable by Peel without any secret.
// Peel has to re-derive a drill's answer offline, on any machine and from an imported bundle, so no key can be
// kept from the trainee: this is obfuscation with an integrity check, not secrecy. The key is derived from the
// public content it travels with (`context`, e.g. the drill definition), so the sealed part cannot be moved to
// another drill or survive an edit of this one. Stream: SHA-256(key || counter) blocks XORed over the UTF-8 JSON;
// the first 8 bytes of SHA-256 of the plaintext follow it, checked on opening.
import { canonicalJson } from '../domain/canonical-json';
import { sha256 } from './sha256';

export const SEAL_PREFIX = 'peel-seal-1:';
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function keyOf(context: unknown): Uint8Array {
  return sha256(encoder.encode(`peel-training-seal\n${canonicalJson(context)}`));
}

function keystream(key: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const block = new Uint8Array(key.length + 4);
  block.set(key);
  const view = new DataView(block.buffer);
  for (let offset = 0, counter = 0; offset < length; offset += 32, counter++) {
    view.setUint32(key.length, counter);
    out.set(sha256(block).subarray(0, Math.min(32, length - offset)), offset);
  }
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export function seal(value: unknown, context: unknown): string {
  const plain = encoder.encode(canonicalJson(value));
  const stream = keystream(keyOf(context), plain.length);
  const out = new Uint8Array(plain.length + 8);
  for (let i = 0; i < plain.length; i++) out[i] = (plain[i] as number) ^ (stream[i] as number);
  out.set(sha256(plain).subarray(0, 8), plain.length);
  return `${SEAL_PREFIX}${toBase64(out)}`;
}

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

/** Opens what seal() made with the same context; throws SealError if it was made for other content or damaged. */
export function unseal(sealed: string, context: unknown): unknown {
  if (!sealed.startsWith(SEAL_PREFIX))
    throw new SealError(`not a sealed value (expected '${SEAL_PREFIX}...')`);
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(sealed.slice(SEAL_PREFIX.length));
  } catch {
    throw new SealError('the sealed value is not valid base64');
  }
  if (bytes.length < 9) throw new SealError('the sealed value is too short');
  const body = bytes.subarray(0, bytes.length - 8);
  const stream = keystream(keyOf(context), body.length);
  const plain = body.map((byte, i) => byte ^ (stream[i] as number));
  const check = sha256(plain).subarray(0, 8);
  if (check.some((byte, i) => byte !== bytes[body.length + i]))
    throw new SealError('the sealed value does not belong to this content (edited, damaged or moved)');
  try {
    return JSON.parse(decoder.decode(plain));
  } catch {
    throw new SealError('the sealed value does not hold JSON');
  }
}
