import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { channel } from './channel';
import { contract } from './channels';

describe('a channel', () => {
  it('builds its schemas the first time each is read, and keeps them', () => {
    let built = 0;
    const spec = channel(
      () => {
        built++;
        return z.strictObject({ id: z.string().min(1) });
      },
      () => z.number().int(),
      'a test call',
    );
    expect(built).toBe(0);
    const first = spec.request;
    expect(built).toBe(1);
    expect(spec.request).toBe(first);
    expect(built).toBe(1);
    expect(spec.request.safeParse({ id: '' }).success).toBe(false);
    expect(spec.response.safeParse(1.5).success).toBe(false);
    expect(spec.description).toBe('a test call');
  });

  it('is the same strict schema on every read of the contract', () => {
    const { request, response } = contract['investigations.list'];
    expect(contract['investigations.list'].request).toBe(request);
    expect(contract['investigations.list'].response).toBe(response);
    expect(request.safeParse({ unknown: 1 }).success).toBe(false);
  });
});
