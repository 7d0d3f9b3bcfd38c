import { describe, expect, it } from 'vitest';
import { newInvestigation } from '../../electron/backend/services/lab/test-lab';
import { labFixtureForEachTest } from './lab-fixture.test-support';

const lab = labFixtureForEachTest();
const state = lab.state;
const OFF_HEAP = 'taskmanager.memory.task.off-heap.size';

describe('the memory editor', () => {
  it('previews a configuration, then applies it to the lab and drops the preview', async () => {
    await state().loadLab(lab.id);
    await state().previewMemory({ [OFF_HEAP]: '1g' });
    const preview = state().memoryPreview;
    if (!preview?.ok) throw new Error(`expected a preview, got ${JSON.stringify(preview)}`);
    expect(preview.memory.taskOffHeap).toBe(2 ** 30);
    expect(state().lab?.configOverrides).toEqual({});

    expect(await state().applyConfig({ [OFF_HEAP]: '1g' })).toBe(true);
    expect(state().memoryPreview).toBeNull();
    expect(state().lab?.configOverrides).toEqual({ [OFF_HEAP]: '1g' });
  });

  it('keeps the lab as it was when the backend refuses the configuration, saying why', async () => {
    await state().loadLab(lab.id);
    expect(await state().applyConfig({ [OFF_HEAP]: 'lots' })).toBe(false);
    expect(state().lab?.configOverrides).toEqual({});
    expect(state().notices.map((n) => n.message)).toEqual([
      expect.stringMatching(/^lab\.setConfigOverrides: .*Could not parse value 'lots'/),
    ]);
  });

  it("forgets the preview when another investigation's lab opens", async () => {
    await state().loadLab(lab.id);
    await state().previewMemory({ [OFF_HEAP]: '1g' });
    expect(state().memoryPreview).not.toBeNull();
    await state().loadLab(await newInvestigation(lab.t, 'Another'));
    expect(state().memoryPreview).toBeNull();
  });
});
