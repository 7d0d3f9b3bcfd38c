// Verifies an exported audit chain without a database: the investigation's events in full plus hash-only links of
// every other event must cover seq 1..head exactly once, each prevHash must equal the hash before it (genesis for the
// first), each full event must hash to its hash, and the last must be the head. The SHA-256 function is passed in,
// so this stays pure (Node's crypto in the services and the CLI).
import { chainInput, GENESIS_HASH } from './audit-chain';
import { plural } from './plural';

export interface ChainLinkInput {
  seq: number;
  prevHash: string;
  hash: string;
}

export interface ChainEventInput extends ChainLinkInput {
  id: string;
  investigationId: string | null;
  at: number;
  actor: string;
  kind: string;
  ruleId: string | null;
  payload: Record<string, unknown>;
}

export interface ExportedChain {
  events: readonly ChainEventInput[];
  links: readonly ChainLinkInput[];
  head: { count: number; hash: string };
}

export type ChainVerdict =
  | { ok: true; links: number; events: number }
  | { ok: false; message: string; seq: number | null; where: string };

type Entry = { where: string; link: ChainLinkInput; event: ChainEventInput | null };

const short = (hash: string) => `${hash.slice(0, 12)}…`;

function fail(where: string, seq: number | null, message: string): ChainVerdict {
  return { ok: false, where, seq, message: `${where}: ${message}` };
}

/** Puts events and links in one seq-ordered list, refusing duplicates and events of another investigation. */
function mergeBySeq(
  chain: ExportedChain,
  investigationId: string,
): { entries: Entry[] } | { failure: ChainVerdict } {
  const entries: Entry[] = [];
  for (const [index, event] of chain.events.entries()) {
    const where = `chain.events[${index}] (seq ${event.seq}, ${event.kind})`;
    if (event.investigationId !== investigationId) {
      return {
        failure: fail(
          where,
          event.seq,
          `belongs to investigation '${event.investigationId}', not to the bundle's '${investigationId}'`,
        ),
      };
    }
    entries.push({ where, link: event, event });
  }
  chain.links.forEach((link, index) => {
    entries.push({ where: `chain.links[${index}] (seq ${link.seq})`, link, event: null });
  });
  entries.sort((a, b) => a.link.seq - b.link.seq);
  for (let i = 1; i < entries.length; i++) {
    const previous = entries[i - 1]!;
    const entry = entries[i]!;
    if (entry.link.seq === previous.link.seq) {
      return {
        failure: fail(
          entry.where,
          entry.link.seq,
          `seq ${entry.link.seq} appears twice (also at ${previous.where})`,
        ),
      };
    }
  }
  return { entries };
}

export function verifyExportedChain(
  chain: ExportedChain,
  investigationId: string,
  sha256: (text: string) => string,
): ChainVerdict {
  const merged = mergeBySeq(chain, investigationId);
  if ('failure' in merged) return merged.failure;
  const { entries } = merged;
  let previousHash = GENESIS_HASH;
  for (const [index, { where, link, event }] of entries.entries()) {
    const expectedSeq = index + 1;
    if (link.seq !== expectedSeq) {
      return fail(
        where,
        link.seq,
        `the chain skips from seq ${expectedSeq - 1} to ${link.seq}: events ${expectedSeq}..${link.seq - 1} are missing`,
      );
    }
    if (link.prevHash !== previousHash) {
      return fail(
        where,
        link.seq,
        `broken link: its prevHash ${short(link.prevHash)} is not the hash of seq ${link.seq - 1} (${short(previousHash)})`,
      );
    }
    if (event) {
      const computed = sha256(chainInput(link.prevHash, event));
      if (computed !== link.hash) {
        return fail(
          where,
          link.seq,
          `its content does not match its hash: the event was changed after it was written (hash ${short(link.hash)}, content hashes to ${short(computed)})`,
        );
      }
    }
    previousHash = link.hash;
  }
  if (entries.length !== chain.head.count) {
    return fail(
      'chain.head',
      null,
      `the head says ${plural(chain.head.count, 'event')} but the chain holds ${entries.length}: ${
        entries.length < chain.head.count ? 'events at the end are missing' : 'it holds events past the head'
      }`,
    );
  }
  if (previousHash !== chain.head.hash) {
    return fail(
      'chain.head',
      null,
      `the head hash ${short(chain.head.hash)} is not the hash of the last event (${short(previousHash)})`,
    );
  }
  return { ok: true, links: entries.length, events: chain.events.length };
}
