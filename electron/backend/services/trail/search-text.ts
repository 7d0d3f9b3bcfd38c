// What text search finds an audit event by: its kind, its one-line description, the words in its payload (labels,
// notes, statements, reasons, summaries; not ids), who did it and the latest description a person gave it; and, for
// words that look like one, its hash.
import type { AuditEvent } from '../../../../shared/contract/entities';
import { describeAuditEvent } from '../../../../shared/domain/describe-audit-event';

/** Keys whose values identify rather than say anything (uuids, hashes): left out so they do not flood matches. */
const IDENTIFIER_KEY = /(?:^id|Id|Ids|hash|Hash)$/;
const MAX_PAYLOAD_TEXT = 8_000;

function collectText(value: unknown, key: string, out: string[], budget: { left: number }): void {
  if (budget.left <= 0 || IDENTIFIER_KEY.test(key)) return;
  if (typeof value === 'string') {
    out.push(value);
    budget.left -= value.length;
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    out.push(String(value));
  } else if (Array.isArray(value)) {
    for (const item of value) collectText(item, key, out, budget);
  } else if (typeof value === 'object' && value !== null) {
    for (const [childKey, child] of Object.entries(value)) collectText(child, childKey, out, budget);
  }
}

export function searchTextOf(event: AuditEvent, description: string | null): string {
  const payloadText: string[] = [];
  collectText(event.payload, '', payloadText, { left: MAX_PAYLOAD_TEXT });
  return [
    event.kind,
    describeAuditEvent(event),
    payloadText.join(' ').slice(0, MAX_PAYLOAD_TEXT),
    event.actor,
    description ?? '',
  ].join('\n');
}

/** Six hex digits or more: what a person copies from a hash column. Shorter numbers are just numbers. */
const HASH_PREFIX = /^[0-9a-f]{6,64}$/i;

/**
 * Turns what a person typed into an FTS5 query: every word must appear, each as a prefix ("buf" finds "buffers"),
 * punctuation inside a word kept as a phrase ("layer-2" finds "layer 2"); a hash prefix also matches hashes. Null
 * when nothing searchable was typed.
 */
export function ftsQuery(text: string): string | null {
  const words = text
    .split(/\s+/)
    .map((word) => word.replace(/"/g, ''))
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) return null;
  return words.map((word) => `${HASH_PREFIX.test(word) ? '{body hash}' : 'body'} : "${word}"*`).join(' AND ');
}
