// The drill commands for the palette and the shortcuts: open the drill list or the cohort, a surprise drill, and
// in a drill its page, each hint on offer, the diagnosis form and the scorecard.
import type { PeelState } from '../../state/peel-state';
import type { Command, CommandInputs } from '../palette/command';

export function trainingCommands(state: CommandInputs): Command[] {
  const general: Command[] = [
    {
      id: 'drills.open',
      title: 'Drills: train on a hidden cause',
      group: 'Navigate',
      run: (s) => s.navigate({ name: 'drills' }),
    },
    {
      id: 'drills.surprise',
      title: 'Start a drill: surprise me',
      group: 'General',
      run: (s) => void s.startDrill(),
    },
    {
      id: 'drills.author',
      title: 'Author a drill (instructor)',
      group: 'Navigate',
      run: (s) => (s.authorDraft ? s.navigate({ name: 'drill-author' }) : void s.newDrillDraft()),
    },
    {
      id: 'cohort.open',
      title: "Cohort: trainees' drill scorecards",
      group: 'Navigate',
      run: (s) => s.navigate({ name: 'cohort' }),
    },
  ];
  const session = state.drillSession;
  if (state.route.name === 'cohort') {
    general.push({
      id: 'cohort.export',
      title: 'Export the cohort table as CSV',
      group: 'General',
      run: (s) => void s.exportCohortCsv(),
    });
    for (const row of state.cohort)
      for (const format of ['md', 'html'] as const)
        general.push({
          id: `cohort.report.${format}.${row.investigationId}`,
          title: `Export ${row.trainee}'s scorecard (${row.scorecard.title}) as ${format === 'md' ? 'Markdown' : 'HTML'}`,
          group: 'General',
          run: (s) => void s.exportTraineeReport(row.investigationId, format),
        });
  }
  if (state.route.name === 'drill-author' && state.authorDraft)
    general.push(
      {
        id: 'author.preview',
        title: 'Author: preview whether the drill is solvable',
        group: 'General',
        run: (s) => void s.previewDrillDraft(),
      },
      {
        id: 'author.save',
        title: 'Author: save the drill (drill list and file)',
        group: 'General',
        run: (s) => void s.saveDrillDraft(),
      },
      {
        id: 'author.edit',
        title: 'Author: edit the title (first field)',
        group: 'General',
        run: (s) => s.requestFocus('drill-author'),
      },
    );
  if (state.route.name === 'drills')
    general.push(
      ...state.drills.map((drill) => ({
        id: `drills.start.${drill.id}`,
        title: `Start the drill: ${drill.title}`,
        group: 'General' as const,
        run: (s: PeelState) => void s.startDrill(drill.id),
      })),
    );
  if (state.route.name === 'investigation' && state.detail?.investigation.scenarioId)
    general.push({
      id: 'drills.fromInvestigation',
      title: 'Make a drill of this investigation (instructor)',
      group: 'Investigation',
      run: (s) => {
        const id = s.detail?.investigation.id;
        if (id) void s.drillFromInvestigation(id);
      },
    });
  if (
    state.route.name !== 'investigation' ||
    !session ||
    session.investigationId !== state.detail?.investigation.id
  )
    return general;
  const drill: Command[] = [
    {
      id: 'drill.page',
      title: 'Drill: the page, clock, hints and diagnosis',
      group: 'Investigation',
      run: (s) => s.setView('drill'),
    },
    {
      id: 'drill.diagnose',
      title: 'Drill: submit a diagnosis',
      group: 'Investigation',
      run: (s: PeelState) => {
        s.setView('drill');
        s.requestFocus('drill-diagnosis');
      },
    },
    {
      id: 'drill.scorecard',
      title: 'Drill: read the scorecard',
      group: 'Investigation',
      run: (s) => {
        s.setView('drill');
        void s.loadScorecard();
        s.requestFocus('drill-scorecard');
      },
    },
    ...session.view.hints
      .filter((hint) => !session.hintsTaken.some((taken) => taken.hintId === hint.id))
      .map((hint) => ({
        id: `drill.hint.${hint.id}`,
        title: `Drill: take the hint “${hint.title}” (costs ${hint.cost})`,
        group: 'Investigation' as const,
        run: (s: PeelState) => {
          s.setView('drill');
          void s.takeHint(hint.id);
        },
      })),
  ];
  return [...general, ...drill];
}
