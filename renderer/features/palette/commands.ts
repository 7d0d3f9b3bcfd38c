// Every action Peel offers, as commands: the palette lists them, shortcuts and the application menu run them.
// Commands read the current state to decide whether they apply, and act through slice actions only.
import { RULES } from '../../../shared/domain/rules';
import type { PeelState } from '../../state/peel-state';
import { exchangeCommands } from '../exchange/exchange-commands';
import { labCommands } from '../lab/lab-commands';
import { trainingCommands } from '../training/training-commands';
import type { Command, CommandInputs } from './command';
import { rankCommands } from './command-rank';

export type { Command };

function generalCommands(state: CommandInputs): Command[] {
  return [
    {
      id: 'investigation.new',
      title: 'New investigation',
      group: 'General',
      shortcut: 'N',
      run: (s) => s.openOverlay('new-investigation'),
    },
    {
      id: 'palette.open',
      title: 'Command palette',
      group: 'General',
      shortcut: 'Mod K',
      run: (s) => s.openOverlay('palette'),
    },
    {
      id: 'help.open',
      title: 'Keyboard shortcuts',
      group: 'General',
      shortcut: '?',
      run: (s) => s.openOverlay('help'),
    },
    {
      id: 'sample.open',
      title: 'Open the worked example: the Pinterest direct-memory leak, solved step by step',
      group: 'General',
      run: (s) => void s.openWorkedExample(),
    },
    {
      id: 'nav.home',
      title: 'Go to investigations',
      group: 'Navigate',
      shortcut: 'H',
      run: (s) => s.navigate({ name: 'home' }),
    },
    ...(state.route.name === 'home'
      ? [
          {
            id: 'search.focus',
            title: 'Search investigations',
            group: 'Navigate' as const,
            shortcut: '/',
            run: (s: PeelState) => s.requestFocus('search'),
          },
        ]
      : []),
  ];
}

function investigationCommands(state: CommandInputs): Command[] {
  const detail = state.detail;
  if (state.route.name !== 'investigation' || !detail) return [];
  const ticked = new Set(detail.checklist.filter((tick) => tick.ticked).map((tick) => tick.itemId));
  return [
    {
      id: 'audit.toggle',
      title: state.auditPanelOpen ? 'Hide audit trail' : 'Show audit trail',
      group: 'Investigation',
      shortcut: 'A',
      run: (s) => s.toggleAuditPanel(),
    },
    {
      id: 'trail.open',
      title: 'Open the trail: every event, filtered and searchable',
      group: 'Investigation',
      shortcut: 'T',
      run: (s) => s.setView('trail'),
    },
    {
      id: 'audit.verify',
      title: 'Verify the audit trail (hash chain and append-only triggers)',
      group: 'Investigation',
      run: (s) => {
        // The result shows in the trail's header or the audit panel's: make sure one of them is on screen.
        if (s.view !== 'trail' && !s.auditPanelOpen) s.toggleAuditPanel();
        void s.verifyAudit();
      },
    },
    {
      id: 'audit.replay',
      title: 'Replay the recorded runs: re-run each from its recorded parameters and seed, and compare',
      group: 'Investigation',
      run: (s) => {
        if (!s.detail) return;
        s.setView('trail');
        void s.startReplay(s.detail.investigation.id);
      },
    },
    {
      id: 'hypothesis.new',
      title: 'Add a hypothesis',
      group: 'Investigation',
      shortcut: 'Y',
      run: (s) => s.requestFocus('hypothesis'),
    },
    {
      id: 'note.new',
      title: 'Add a note to the investigation',
      group: 'Investigation',
      shortcut: 'W',
      run: (s) => s.requestFocus('note:investigation'),
    },
    ...RULES.map((rule) => ({
      id: `rule.go.${rule.id}`,
      title: `Go to rule ${rule.number}: ${rule.title}`,
      group: 'Navigate' as const,
      shortcut: String(rule.number),
      run: (s: PeelState) => s.focusRule(rule.id),
    })),
    ...RULES.map((rule) => ({
      id: `note.rule.${rule.id}`,
      title: `Add a note to rule ${rule.number}: ${rule.title}`,
      group: 'Investigation' as const,
      run: (s: PeelState) => s.requestFocus(`note:${rule.id}`),
    })),
    ...RULES.flatMap((rule) =>
      rule.checklist.map((item) => ({
        id: `checklist.toggle.${item.id}`,
        title: `${ticked.has(item.id) ? 'Untick' : 'Tick'}: ${item.text}`,
        group: 'Checklist' as const,
        run: (s: PeelState) => void s.setChecklistItem(item.id, !ticked.has(item.id)),
      })),
    ),
  ];
}

function openCommands(state: CommandInputs): Command[] {
  return state.investigations.slice(0, 50).map((investigation) => ({
    id: `open.${investigation.id}`,
    title: `Open: ${investigation.title}`,
    group: 'Open' as const,
    run: (s: PeelState) => s.navigate({ name: 'investigation', id: investigation.id }),
  }));
}

export function availableCommands(state: CommandInputs): Command[] {
  return [
    ...generalCommands(state),
    ...investigationCommands(state),
    ...labCommands(state),
    ...exchangeCommands(state),
    ...trainingCommands(state),
    ...openCommands(state),
  ];
}

/** The fields of `state` the commands read, picked one by one so a new input cannot be forgotten here. */
export function commandInputs(state: PeelState): CommandInputs {
  const { route, detail, auditPanelOpen, investigations, exchange } = state;
  const { lab, labInvestigationId, selectedExperimentId, sweep, compareRunIds, scenarios, drillSession } =
    state;
  return {
    route,
    detail,
    auditPanelOpen,
    investigations,
    exchange,
    lab,
    labInvestigationId,
    selectedExperimentId,
    sweep,
    compareRunIds,
    scenarios,
    drillSession,
    drills: state.drills,
    cohort: state.cohort,
    authorDraft: state.authorDraft,
  };
}

export function runCommand(state: PeelState, id: string): boolean {
  const command = availableCommands(state).find((candidate) => candidate.id === id);
  command?.run(state);
  return command !== undefined;
}

/** What the palette lists for a query: every command but the palette itself, best match first (title, then group). */
export function paletteCommands(state: CommandInputs, query: string): Command[] {
  return rankCommands(
    availableCommands(state).filter((command) => command.id !== 'palette.open'),
    query,
    (command) => `${command.title} ${command.group}`,
  );
}
