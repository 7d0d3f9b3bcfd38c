import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend';
import { scheduleBackendOpening } from './backend-opening';

const BACKEND = { marker: 'the backend' } as unknown as Backend;
const turn = () => new Promise((resolve) => setImmediate(resolve));

function counted() {
  const opener = () => {
    opener.calls++;
    return Promise.resolve(BACKEND);
  };
  opener.calls = 0;
  return opener;
}

describe('opening the backend', () => {
  it('hands over a backend given as it is, or its promise', async () => {
    expect(await scheduleBackendOpening(BACKEND, []).backend()).toBe(BACKEND);
    expect(await scheduleBackendOpening(Promise.resolve(BACKEND), ['/assets/a.js']).backend()).toBe(BACKEND);
  });

  it("waits for every one of the page's files to have gone out", async () => {
    const opener = counted();
    const opening = scheduleBackendOpening(opener, ['/assets/a.js', '/assets/b.css']);
    opening.sending('/index.html')();
    opening.sending('/assets/a.js')();
    await turn();
    expect(opener.calls).toBe(0);
    opening.sending('/assets/b.css')();
    await turn();
    expect(opener.calls).toBe(1);
    expect(await opening.backend()).toBe(BACKEND);
    expect(opener.calls).toBe(1);
  });

  it('opens for an API request before the page is out, once no file is still going out', async () => {
    const opener = counted();
    const opening = scheduleBackendOpening(opener, ['/assets/a.js', '/assets/b.css']);
    const stillGoing = opening.sending('/assets/a.js');
    const asked = opening.backend();
    await turn();
    expect(opener.calls).toBe(0);
    stillGoing();
    stillGoing();
    expect(await asked).toBe(BACKEND);
    expect(opener.calls).toBe(1);
  });

  it('passes a failed opening to every request that waits for it', async () => {
    const opening = scheduleBackendOpening(() => Promise.reject(new Error('refused')), []);
    await expect(opening.backend()).rejects.toThrow('refused');
    await expect(opening.backend()).rejects.toThrow('refused');
  });
});
