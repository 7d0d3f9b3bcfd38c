import { describe, expect, it } from 'vitest';
import { SEAL_PREFIX, SealError, seal, unseal } from './seal';
import { sha256, toHex } from './sha256';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('sha256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(toHex(sha256(bytes('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(sha256(bytes('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(toHex(sha256(bytes('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(toHex(sha256(bytes('a'.repeat(1000))))).toBe(
      '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3',
    );
  });
});

describe('seal', () => {
  const context = { drillId: 'restart-staircase', operators: [{ id: 'lookup-geo', layer: 'layer2' }] };

  it('hides the value and gives it back with the same context', () => {
    const value = { seed: 987654, culprit: 'convert-currency' };
    const sealed = seal(value, context);
    expect(sealed.startsWith(SEAL_PREFIX)).toBe(true);
    expect(sealed).not.toContain('987654');
    expect(sealed).not.toContain('convert');
    expect(unseal(sealed, context)).toEqual(value);
  });

  it('refuses another context, a damaged value and something that was never sealed', () => {
    const sealed = seal({ seed: 1 }, context);
    expect(() => unseal(sealed, { ...context, drillId: 'other' })).toThrow(SealError);
    const body = sealed.slice(SEAL_PREFIX.length);
    const flipped = `${SEAL_PREFIX}${body[0] === 'A' ? 'B' : 'A'}${body.slice(1)}`;
    expect(() => unseal(flipped, context)).toThrow(/does not belong to this content/);
    expect(() => unseal('{"seed":1}', context)).toThrow(/not a sealed value/);
  });
});
