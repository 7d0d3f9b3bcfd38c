import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestBackend } from '../test-backend';
import {
  createBaseline,
  eventsOfKind,
  newInvestigation,
  newLabInvestigation,
  runToEnd,
  SMALL,
} from './test-lab';

let t: TestBackend;
let id: string;
beforeEach(async () => {
  ({ t, id } = await newLabInvestigation());
});
afterEach(() => t.dispose());

describe('the preflight (check the plug)', () => {
  it('checks the settings, the metric, the baseline, the schedule and the GC flags, on the record', async () => {
    const baseline = await createBaseline(t, id);
    expect((await t.call('lab.state', { investigationId: id })).nextStep.title).toBe('Check the plug');
    const preflight = await t.call('lab.preflight', { investigationId: id, experimentId: baseline.id });
    expect(preflight.experimentId).toBe(baseline.id);
    expect(preflight.checks.map((check) => [check.id, check.ok])).toEqual([
      ['config', true],
      ['metric', true],
      ['baseline', false],
      ['schedule', true],
      ['gc-flags', true],
    ]);
    const detail = Object.fromEntries(preflight.checks.map((check) => [check.id, check.detail]));
    expect(detail.config).toMatch(
      /-XX:MaxDirectMemorySize=\d+.*; direct limit .* = framework off-heap .* \+ task off-heap .* \+ network/,
    );
    expect(detail.metric).toMatch(/Status\.JVM\.Memory\.Direct\.MemoryUsed/);
    expect(detail.baseline).toBe(
      'no run yet: run experiment #1 to have the baseline later experiments are compared with',
    );
    expect(detail.schedule).toMatch(
      /^dry run: 1 container shut down at 600 s, job restarted \d+×; 11 shutdowns scheduled$/,
    );
    expect(detail['gc-flags']).toMatch(/-XX:\+DisableExplicitGC is set/);

    const [event] = await eventsOfKind(t, id, 'experiment.preflight');
    expect(event).toMatchObject({
      ruleId: 'check-the-plug',
      payload: { experimentId: baseline.id, experimentSeq: 1, checks: preflight.checks },
    });
    const lab = await t.call('lab.state', { investigationId: id });
    expect(lab.preflight).toEqual(preflight);
    expect(lab.nextStep.title).toBe('Run the baseline');
    // Before any run only what the preflight itself established is ticked, each naming the preflight event; the
    // baseline and the failures firing need a run, the metric and the memory model a person's look.
    const preflightSeq = event!.seq;
    const ticks = await eventsOfKind(t, id, 'checklist.ticked');
    expect(ticks.map((e) => e.payload.itemId).sort()).toEqual(['plug.gc-flags', 'plug.memory-settings']);
    for (const tick of ticks) expect(tick.payload.evidenceEventSeq).toBe(preflightSeq);
    const suggested = lab.evidence.filter((e) => e.mode === 'suggest').map((e) => e.itemId);
    expect(suggested).toEqual(
      expect.arrayContaining(['understand.topology', 'understand.memory-model', 'plug.right-metric']),
    );
  });

  it('names the run that is the baseline once there is one', async () => {
    const baseline = await createBaseline(t, id);
    await runToEnd(t, baseline.id);
    const preflight = await t.call('lab.preflight', { investigationId: id, experimentId: baseline.id });
    expect(preflight.checks.find((check) => check.id === 'baseline')).toMatchObject({
      ok: true,
      detail: 'run #1 is the baseline',
    });
    // The run, not the preflight, proves the baseline and that the failures fired: their ticks name its event.
    const [completed] = await eventsOfKind(t, id, 'run.completed');
    const ticks = await eventsOfKind(t, id, 'checklist.ticked');
    const byItem = new Map(ticks.map((e) => [e.payload.itemId, e.payload.evidenceEventSeq]));
    expect(byItem.get('plug.baseline')).toBe(completed!.seq);
    expect(byItem.get('plug.failures-fired')).toBe(completed!.seq);
    expect(byItem.has('look.events')).toBe(false);
    expect(byItem.has('look.direct-graph')).toBe(false);
  });

  it('fails the schedule check when nothing will be shut down, and ticks nothing for it', async () => {
    const calm = await createBaseline(t, id, { ...SMALL, failContainers: [] });
    const preflight = await t.call('lab.preflight', { investigationId: id, experimentId: calm.id });
    expect(preflight.checks.find((check) => check.id === 'schedule')).toMatchObject({
      ok: false,
      detail: 'no container shutdowns are scheduled: without restarts a leak per restart cannot show',
    });
    const ticked = (await eventsOfKind(t, id, 'checklist.ticked')).map((e) => e.payload.itemId);
    expect(ticked).not.toContain('plug.failures-fired');
    expect(ticked).toContain('plug.memory-settings');
  });

  it('fails the schedule check when the dry run shows the first shutdown does not happen', async () => {
    // A shutdown at the very end of the run is scheduled but never fires.
    const late = await createBaseline(t, id, { ...SMALL, failContainers: [{ atSec: 7200 }] });
    const preflight = await t.call('lab.preflight', { investigationId: id, experimentId: late.id });
    expect(preflight.checks.find((check) => check.id === 'schedule')).toMatchObject({
      ok: false,
      detail: 'dry run: nothing was shut down at 7200 s',
    });
  });

  it("refuses another investigation's experiment", async () => {
    const other = await newInvestigation(t, 'Another');
    const foreign = await createBaseline(t, other);
    const error = await t.fail('lab.preflight', { investigationId: id, experimentId: foreign.id });
    expect(error).toMatchObject({
      code: 'invalid-request',
      message: 'lab.preflight: experimentId: the experiment belongs to another investigation.',
    });
    expect(await eventsOfKind(t, id, 'experiment.preflight')).toEqual([]);
  });
});
