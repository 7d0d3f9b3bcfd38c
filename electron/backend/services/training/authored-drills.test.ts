// The instructor's drills through the real services: previewed for solvability, saved (listed, recorded in the
// trail, started by id), a drill file read back or refused with what and where, a drill made from a finished
// investigation (a built-in scenario's and a drill's replay), and one trainee's scorecard as a report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../../../shared/sim/scenarios/catalog';
import { DEFECT_KIND_INFO, findDrill, writeDrillFile } from '../../../../shared/training';
import { createBaseline, createLabBackend, newInvestigation, runToEnd, SCENARIO } from '../lab/test-lab';
import type { TestBackend } from '../test-backend';

let t: TestBackend;
beforeAll(() => {
  t = createLabBackend();
});
afterAll(() => t.dispose());

const authored = () => ({
  ...findDrill('sawtooth')!,
  id: 'team-sawtooth',
  title: 'Our own saw-tooth',
  page: 'CRITICAL {job}: direct memory of {taskManagers} TaskManagers since {firstSymptomAt}',
  budgetHours: 30,
});

describe("an instructor's drill", () => {
  it('previews a drill: every seed tried separates the culprit from the innocents, naming no operator', async () => {
    const preview = await t.call('drills.preview', { drill: authored() });
    expect(preview.seeds.length).toBeGreaterThanOrEqual(3);
    expect(preview.solvable).toBe(true);
    for (const seed of preview.seeds) {
      expect(seed.checks.map((check) => check.what)).toContain('baseline (the job as paged)');
      for (const check of seed.checks) expect(check.shows).toBe(check.expected);
    }
  }, 120_000);

  it('preview says which seed is not solvable when the fault load cannot show the leak', async () => {
    // No restarts for the whole run: nothing is left behind, so the baseline does not fail.
    const quiet = {
      ...authored(),
      faults: { shutdownEveryMinutes: [240, 240], containersPerShutdown: [1, 1] },
      dashboardHours: 2,
    };
    const preview = await t.call('drills.preview', { drill: quiet });
    expect(preview.solvable).toBe(false);
    const failed = preview.seeds
      .flatMap((seed) => seed.checks)
      .find((check) => check.shows !== check.expected);
    expect(failed?.reason.length).toBeGreaterThan(5);
  }, 120_000);

  it('refuses a malformed definition naming the field', async () => {
    const bad = await t.fail('drills.preview', { drill: { ...authored(), template: { sources: [3, 1] } } });
    expect(bad.message).toMatch(/^drills\.preview: drill\.template\./);
    const herring = await t.fail('drills.save', {
      drill: { ...authored(), redHerrings: ['map-not-freed-in-close'] },
    });
    expect(herring.message).toMatch(/drill\.redHerrings\[0\]/);
  });

  it('saves a drill: listed as authored, recorded in the trail, started by its id', async () => {
    const saved = await t.call('drills.save', { drill: authored() });
    expect(saved.fileName).toBe('team-sawtooth.peel-drill.json');
    expect(JSON.parse(saved.text)).toMatchObject({
      format: 'peel-drill',
      version: 1,
      drill: { id: 'team-sawtooth' },
    });
    const list = await t.call('drills.list', {});
    expect(list.find((drill) => drill.id === 'team-sawtooth')).toMatchObject({
      authored: true,
      budgetHours: 30,
    });
    expect(list.find((drill) => drill.id === 'sawtooth')).toMatchObject({ authored: false });
    const events = t.backend.context.store.training.authoredDrillEvents();
    expect(events.at(-1)).toMatchObject({ kind: 'drill.authored', investigationId: null });
    expect(events.at(-1)!.payload).toMatchObject({ drillId: 'team-sawtooth', file: saved.text });
    expect((await t.call('audit.verify', {})).ok).toBe(true);
    const session = await t.call('drills.start', { drillId: 'team-sawtooth', seed: 2 });
    expect(session.view.drill.title).toBe('Our own saw-tooth');
    expect(session.budgetHours).toBe(30);
    // Saved again under the same id: the latest save is the drill.
    await t.call('drills.save', { drill: { ...authored(), budgetHours: 40 } });
    const again = await t.call('drills.list', {});
    expect(again.filter((drill) => drill.id === 'team-sawtooth')).toHaveLength(1);
    expect(again.find((drill) => drill.id === 'team-sawtooth')!.budgetHours).toBe(40);
  }, 60_000);

  it('refuses to save over a drill Peel ships', async () => {
    const error = await t.fail('drills.save', {
      drill: findDrill('sawtooth')! as unknown as Record<string, unknown>,
    });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/drill\.id/);
  });

  it('reads a drill file back for editing, refusing a malformed or newer one with what and where', async () => {
    const text = writeDrillFile(authored());
    const read = await t.call('drills.readFile', { drillFile: text, fileName: 'ours.json' });
    expect(read.drill).toMatchObject({ id: 'team-sawtooth', budgetHours: 30 });
    expect(read.pinned).toBe(false);
    const broken = await t.fail('drills.readFile', {
      drillFile: text.replace('"version": 1,', '"version": 1'),
      fileName: 'ours.json',
    });
    expect(broken.message).toMatch(/ours\.json is not valid JSON at line \d+, column \d+/);
    const newer = await t.fail('drills.readFile', {
      drillFile: text.replace('"version": 1', '"version": 3'),
      fileName: 'n.json',
    });
    expect(newer.message).toMatch(/n\.json was written by a newer Peel \(drill version 3/);
    const field = await t.fail('drills.readFile', {
      drillFile: text.replace('"budgetHours": 30', '"budgetHours": "x"'),
      fileName: 'f.json',
    });
    expect(field.message).toMatch(/f\.json: drill\.budgetHours: /);
    expect(field.details).toMatchObject({ field: 'drill.budgetHours' });
  });

  it('saves a drill from its file text, and the desktop save dialog is refused without the desktop app', async () => {
    const text = writeDrillFile({ ...authored(), id: 'from-file', title: 'From a file' });
    const saved = await t.call('drills.save', { drillFile: text, fileName: 'from-file.json' });
    expect(saved.listing).toMatchObject({ id: 'from-file', authored: true });
    const refused = await t.fail('drills.saveFile', { drillId: 'from-file' });
    expect(refused.message).toMatch(/^drills\.saveFile: .*desktop app/);
  });
});

describe('turning an investigation into a drill', () => {
  it("makes a built-in scenario's investigation a drill: its solution hidden, its shape, memory and faults kept", async () => {
    const id = await newInvestigation(t, 'The ads pipeline, March');
    await t.call('lab.setScenario', { investigationId: id, scenarioId: SCENARIO });
    const refused = await t.fail('drills.fromInvestigation', { investigationId: id });
    expect(refused.message).toMatch(/make it fail first/);
    const baseline = await createBaseline(t, id);
    await runToEnd(t, baseline.id);
    const saved = await t.call('drills.fromInvestigation', { investigationId: id });
    expect(saved.listing).toMatchObject({ authored: true, fromInvestigation: true });
    expect(saved.listing.title).toContain('The ads pipeline, March');
    const file = JSON.parse(saved.text) as { drill: Record<string, unknown> };
    expect(file.drill.defects).toEqual(['map-not-freed-in-close']);
    // SMALL shuts a container down every ten minutes, one at a time, on two TaskManagers for two hours.
    expect(file.drill.faults).toMatchObject({
      shutdownEveryMinutes: [10, 10],
      containersPerShutdown: [1, 1],
    });
    expect(file.drill).toMatchObject({ dashboardHours: 2, parallelism: 2 });
    // The file does not name the scenario it came from.
    expect(saved.text).not.toContain(SCENARIO);
    const session = await t.call('drills.start', { drillId: saved.listing.id, seed: 3 });
    expect(session.view.drill.id).toBe(saved.listing.id);
    // What the trainee gets from a drill made of an investigation names neither its scenario nor its cause.
    const trainee = JSON.stringify([
      session,
      await t.call('drills.list', {}),
      await t.call('drills.session', { investigationId: session.investigationId }),
      await t.call('lab.state', { investigationId: session.investigationId }),
    ]);
    const scenario = SCENARIOS.find((s) => s.id === SCENARIO)!;
    for (const secret of [
      SCENARIO,
      scenario.title,
      scenario.hiddenCause,
      DEFECT_KIND_INFO['map-not-freed-in-close'].label,
    ])
      expect(trainee.replaceAll(/"causes":\[[^\]]*\]/g, '')).not.toContain(secret);
    // The investigation's own shape and faults still make a drill the method solves.
    const preview = await t.call('drills.preview', { drill: file.drill });
    expect(preview.seeds.flatMap((seed) => seed.checks).filter((c) => c.shows !== c.expected)).toEqual([]);
  }, 60_000);

  it("makes a drill's investigation its replay: the same variant for every trainee", async () => {
    const first = await t.call('drills.start', { drillId: 'restart-staircase', seed: 17 });
    const saved = await t.call('drills.fromInvestigation', { investigationId: first.investigationId });
    expect(JSON.parse(saved.text)).toHaveProperty('pinned');
    expect(saved.text).not.toMatch(/"seed"/);
    const replay = await t.call('drills.start', { drillId: saved.listing.id });
    expect(replay.view.topology).toEqual(first.view.topology);
    expect(replay.view.page.alert).toBe(first.view.page.alert);
  }, 60_000);

  it('refuses an investigation without a scenario', async () => {
    const id = await newInvestigation(t, 'Nothing picked');
    const error = await t.fail('drills.fromInvestigation', { investigationId: id });
    expect(error.message).toMatch(/^drills\.fromInvestigation: investigationId: /);
  });
});

describe("a trainee's report", () => {
  it('renders the scorecard as Markdown and HTML, each line linked to the events behind it', async () => {
    const session = await t.call('drills.start', { drillId: 'restart-staircase', seed: 5 });
    await t.call('drills.takeHint', {
      investigationId: session.investigationId,
      hintId: session.view.hints[0]!.id,
    });
    const card = await t.call('drills.scorecard', { investigationId: session.investigationId });
    const md = await t.call('drills.traineeReport', {
      investigationId: session.investigationId,
      format: 'md',
    });
    expect(md.fileName).toMatch(/\.md$/);
    for (const line of card.lines) {
      expect(md.text).toContain(line.title);
      for (const seq of line.eventSeqs) {
        expect(md.text).toContain(`](#event-${seq})`);
        expect(md.text).toContain(`<a id="event-${seq}"></a>`);
      }
    }
    const html = await t.call('drills.traineeReport', {
      investigationId: session.investigationId,
      format: 'html',
    });
    expect(html.mimeType).toBe('text/html');
    expect(html.text).toMatch(/^<!doctype html>/);
    expect(html.text).not.toMatch(/<script/i);
    const linked = card.lines.flatMap((line) => line.eventSeqs);
    expect(linked.length).toBeGreaterThan(0);
    for (const seq of linked) expect(html.text).toContain(`id="event-${seq}"`);
  }, 60_000);
});

describe('lab calls inside a drill', () => {
  it("previews memory on the drill's own scenario", async () => {
    const session = await t.call('drills.start', { drillId: 'open-fails', seed: 4 });
    const preview = await t.call('lab.previewMemory', {
      scenarioId: 'drill',
      variant: null,
      configOverrides: { 'taskmanager.memory.task.off-heap.size': '1g' },
      investigationId: session.investigationId,
    });
    expect(preview.ok).toBe(true);
    const without = await t.fail('lab.previewMemory', {
      scenarioId: 'drill',
      variant: null,
      configOverrides: {},
    });
    expect(without.message).toMatch(/scenarioId/);
  }, 60_000);
});
