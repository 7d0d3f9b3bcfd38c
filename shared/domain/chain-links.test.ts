import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainInput, GENESIS_HASH } from './audit-chain';
import {
  type ChainEventInput,
  type ChainLinkInput,
  type ExportedChain,
  verifyExportedChain,
} from './chain-links';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

type EditableChain = ExportedChain & { events: ChainEventInput[]; links: ChainLinkInput[] };

/** A database chain of `n` events; those with `mine(seq)` belong to inv-1, the others to inv-2. */
function chain(n: number, mine: (seq: number) => boolean = () => true): EditableChain {
  const events: ChainEventInput[] = [];
  const links: ChainLinkInput[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      seq,
      id: `ev-${seq}`,
      investigationId: mine(seq) ? 'inv-1' : 'inv-2',
      at: 1_700_000_000_000 + seq,
      actor: 'alice',
      kind: 'note.added',
      ruleId: null,
      payload: { body: `note ${seq}`, nested: { b: 1, a: [1, 2] } },
    };
    const hash = sha256(chainInput(prevHash, content));
    if (mine(seq)) events.push({ ...content, prevHash, hash });
    else links.push({ seq, prevHash, hash });
    prevHash = hash;
  }
  return { events, links, head: { count: n, hash: prevHash } };
}

const verify = (c: ExportedChain) => verifyExportedChain(c, 'inv-1', sha256);

describe('verifyExportedChain', () => {
  it('accepts an intact chain, re-hashing the full events and linking the hash-only ones', () => {
    expect(verify(chain(5))).toEqual({ ok: true, links: 5, events: 5 });
    expect(verify(chain(9, (seq) => seq % 3 === 0))).toEqual({ ok: true, links: 9, events: 3 });
    expect(verify({ events: [], links: [], head: { count: 0, hash: GENESIS_HASH } })).toEqual({
      ok: true,
      links: 0,
      events: 0,
    });
  });

  it('finds a changed event by its content, naming where it is', () => {
    const c = chain(5);
    c.events[2] = { ...c.events[2]!, payload: { body: 'rewritten' } };
    const verdict = verify(c);
    expect(verdict).toMatchObject({ ok: false, seq: 3, where: 'chain.events[2] (seq 3, note.added)' });
    expect(verdict.ok || verdict.message).toMatch(/content does not match its hash/);
  });

  it('finds a broken link between events, hash-only links included', () => {
    const c = chain(6, (seq) => seq !== 4);
    c.links[0] = { ...c.links[0]!, prevHash: 'f'.repeat(64) };
    expect(verify(c)).toMatchObject({ ok: false, seq: 4, where: 'chain.links[0] (seq 4)' });
    expect(verify(c).ok || (verify(c) as { message: string }).message).toMatch(/broken link/);
  });

  it('finds removed events, duplicates, a wrong head and an event of another investigation', () => {
    const gap = chain(5);
    gap.events.splice(1, 1);
    expect(verify(gap)).toMatchObject({ ok: false, seq: 3 });
    expect((verify(gap) as { message: string }).message).toContain('events 2..2 are missing');

    const twice = chain(3);
    twice.events.push(twice.events[1]!);
    expect((verify(twice) as { message: string }).message).toContain('seq 2 appears twice');

    const short = chain(4);
    short.events.pop();
    expect(verify({ ...short, head: chain(4).head })).toMatchObject({ ok: false, where: 'chain.head' });

    const wrongHead = chain(3);
    expect(verify({ ...wrongHead, head: { count: 3, hash: 'a'.repeat(64) } })).toMatchObject({
      ok: false,
      where: 'chain.head',
    });

    const foreign = chain(3);
    foreign.events[0] = { ...foreign.events[0]!, investigationId: 'inv-9' };
    expect((verify(foreign) as { message: string }).message).toContain("belongs to investigation 'inv-9'");
  });
});
