import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shallow } from 'zustand/shallow';
import {
  createTestBackend,
  FIXED_START,
  type TestBackend,
} from '../../../electron/backend/services/test-backend';
import { RULES } from '../../../shared/domain/rules';
import { installClient } from '../../state/client-ref';
import { createPeelStore } from '../../state/store';
import { createTestClient, type TestClient } from '../../state/test-client';
import { availableCommands, commandInputs, paletteCommands, runCommand } from './commands';

let t: TestBackend;
let client: TestClient;
let store: ReturnType<typeof createPeelStore>;

beforeEach(() => {
  t = createTestBackend();
  client = createTestClient(t.backend);
  installClient(client);
  store = createPeelStore();
});
afterEach(() => t.dispose());

const ids = () => availableCommands(store.getState()).map((command) => command.id);
const ALL_ITEMS = RULES.flatMap((rule) => rule.checklist);

async function openNewInvestigation(title = 'Direct OOMs') {
  const investigation = await t.call('investigations.create', { title, summary: '', startedAt: FIXED_START });
  store.getState().navigate({ name: 'investigation', id: investigation.id });
  await vi.waitFor(() => expect(store.getState().detail?.investigation.id).toBe(investigation.id));
  return investigation;
}

/** What the palette lists for a query. */
const paletteFor = (query: string) => paletteCommands(store.getState(), query);

describe('on the home screen', () => {
  it('offers the general commands and search, but nothing that needs an investigation', () => {
    expect(ids()).toEqual([
      'investigation.new',
      'palette.open',
      'help.open',
      'sample.open',
      'nav.home',
      'search.focus',
      'bundle.import',
      'drills.open',
      'drills.surprise',
      'drills.author',
      'cohort.open',
    ]);
  });

  it('offers to open each listed investigation', async () => {
    const first = await t.call('investigations.create', { title: 'First', summary: '', startedAt: 0 });
    await store.getState().loadInvestigations();
    const open = availableCommands(store.getState()).find((command) => command.id === `open.${first.id}`);
    expect(open?.title).toBe('Open: First');
    expect(runCommand(store.getState(), `open.${first.id}`)).toBe(true);
    expect(store.getState().route).toEqual({ name: 'investigation', id: first.id });
    await vi.waitFor(() => expect(store.getState().detail?.investigation.title).toBe('First'));
  });

  it('runs the general commands through the slices', () => {
    expect(runCommand(store.getState(), 'investigation.new')).toBe(true);
    expect(store.getState().overlay).toBe('new-investigation');
    expect(runCommand(store.getState(), 'help.open')).toBe(true);
    expect(store.getState().overlay).toBe('help');
    expect(runCommand(store.getState(), 'search.focus')).toBe(true);
    expect(store.getState().focusRequest?.target).toBe('search');
  });

  it('refuses a command that only applies inside an investigation', () => {
    expect(runCommand(store.getState(), 'checklist.toggle.fail.restarts')).toBe(false);
    expect(runCommand(store.getState(), 'audit.toggle')).toBe(false);
    expect(client.calls).toEqual([]);
  });
});

describe('in an investigation', () => {
  it('offers the investigation, rule and checklist commands, and no search', async () => {
    await openNewInvestigation();
    const available = ids();
    expect(available).not.toContain('search.focus');
    for (const id of ['investigation.new', 'nav.home', 'audit.toggle', 'hypothesis.new', 'note.new']) {
      expect(available).toContain(id);
    }
    for (const rule of RULES) {
      expect(available).toContain(`rule.go.${rule.id}`);
      expect(available).toContain(`note.rule.${rule.id}`);
    }
    expect(available.filter((id) => id.startsWith('checklist.toggle.'))).toHaveLength(ALL_ITEMS.length);
    expect(new Set(available).size).toBe(available.length);
  });

  it('reaches every checklist item from the palette by its text, and ticks it for real', async () => {
    const investigation = await openNewInvestigation();
    for (const item of ALL_ITEMS) {
      const [best] = paletteFor(item.text);
      expect(best?.id).toBe(`checklist.toggle.${item.id}`);
      expect(best?.title).toBe(`Tick: ${item.text}`);
      best?.run(store.getState());
    }
    await vi.waitFor(() =>
      expect(
        store.getState().detail?.checklist.filter((tick) => tick.ticked && tick.by === 'tester'),
      ).toHaveLength(ALL_ITEMS.length),
    );
    const stored = await t.call('investigations.get', { id: investigation.id });
    expect(
      stored.checklist
        .filter((tick) => tick.ticked)
        .map((tick) => tick.itemId)
        .sort(),
    ).toEqual(ALL_ITEMS.map((item) => item.id).sort());
    // Each command now offers the opposite.
    for (const item of ALL_ITEMS) {
      const command = availableCommands(store.getState()).find(
        (each) => each.id === `checklist.toggle.${item.id}`,
      );
      expect(command?.title).toBe(`Untick: ${item.text}`);
    }
  });

  it('unticks through the same command', async () => {
    const investigation = await openNewInvestigation();
    expect(runCommand(store.getState(), 'checklist.toggle.fail.restarts')).toBe(true);
    await vi.waitFor(() => expect(store.getState().detail?.checklist[0]?.by).toBe('tester'));
    expect(runCommand(store.getState(), 'checklist.toggle.fail.restarts')).toBe(true);
    // The stored answer (by the backend's user) replaces the optimistic untick.
    await vi.waitFor(() =>
      expect(store.getState().detail?.checklist[0]).toMatchObject({ ticked: false, by: 'tester' }),
    );
    expect((await t.call('investigations.get', { id: investigation.id })).checklist[0]?.ticked).toBe(false);
  });

  it('jumps to a rule, toggles the trail, and focuses the note and hypothesis inputs', async () => {
    await openNewInvestigation();
    runCommand(store.getState(), 'rule.go.make-it-fail');
    expect(store.getState().focusedRule).toBe('make-it-fail');
    const open = store.getState().auditPanelOpen;
    const toggle = availableCommands(store.getState()).find((command) => command.id === 'audit.toggle');
    expect(toggle?.title).toBe(open ? 'Hide audit trail' : 'Show audit trail');
    runCommand(store.getState(), 'audit.toggle');
    expect(store.getState().auditPanelOpen).toBe(!open);
    runCommand(store.getState(), 'hypothesis.new');
    expect(store.getState().focusRequest?.target).toBe('hypothesis');
    runCommand(store.getState(), 'note.rule.check-the-plug');
    expect(store.getState().focusRequest?.target).toBe('note:check-the-plug');
  });

  it('goes home', async () => {
    await openNewInvestigation();
    expect(runCommand(store.getState(), 'nav.home')).toBe(true);
    expect(store.getState().route).toEqual({ name: 'home' });
    expect(ids()).toContain('search.focus');
  });
});

describe('runCommand', () => {
  it('returns false for an unknown id and does nothing', () => {
    const before = store.getState();
    expect(runCommand(store.getState(), 'no.such.command')).toBe(false);
    expect(runCommand(store.getState(), '')).toBe(false);
    expect(store.getState()).toBe(before);
  });
});

describe('what the palette subscribes to', () => {
  it('lists the same commands from the inputs alone as from the whole state', async () => {
    await openNewInvestigation();
    await store.getState().loadInvestigations();
    const titles = (commands: ReturnType<typeof availableCommands>) =>
      commands.map((c) => `${c.id} ${c.title}`);
    expect(titles(availableCommands(commandInputs(store.getState())))).toEqual(
      titles(availableCommands(store.getState())),
    );
  });

  it('changes when a command would, not when unrelated state does', async () => {
    await openNewInvestigation();
    const before = commandInputs(store.getState());
    store.getState().setMetric('heap');
    store.getState().openOverlay('palette');
    expect(shallow(commandInputs(store.getState()), before)).toBe(true);
    store.getState().toggleAuditPanel();
    expect(shallow(commandInputs(store.getState()), before)).toBe(false);
  });
});
