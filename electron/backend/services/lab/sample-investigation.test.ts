// The worked example runs the seed's story at the seed's scale (6 h, parallelism 8) through the real services.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabState } from '../../../../shared/contract/lab-entities';
import { FIXED_START, type TestBackend } from '../test-backend';
import { createSampleInvestigation, SAMPLE_TITLE, type SampleDriver } from './sample-investigation';
import { awaitRun, createLabBackend, eventsOfKind, FIX } from './test-lab';

let t: TestBackend;
let id: string;
let lab: LabState;
let failure: unknown = null;
const steps: string[] = [];
beforeAll(async () => {
  t = createLabBackend();
  const driver = {
    call: t.call.bind(t),
    awaitRun: (runId: string) => awaitRun(t, runId),
    onStep: (step: string) => steps.push(step),
  } as SampleDriver;
  // A step that fails is this suite's first finding; the story up to it is still checked below.
  await createSampleInvestigation(driver, FIXED_START - 3 * 24 * 3600 * 1000, (created) => {
    id = created;
  }).catch((error: unknown) => {
    failure = error;
  });
  lab = await t.call('lab.state', { investigationId: id });
}, 60_000);
afterAll(() => t?.dispose());

const runs = () => lab.experiments.flatMap((e) => e.runs).sort((a, b) => a.seq - b.seq);

describe('the sample investigation', () => {
  it('ends resolved with its A/B/A proof', async () => {
    expect(failure).toBeNull();
    const detail = await t.call('investigations.get', { id });
    expect(detail.investigation).toMatchObject({ title: SAMPLE_TITLE, status: 'resolved' });
    expect(steps.at(-1)).toBe('Done');
    expect(lab.proof).toMatchObject({ complete: true, fixes: [FIX], missing: null });
    expect(lab.resolution?.proofRunIds).toEqual(lab.proof.steps.map((step) => step.runId));
    expect(lab.nextStep.title).toBe('Hand it over');
  });

  it("tells the seed's story: leak, flat control, red herring in layer 2, the map in layer 3", () => {
    const leaky = (verdict: string | null) => verdict === 'leak' || verdict === 'sawtooth';
    const [baseline, control, peeled, withoutLayer3, withoutLayer2, fixed, unfixed, refixed] = runs();
    expect(runs()).toHaveLength(8);
    expect(leaky(baseline!.verdict) && baseline!.ooms! > 0).toBe(true);
    expect(control!.verdict).toBe('flat');
    expect(peeled!.verdict).toBe('flat');
    expect(['flat', 'blip']).toContain(withoutLayer3!.verdict);
    expect(leaky(withoutLayer2!.verdict)).toBe(true);
    expect(fixed!.verdict).toBe('flat');
    expect(leaky(unfixed!.verdict)).toBe(true);
    expect(refixed!.verdict).toBe('flat');
    const status = Object.fromEntries(lab.coverage.map((entry) => [entry.operator, entry.status]));
    expect(status['currency-convert']).toBe('implicated');
    expect(status['kvstore-enrich']).toBe('cleared');
    expect(status['kafka-clicks']).toBe('cleared');
  });

  it('decided both hypotheses from their runs: the RPC buffers refuted, the map supported', async () => {
    const { hypotheses } = await t.call('investigations.get', { id });
    expect(hypotheses.map((h) => [h.statement.slice(0, 12), h.status, h.decidedAutomatically])).toEqual([
      ["Layer 2's Th", 'refuted', true],
      ["Layer 3's of", 'supported', true],
    ]);
  });

  it('keeps every step on the record, with no method warnings', async () => {
    expect(lab.warnings).toEqual([]);
    expect(await eventsOfKind(t, id, 'run.completed')).toHaveLength(8);
    expect(await eventsOfKind(t, id, 'comparison.opened')).toHaveLength(2);
    expect(await eventsOfKind(t, id, 'resolution.marked')).toHaveLength(1);
  });
});
