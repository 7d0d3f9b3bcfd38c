import { describe, expect, it, vi } from 'vitest';
import { labFixtureForEachTest } from './lab-fixture.test-support';

const lab = labFixtureForEachTest();
const state = lab.state;
/** Room for a loaded machine: these wait on real work in the backend, and nothing here is timed. */
const LOADED = { timeout: 10_000 };

describe('sweeps', () => {
  it('starts a sweep and follows its progress to the ranked result the backend pushes', async () => {
    await state().loadLab(lab.id);
    const seen: string[] = [];
    lab.store.subscribe((s) => {
      if (s.sweep?.current) seen.push(s.sweep.current);
    });
    await state().startSweep(lab.baseline.id, 'layers');
    expect(state().sweep).toMatchObject({ done: 0, total: 2, result: null });
    await lab.t.backend.context.lab.sweeps.get(state().sweep!.sweepId)?.finished;
    await vi.waitFor(() => expect(state().sweep?.result).not.toBeNull(), LOADED);
    expect(state().sweep).toMatchObject({ done: 2, total: 2, current: '' });
    expect(
      state()
        .sweep?.result?.rows.map((r) => r.removed)
        .sort(),
    ).toEqual(['layer2', 'layer3']);
    // Progress named each removal as it started.
    expect([...new Set(seen)].sort()).toEqual(['layer2', 'layer3']);
    // The sweep's experiments show in the lab once it has finished.
    await vi.waitFor(() => expect(state().lab?.experiments.length).toBe(3), LOADED);
  });

  it('keeps the result of a sweep whose news arrived before its start reply (every removal reused)', async () => {
    await state().loadLab(lab.id);
    await state().startSweep(lab.baseline.id, 'layers');
    await lab.t.backend.context.lab.sweeps.get(state().sweep!.sweepId)?.finished;
    await vi.waitFor(() => expect(state().sweep?.result).not.toBeNull(), LOADED);
    // Both removals have run: the second sweep reuses them and finishes before its reply is read.
    await state().startSweep(lab.baseline.id, 'layers');
    await vi.waitFor(() => expect(state().sweep?.result?.rows).toHaveLength(2), LOADED);
    const second = state().sweep!.sweepId;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(state().sweep).toMatchObject({ sweepId: second, done: 2, total: 2 });
    expect(state().sweep?.result).not.toBeNull();
  });

  it('ignores sweep events of another investigation', async () => {
    await state().loadLab(lab.id);
    state().receiveSweepProgress({
      sweepId: 'elsewhere',
      investigationId: 'another-investigation',
      done: 1,
      total: 2,
      current: 'layer2',
    });
    expect(state().sweep).toBeNull();
  });
});
