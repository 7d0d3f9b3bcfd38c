import { describe, expect, it } from 'vitest';
import { labFixtureForEachTest } from './lab-fixture.test-support';

const lab = labFixtureForEachTest();
const state = lab.state;

const openLab = lab.openLab;

describe('deriving an experiment', () => {
  const twoChanges = () => ({
    parentId: lab.baseline.id,
    params: {
      ...lab.baseline.params,
      removed: ['layer3'],
      pauseSink: [{ fromSec: 600, toSec: 900, slowdown: 0 }],
    },
    runAfter: false,
  });

  it('leaves a derivation that changes two things for the user to confirm, then creates it', async () => {
    await openLab();
    expect(await state().createExperiment(twoChanges())).toBeUndefined();
    expect(state().pendingMultiChange).toMatchObject({
      parentId: lab.baseline.id,
      changes: [
        { dimension: 'topology', description: 'removed layer 3' },
        { dimension: 'pauseSink', description: 'sink pause 600-900 s' },
      ],
    });
    expect(state().notices).toEqual([]);
    expect(state().lab?.experiments).toHaveLength(1);

    await state().confirmPendingDerivation();
    expect(state().pendingMultiChange).toBeNull();
    const created = state().lab?.experiments.at(-1);
    expect(created).toMatchObject({ parentId: lab.baseline.id, multiChangeConfirmed: true, seq: 2 });
    expect(state().selectedExperimentId).toBe(created?.id);
  });

  it('drops the pending derivation when the user cancels it', async () => {
    await openLab();
    await state().createExperiment(twoChanges());
    state().cancelPendingDerivation();
    expect(state().pendingMultiChange).toBeNull();
    expect((await lab.t.call('lab.state', { investigationId: lab.id })).experiments).toHaveLength(1);
  });

  it('shows any other refusal as an error notice', async () => {
    await openLab();
    await state().createExperiment({
      parentId: lab.baseline.id,
      params: { ...lab.baseline.params, failContainers: [{ atSec: 99_999 }] },
      runAfter: false,
    });
    expect(state().pendingMultiChange).toBeNull();
    expect(state().notices.map((n) => n.message)).toEqual([
      'experiments.create: params.failContainers[0].atSec: 99999 s is outside the run (0 to 7200 s)',
    ]);
  });
});
