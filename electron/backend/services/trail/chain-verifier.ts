// Walks the stored audit chain in seq order, recomputing every hash from what is stored, and names the first event
// that does not match and why: edited (its hash differs from its content), deleted (a gap in seq, or a link to an
// event that is gone), reordered (a link to an event stored later). Against a head printed in an export it also
// finds a cut tail, which the chain alone cannot show.
import { createHash, hash as oneShotHash } from 'node:crypto';
import type { ChainProblem } from '../../../../shared/contract/trail-entities';
import { GENESIS_HASH } from '../../../../shared/domain/audit-chain';
import {
  describeCanonicalProblem,
  findDuplicateKeyOrLoneSurrogate,
} from '../../../../shared/domain/canonical-json';
import { plural } from '../../../../shared/domain/plural';
import type { AuditRowTuple } from '../../store/audit-rows';
import { storedChainInput } from './stored-chain-input';

export interface ChainFault {
  seq: number;
  id: string | null;
  problem: ChainProblem;
  message: string;
}

export interface ChainVerdict {
  /** Events stored, and the last one: what an export prints as the head. */
  events: number;
  headSeq: number;
  headHash: string;
  firstBad: ChainFault | null;
}

/** A head to check against, e.g. "events: 75, head: 3fa9…" printed in an export. */
export interface ExpectedHead {
  count?: number;
  hash?: string;
}

/** What the verifier reads besides the stream: small look-ups it makes after the stream is closed. */
export interface ChainSource {
  iterate(): IterableIterator<AuditRowTuple>;
  findByHash(hash: string): { seq: number; id: string } | undefined;
  summary(): { events: number; headSeq: number };
  atSeq(seq: number): { id: string; hash: string } | undefined;
}

// crypto.hash (Node 21.7+) skips the Hash object a one-shot digest does not need; about a third faster per event.
const sha256: (input: string) => string =
  typeof oneShotHash === 'function'
    ? (input) => oneShotHash('sha256', input, 'hex')
    : (input) => createHash('sha256').update(input, 'utf8').digest('hex');

const label = (seq: number, kind: string) => `#${seq} (${kind})`;

/** Whether the stored hash is the hash of the stored content after `prevHash` (at position `seq`). */
function contentMatches(row: AuditRowTuple, prevHash: string, seq = row[0]): boolean {
  const [, id, investigationId, at, actor, kind, ruleId, payload, , hash] = row;
  // The hash covers the payload's text exactly as stored, which must be its canonical JSON (checked apart, in
  // walk()): a text that parses to the hashed value but is written another way (a repeated key) is not accepted.
  return (
    sha256(storedChainInput(prevHash, seq, id, investigationId, at, actor, kind, ruleId, payload)) === hash
  );
}

/** How far back a renumbered event is searched for its original position. */
const MAX_RENUMBERING = 10_000;

/** A row whose link back is broken: was it edited in place, moved, or does it follow an event that is gone? */
function explainBrokenLink(
  row: AuditRowTuple,
  expectedPrev: string,
  previous: { seq: number; id: string; kind: string } | null,
  source: ChainSource,
): ChainFault {
  const [seq, id, , , , kind, , , prevHash] = row;
  if (contentMatches(row, expectedPrev)) {
    return {
      seq,
      id,
      problem: 'edited',
      message: `Event ${label(seq, kind)} was edited: its stored previous hash was changed (its content still hashes from the event before it).`,
    };
  }
  const linked = source.findByHash(prevHash);
  if (linked) {
    return {
      seq,
      id,
      problem: 'reordered',
      message:
        linked.seq > seq
          ? `Event ${label(seq, kind)} is out of order: it links back to event #${linked.seq}, which is stored after it.`
          : `Event ${label(seq, kind)} is out of order: it links back to event #${linked.seq}, not to #${seq - 1}.`,
    };
  }
  if (contentMatches(row, prevHash)) {
    // This event is intact, but the one before no longer has the hash it was chained to: that one was rewritten
    // with a freshly computed hash (which is why its own check passed).
    if (previous) {
      return {
        seq: previous.seq,
        id: previous.id,
        problem: 'edited',
        message: `Event ${label(previous.seq, previous.kind)} was rewritten: event #${seq} is chained to a different hash than the one it has now.`,
      };
    }
    return {
      seq,
      id,
      problem: 'deleted',
      message: `Events were deleted before ${label(seq, kind)}: it links back to an event that is no longer stored.`,
    };
  }
  // Neither its link nor its content fits where it is: was it moved down to close a gap (events deleted, the
  // later ones renumbered)? Its content then still hashes at its original seq.
  for (let shift = 1; shift <= MAX_RENUMBERING; shift++) {
    if (contentMatches(row, prevHash, seq + shift)) {
      return {
        seq,
        id,
        problem: 'deleted',
        message: `Events were deleted before ${label(seq, kind)} and the later events renumbered to hide the gap: it was stored as #${seq + shift}.`,
      };
    }
  }
  return {
    seq,
    id,
    problem: 'edited',
    message: `Event ${label(seq, kind)} was edited: neither its content nor its link back matches the chain.`,
  };
}

function walk(
  source: ChainSource,
  expected: ExpectedHead,
): { fault: ChainFault | null; hashAtCount?: string } {
  let expectedSeq = 1;
  let expectedPrev = GENESIS_HASH;
  type Previous = { seq: number; id: string; kind: string } | null;
  let previous: Previous = null;
  let pending: { row: AuditRowTuple; expectedPrev: string; previous: Previous } | null = null;
  let fault: ChainFault | null = null;
  let hashAtCount: string | undefined;
  for (const row of source.iterate()) {
    const [seq, id, , , , kind, , , prevHash, hash] = row;
    if (seq !== expectedSeq) {
      const missing = seq - 1 === expectedSeq ? `#${expectedSeq} is` : `#${expectedSeq}–#${seq - 1} are`;
      fault = {
        seq,
        id,
        problem: 'deleted',
        message: `Events were deleted before ${label(seq, kind)}: ${missing} missing.`,
      };
      break;
    }
    if (prevHash !== expectedPrev) {
      // Explaining needs look-ups, which must wait until the stream is closed.
      pending = { row, expectedPrev, previous };
      break;
    }
    const canonical = findDuplicateKeyOrLoneSurrogate(row[7]);
    if (canonical) {
      fault = {
        seq,
        id,
        problem: 'edited',
        message: `Event ${label(seq, kind)} was edited: its payload cannot be trusted, ${describeCanonicalProblem(canonical)}.`,
      };
      break;
    }
    if (!contentMatches(row, prevHash)) {
      fault = {
        seq,
        id,
        problem: 'edited',
        message: `Event ${label(seq, kind)} was edited: its content no longer hashes to its stored hash.`,
      };
      break;
    }
    if (seq === expected.count) hashAtCount = hash;
    previous = { seq, id, kind };
    expectedPrev = hash;
    expectedSeq = seq + 1;
  }
  if (pending) fault = explainBrokenLink(pending.row, pending.expectedPrev, pending.previous, source);
  return hashAtCount === undefined ? { fault } : { fault, hashAtCount };
}

/** Checks an intact chain against the head an export printed: a cut tail or a rewritten chain shows here. */
function checkExpectedHead(
  expected: ExpectedHead,
  headSeq: number,
  hashAtCount: string | undefined,
  source: ChainSource,
): ChainFault | null {
  if (expected.count !== undefined && headSeq < expected.count) {
    const missing =
      headSeq + 1 === expected.count ? `#${expected.count}` : `#${headSeq + 1}–#${expected.count}`;
    return {
      seq: headSeq + 1,
      id: null,
      problem: 'truncated',
      message: `The trail was cut: the head you expect has ${plural(expected.count, 'event')}, this database ends at #${headSeq} (${missing} missing).`,
    };
  }
  if (expected.hash === undefined) return null;
  if (expected.count !== undefined) {
    if (hashAtCount === expected.hash) return null;
    return {
      seq: expected.count,
      id: source.atSeq(expected.count)?.id ?? null,
      problem: 'head-mismatch',
      message: `Event #${expected.count} has the hash ${hashAtCount?.slice(0, 16) ?? '(none)'}…, the head you expect is ${expected.hash.slice(0, 16)}…: the trail was rewritten since that head was printed.`,
    };
  }
  const found = source.findByHash(expected.hash);
  if (found) return null;
  return {
    seq: headSeq,
    id: null,
    problem: 'head-mismatch',
    message: `No event has the hash ${expected.hash.slice(0, 16)}… you expect as the head: the trail was cut or rewritten since it was printed.`,
  };
}

export function verifyChain(source: ChainSource, expected: ExpectedHead = {}): ChainVerdict {
  const { fault, hashAtCount } = walk(source, expected);
  const { events, headSeq } = source.summary();
  const headHash = headSeq === 0 ? GENESIS_HASH : (source.atSeq(headSeq)?.hash ?? GENESIS_HASH);
  const firstBad = fault ?? checkExpectedHead(expected, headSeq, hashAtCount, source);
  return { events, headSeq, headHash, firstBad };
}
