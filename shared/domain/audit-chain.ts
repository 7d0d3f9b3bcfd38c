// What an audit event's hash covers. hash = SHA-256(prevHash + "\n" + canonical content), hex; the first event's
// prevHash is 64 zeros. Changing, removing or reordering any event breaks every hash after it.
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);
export const CHAIN_FORMAT_VERSION = 1;

export interface ChainedFields {
  seq: number;
  id: string;
  investigationId: string | null;
  at: number;
  actor: string;
  kind: string;
  ruleId: string | null;
  payload: Record<string, unknown>;
}

export function canonicalEventContent(event: ChainedFields): string {
  return canonicalJson({
    v: CHAIN_FORMAT_VERSION,
    seq: event.seq,
    id: event.id,
    investigationId: event.investigationId,
    at: event.at,
    actor: event.actor,
    kind: event.kind,
    ruleId: event.ruleId,
    payload: event.payload,
  });
}

export function chainInput(prevHash: string, event: ChainedFields): string {
  return `${prevHash}\n${canonicalEventContent(event)}`;
}
