// The chain input of a stored event, built from its columns with the stored payload text inserted as it is.
// audit-store writes payloads as canonical JSON, so for every event it wrote this is, byte for byte, what
// shared/domain/audit-chain.ts's chainInput gives for the parsed event; verification then hashes what is on disk
// instead of parsing and re-serialising 100,000 payloads. A payload stored any other way fails to match: the only
// text that verifies is the one that was hashed.
import { CHAIN_FORMAT_VERSION } from '../../../../shared/domain/audit-chain';

const quote = JSON.stringify;

export function storedChainInput(
  prevHash: string,
  seq: number,
  id: string,
  investigationId: string | null,
  at: number,
  actor: string,
  kind: string,
  ruleId: string | null,
  payloadText: string,
): string {
  // Keys in canonical (sorted) order: actor, at, id, investigationId, kind, payload, ruleId, seq, v.
  return (
    `${prevHash}\n{"actor":${quote(actor)},"at":${quote(at)},"id":${quote(id)},` +
    `"investigationId":${investigationId === null ? 'null' : quote(investigationId)},"kind":${quote(kind)},` +
    `"payload":${payloadText},"ruleId":${ruleId === null ? 'null' : quote(ruleId)},"seq":${quote(seq)},` +
    `"v":${CHAIN_FORMAT_VERSION}}`
  );
}
