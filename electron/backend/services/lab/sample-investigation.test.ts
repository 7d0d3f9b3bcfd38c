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

  it("tells the seed's story: leak, flat control, a blip from layer 2, the map in layer 3", () => {
    const leaky = (verdict: string | null) => verdict === 'leak' || verdict === 'sawtooth';
    const [
      baseline,
      control,
      peeled,
      withoutLayer3,
      withoutLayer2,
      withoutConverter,
      fixed,
      unfixed,
      refixed,
    ] = runs();
    expect(runs()).toHaveLength(9);
    expect(leaky(baseline!.verdict) && baseline!.ooms! > 0).toBe(true);
    expect(control!.verdict).toBe('flat');
    expect(peeled!.verdict).toBe('flat');
    // Figure 7: "a minor blip but no definitive staircase", Layer 2's large RPC payloads after each restart.
    expect(withoutLayer3!.verdict).toBe('blip');
    expect(withoutLayer3!.retainedBytesPerRestart).toBe(0);
    expect(withoutLayer3!.ooms).toBe(0);
    expect(leaky(withoutLayer2!.verdict)).toBe(true);
    // Peeled inside layer 3 to the operator: without currency-convert the rest of layer 3 keeps nothing.
    expect(withoutConverter!.verdict).toBe('flat');
    // Fixed, nothing is kept across restarts (Layer 2's replay may still blip and settle back).
    for (const run of [fixed!, refixed!]) {
      expect(['flat', 'blip']).toContain(run.verdict);
      expect(run.retainedBytesPerRestart).toBe(0);
      expect(run.ooms).toBe(0);
    }
    expect(leaky(unfixed!.verdict)).toBe(true);
    const status = Object.fromEntries(lab.coverage.map((entry) => [entry.operator, entry.status]));
    expect(status['currency-convert']).toBe('implicated');
    expect(status['kvstore-enrich']).toBe('cleared');
    expect(status['kafka-clicks']).toBe('cleared');
  });

  it('decided every hypothesis from its run: the RPC buffers refuted, the map and its operator supported', async () => {
    const { hypotheses } = await t.call('investigations.get', { id });
    expect(hypotheses.map((h) => [h.statement.slice(0, 12), h.status, h.decidedAutomatically])).toEqual([
      ["Layer 2's Th", 'refuted', true],
      ["Layer 3's of", 'supported', true],
      ['currency-con', 'supported', true],
    ]);
  });

  it('names the operator it isolated, and writes each run summary as one sentence', async () => {
    const detail = await t.call('investigations.get', { id });
    const notes = detail.notes.map((n) => n.body).join('\n');
    expect(notes).toMatch(/Layer 2 and currency-convert removed \(run #6\): Direct memory: flat/);
    expect(notes).not.toMatch(/\.\.|\.;/);
    const reasons = detail.hypotheses.map((h) => h.reason ?? '').join('\n');
    expect(reasons).not.toMatch(/\.\.|\.;/);
    expect(lab.resolution?.reason).toMatch(/currency-convert \(layer 3\)/);
    expect(lab.resolution?.reason).toMatch(/removed as well/);
  });

  it('keeps every step on the record, with no method warnings', async () => {
    expect(lab.warnings).toEqual([]);
    expect(await eventsOfKind(t, id, 'run.completed')).toHaveLength(9);
    expect(await eventsOfKind(t, id, 'comparison.opened')).toHaveLength(2);
    expect(await eventsOfKind(t, id, 'resolution.marked')).toHaveLength(1);
  });
});
