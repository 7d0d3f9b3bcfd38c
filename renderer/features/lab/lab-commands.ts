// The lab's actions as commands, so the palette (and its shortcuts) reach every one of them: the suggested next
// step, run, derive, preflight, auto-peel, compare, apply or remove a fix, cancel, resolve. The next step's banner
// runs the same action as its command, so a step's button and the palette never disagree.
import type { NextStepAction } from '../../../shared/contract/lab-entities';
import type { PeelState } from '../../state/peel-state';
import type { Command, CommandInputs } from '../palette/command';

/** Switches to the lab with the experiment selected, so what the command starts is on screen. */
function showExperiment(state: PeelState, experimentId: string): void {
  state.setView('lab');
  state.selectExperiment(experimentId);
}

/** Runs a next step's one-click action (see shared/domain/lab/next-step.ts). */
export function runNextStepAction(state: PeelState, action: NextStepAction): void {
  const id = action.experimentId;
  switch (action.kind) {
    case 'run':
      if (!id) return;
      showExperiment(state, id);
      void state.startRun(id);
      return;
    case 'preflight':
      if (!id) return;
      showExperiment(state, id);
      void state.runPreflight(id);
      return;
    case 'apply-fix':
    case 'remove-fix':
      if (!id || !action.fixId) return;
      showExperiment(state, id);
      void state.applyFix(id, action.fixId, action.kind === 'apply-fix');
      return;
    case 'open-derive':
      if (!id) return;
      showExperiment(state, id);
      state.requestFocus(`derive:${id}`);
      return;
    case 'resolve':
      state.setView('lab');
      state.requestFocus('resolution');
      return;
    case 'export':
      state.setView('notebook');
      state.requestFocus('export-menu');
      return;
  }
}

/** Creates (and, from a parent, runs) the experiment a next step derives. */
export function runNextStepDerivation(state: PeelState): void {
  const lab = state.lab;
  const derive = lab?.nextStep.derive;
  if (!lab || !derive || !lab.scenarioId) return;
  const parent = derive.fromExperimentId
    ? lab.experiments.find((e) => e.id === derive.fromExperimentId)
    : null;
  const params = parent
    ? { ...parent.params, ...derive.changes }
    : { scenario: lab.scenarioId, ...derive.changes };
  state.setView('lab');
  void state.createExperiment({
    parentId: parent?.id ?? null,
    params,
    label: derive.label,
    runAfter: parent !== null,
  });
}

/** The label of the next step's one click, or null when the step has none. */
export function nextStepLabel(state: Pick<CommandInputs, 'lab'>): string | null {
  const next = state.lab?.nextStep;
  if (!next) return null;
  if (next.derive) {
    const parent = next.derive.fromExperimentId !== null;
    return parent ? `Run: ${next.derive.label}` : 'Create the baseline';
  }
  return next.action?.label ?? null;
}

export function labCommands(state: CommandInputs): Command[] {
  const lab = state.lab;
  const detail = state.detail;
  if (
    state.route.name !== 'investigation' ||
    !detail ||
    !lab ||
    state.labInvestigationId !== detail.investigation.id
  )
    return [];
  const readOnly = state.exchange?.imported != null;
  const commands: Command[] = [
    {
      id: 'lab.open',
      title: 'Open the lab: make it fail, peel, verify',
      group: 'Lab',
      shortcut: 'L',
      run: (s) => s.setView('lab'),
    },
  ];
  if (readOnly) return commands;
  const next = lab.nextStep;
  const label = nextStepLabel(state);
  if (label && (next.derive || next.action)) {
    commands.push({
      id: 'lab.next-step',
      title: `Next step: ${label.replace(/…$/, '')} (${next.title})`,
      group: 'Lab',
      shortcut: 'S',
      run: (s) => {
        const current = s.lab?.nextStep;
        if (current?.derive) runNextStepDerivation(s);
        else if (current?.action) runNextStepAction(s, current.action);
      },
    });
  }
  const experiment = lab.experiments.find((e) => e.id === state.selectedExperimentId);
  if (experiment) {
    const ref = `experiment #${experiment.seq}: ${experiment.label}`;
    const running = experiment.runs.find((run) => run.status === 'running');
    commands.push(
      {
        id: 'lab.run',
        title: `${experiment.runs.length > 0 ? 'Run again' : 'Run'} ${ref}`,
        group: 'Lab',
        shortcut: 'R',
        run: (s) => {
          showExperiment(s, experiment.id);
          void s.startRun(experiment.id);
        },
      },
      {
        id: 'lab.derive',
        title: `Derive an experiment from #${experiment.seq}…`,
        group: 'Lab',
        shortcut: 'D',
        run: (s) => {
          showExperiment(s, experiment.id);
          s.requestFocus(`derive:${experiment.id}`);
        },
      },
      {
        id: 'lab.preflight',
        title: `Check the plug (preflight) on #${experiment.seq}`,
        group: 'Lab',
        run: (s) => {
          showExperiment(s, experiment.id);
          void s.runPreflight(experiment.id);
        },
      },
    );
    // The experiment's latest completed run whose data is still on disk.
    const selected = experiment.runs.filter((run) => run.status === 'completed' && !run.dataDiscarded).at(-1);
    if (selected)
      commands.push({
        id: 'lab.discard-run-data',
        title: `Discard the data of run #${selected.seq} (results and audit events stay)`,
        group: 'Lab',
        run: (s) => void s.discardRunData(selected.id),
      });
    if (running)
      commands.push({
        id: 'lab.cancel-run',
        title: `Cancel run #${running.seq}`,
        group: 'Lab',
        run: (s) => void s.cancelRun(running.id),
      });
    if (!experiment.params.control)
      commands.push({
        id: 'lab.auto-peel',
        title: `Auto-peel sweep of #${experiment.seq}: every single-layer and single-operator removal`,
        group: 'Lab',
        run: (s) => {
          showExperiment(s, experiment.id);
          void s.startSweep(experiment.id, 'both');
        },
      });
    const scenario = state.scenarios.find((c) => c.id === experiment.params.scenario);
    for (const fix of scenario?.fixes ?? []) {
      const applied = experiment.params.fixes.includes(fix.id);
      commands.push({
        id: `lab.fix.${fix.id}`,
        title: applied
          ? `Run #${experiment.seq} without fix ${fix.id}`
          : `Apply fix ${fix.id} to #${experiment.seq} and re-run`,
        group: 'Lab',
        run: (s) => {
          showExperiment(s, experiment.id);
          void s.applyFix(experiment.id, fix.id, !applied);
        },
      });
    }
  }
  if (state.sweep && state.sweep.result === null)
    commands.push({
      id: 'lab.cancel-sweep',
      title: 'Cancel the auto-peel sweep',
      group: 'Lab',
      run: (s) => void s.cancelSweep(),
    });
  if (state.compareRunIds.length >= 2)
    commands.push({
      id: 'lab.compare',
      title: `Compare the ${state.compareRunIds.length} selected runs`,
      group: 'Lab',
      shortcut: 'C',
      run: (s) => {
        s.setView('lab');
        void s.openComparison();
      },
    });
  if (lab.experiments.some((e) => e.params.fixes.length > 0) && !lab.resolution)
    commands.push({
      id: 'lab.resolve',
      title: 'Mark the investigation resolved…',
      group: 'Lab',
      run: (s) => {
        s.setView('lab');
        s.requestFocus('resolution');
      },
    });
  return commands;
}
