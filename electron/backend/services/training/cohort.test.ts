// The instructor's side: a trainee's drill bundle imported (chain verified) and scored the same as live, the
// cohort table and its CSV; a drill bundle changed after export is refused at import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabBackend } from '../lab/test-lab';
import type { TestBackend } from '../test-backend';
import { cohortCsv } from './scorecards';
import { traineeDrill } from './test-drill';

let trainee: Awaited<ReturnType<typeof traineeDrill>>;
let instructor: TestBackend;
beforeAll(async () => {
  trainee = await traineeDrill();
  instructor = createLabBackend();
}, 120_000);
afterAll(() => {
  trainee.t.dispose();
  instructor.dispose();
});

describe('cohort', () => {
  it("imports a trainee's drill bundle and scores it exactly as the trainee's own Peel does", async () => {
    const live = await trainee.t.call('drills.scorecard', { investigationId: trainee.investigationId });
    const info = await instructor.call('bundles.import', { text: trainee.bundle, fileName: 'ann.json' });
    const imported = await instructor.call('drills.scorecard', { investigationId: info.investigationId });
    expect(imported).toEqual(live);
    const rows = await instructor.call('drills.cohort', {});
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ trainee: 'tester', chainVerified: true, scorecard: live });
    const session = await instructor.call('drills.session', { investigationId: info.investigationId });
    expect(session?.diagnoses.map((d) => d.correct)).toEqual([false, true]);
    // The page's dashboard run is the imported copy, under its local id.
    const run = await instructor.call('runs.get', { runId: session!.dashboardRunId! });
    expect(run.run.id).toBe(session!.dashboardRunId);
    expect(instructor.backend.store.runs.get(run.run.id, false)?.investigationId).toBe(info.investigationId);
  });

  it('exports the table as CSV, one row per trainee and one column per scorecard line', async () => {
    const csv = await instructor.call('drills.cohortCsv', {});
    expect(csv.fileName).toMatch(/^peel-cohort-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, row, ...rest] = csv.text.trimEnd().split('\r\n');
    expect(rest).toEqual([]);
    const card = (await instructor.call('drills.cohort', {}))[0]!.scorecard;
    expect(header!.split(',')).toHaveLength(6 + card.lines.length);
    expect(row!.startsWith('tester,')).toBe(true);
    expect(row).toContain(`${card.points},${card.max}`);
  });

  it('quotes cells and neutralises a leading formula in a CSV cell', () => {
    const card = { drillId: 'd', title: '=HYPERLINK("x")', solved: false, points: 1, max: 2, lines: [] };
    const text = cohortCsv([
      { investigationId: 'i', trainee: 'a, b', exportedAt: 0, chainVerified: true, scorecard: card },
    ]);
    expect(text.split('\r\n')[1]).toBe(`"a, b","'=HYPERLINK(""x"")",1970-01-01T00:00:00.000Z,no,1,2`);
  });

  it('refuses a drill bundle whose diagnosis was changed after export, importing nothing', async () => {
    const bundle = JSON.parse(trainee.bundle) as {
      chain: { events: Array<{ kind: string; payload: Record<string, unknown> }> };
    };
    const wrong = bundle.chain.events.find(
      (e) => e.kind === 'diagnosis.submitted' && e.payload.correct === false,
    )!;
    wrong.payload.correct = true;
    const other = createLabBackend();
    try {
      const error = await other.fail('bundles.import', {
        text: JSON.stringify(bundle),
        fileName: 'edited.json',
      });
      expect(error.message).toMatch(/does not verify/);
      expect(await other.call('drills.cohort', {})).toEqual([]);
    } finally {
      other.dispose();
    }
  });
});
