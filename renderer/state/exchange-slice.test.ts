import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createTestBackend,
  FIXED_START,
  type TestBackend,
} from '../../electron/backend/services/test-backend';
import { installClient } from './client-ref';
import { createPeelStore } from './store';
import { createTestClient } from './test-client';

let home: TestBackend;
let t: TestBackend;
let store: ReturnType<typeof createPeelStore>;
let bundleText: string;

beforeEach(async () => {
  // A colleague's small investigation, exported as a bundle from their own database.
  home = createTestBackend();
  const inv = await home.call('investigations.create', {
    title: 'Direct OOMs',
    summary: 'pages',
    startedAt: FIXED_START,
  });
  await home.call('notes.add', { investigationId: inv.id, ruleId: 'make-it-fail', body: 'Paused the sink.' });
  await home.call('hypotheses.add', { investigationId: inv.id, statement: 'The sink leaks', ruleId: null });
  bundleText = (await home.call('exports.render', { investigationId: inv.id, format: 'json' })).text;
  t = createTestBackend();
  installClient(createTestClient(t.backend));
  store = createPeelStore();
});
afterEach(() => {
  home.dispose();
  t.dispose();
});

const state = () => store.getState();

describe('importing a bundle', () => {
  it('opens the imported investigation read-only with its hand-over, and marks it in the list', async () => {
    expect(await state().importBundle(bundleText, 'direct-ooms.peel.json')).toBe(true);
    await vi.waitFor(() => expect(state().exchange?.imported).toBeTruthy());
    const imported = state().exchange!.imported!;
    expect(state().route).toEqual({ name: 'investigation', id: imported.investigationId });
    expect(state().detail?.notes.map((n) => n.body)).toEqual(['Paused the sink.']);
    expect(imported).toMatchObject({ title: 'Direct OOMs', exportedBy: 'tester', chain: { ok: true } });
    expect(imported.handover.openHypotheses).toEqual(['The sink leaks']);
    expect(state().exchangeMarks[imported.investigationId]?.kind).toBe('imported');
    expect(state().notices.at(-1)?.message).toContain('Imported “Direct OOMs” from tester');
    await state().loadImportedTrail();
    // Newest first, as it arrived: the export records itself (and the hand-over tick) before the bundle is written,
    // so the bundle's chain says who exported it.
    expect(imported.exportRecorded).not.toBeNull();
    expect(state().importedTrail.map((e) => e.kind)).toEqual([
      'export.written',
      'checklist.ticked',
      'hypothesis.added',
      'note.added',
      'investigation.created',
    ]);
  });

  it('keeps the refusal in the dialog, saying what is wrong, and stays where it was', async () => {
    expect(await state().importBundle(bundleText.slice(0, 200), 'cut.peel.json')).toBe(false);
    expect(state().importProblem).toMatch(/^bundles\.import: the bundle cut\.peel\.json is truncated/);
    expect(state().route).toEqual({ name: 'home' });
    state().clearImportProblem();
    expect(state().importProblem).toBeNull();
  });

  it('continues the import in a new branch of its own and opens it', async () => {
    await state().importBundle(bundleText);
    await vi.waitFor(() => expect(state().exchange?.imported).toBeTruthy());
    const importedId = state().exchange!.imported!.investigationId;
    await state().continueImported();
    await vi.waitFor(() => expect(state().exchange?.branch).toBeTruthy());
    expect(state().exchange?.branch?.importedInvestigationId).toBe(importedId);
    expect(state().detail?.investigation.title).toBe('Direct OOMs (continued)');
    expect(state().exchangeMarks[state().detail!.investigation.id]?.label).toBe(
      "continues tester's investigation",
    );
  });
});
