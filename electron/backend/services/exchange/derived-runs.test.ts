import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chainInput } from '../../../../shared/domain/audit-chain';
import { SIMULATOR_VERSION } from '../../../../shared/sim/simulator-version';
import {
  createBaseline,
  createLabBackend,
  createWholeRunsBackend,
  derive,
  newInvestigation,
  runToEnd,
} from '../lab/test-lab';
import type { TestBackend } from '../test-backend';
import { storedSeriesHash } from '../trail/verify-state';
import { sha256Hex } from './imports';

// biome-ignore lint/suspicious/noExplicitAny: the cases edit the bundle's JSON freely, as a forger would
type Json = any;

let source: TestBackend;
let investigationId: string;
let bundleText: string;

beforeAll(async () => {
  source = createLabBackend();
  investigationId = await newInvestigation(source, 'Carried by seed');
  const baseline = await createBaseline(source, investigationId);
  await runToEnd(source, baseline.id);
  const control = await derive(source, baseline, { seed: 7 });
  await runToEnd(source, control.id);
  bundleText = (await source.call('exports.render', { investigationId, format: 'json' })).text;
}, 60_000);
afterAll(() => source.dispose());

let reader: TestBackend;
beforeEach(() => {
  reader = createLabBackend();
});
afterEach(() => reader.dispose());

const bundle = () => JSON.parse(bundleText) as Json;

/** Re-hashes the whole chain after an edit of an event, as a careful forger would. */
function rehash(b: Json): void {
  const all = [...b.chain.events, ...b.chain.links].sort((x: Json, y: Json) => x.seq - y.seq);
  let prev = b.chain.genesis;
  for (const entry of all) {
    entry.prevHash = prev;
    if ('kind' in entry) entry.hash = sha256Hex(chainInput(prev, entry));
    prev = entry.hash;
  }
  b.chain.head.hash = prev;
}

const completedEvent = (b: Json, runId: string) =>
  b.chain.events.find((e: Json) => e.kind === 'run.completed' && e.payload.runId === runId);
const startedEvent = (b: Json, runId: string) =>
  b.chain.events.find((e: Json) => e.kind === 'run.started' && e.payload.runId === runId);

async function refusal(text: string): Promise<string> {
  const tables = () =>
    reader.backend.store.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM runs').get()!.n;
  const before = tables();
  const error = await reader.fail('bundles.import', { text, fileName: 'carried.peel.json' });
  expect(error.code).toBe('invalid-request');
  expect(error.message).toContain('Nothing was imported');
  expect(tables()).toBe(before);
  return error.message;
}

describe('bundle version 2: simulated runs carried as parameters and seed', () => {
  it('exports each completed run as its simulator, parameters, seed and the hashes the chain recorded', () => {
    const b = bundle();
    expect(b.version).toBe(2);
    expect(b.runs).toHaveLength(2);
    for (const run of b.runs) {
      const completed = completedEvent(b, run.id);
      expect(completed.payload.simulator).toBe(SIMULATOR_VERSION);
      expect(run.derive).toEqual({
        simulator: SIMULATOR_VERSION,
        params: startedEvent(b, run.id).payload.params,
        seriesHash: completed.payload.seriesHash,
        detailHash: completed.payload.detailHash,
      });
      expect([run.series, run.analysis, run.plan, run.events]).toEqual([[], null, null, null]);
    }
    expect(b.runs[1].derive.params.seed).toBe(7);
  });

  it('round trip: the import re-derives every series and detail, the same as the exporter stored, and verifies', async () => {
    const info = await reader.call('bundles.import', { text: bundleText, fileName: 'carried.peel.json' });
    const [mine, theirs] = await Promise.all([
      source.call('lab.state', { investigationId }),
      reader.call('lab.state', { investigationId: info.investigationId }),
    ]);
    const runs = (lab: typeof mine) => lab.experiments.flatMap((e) => e.runs);
    expect(runs(theirs).map(({ id: _i, experimentId: _e, ...run }) => run)).toEqual(
      runs(mine).map(({ id: _i, experimentId: _e, ...run }) => run),
    );
    for (const [i, run] of runs(theirs).entries()) {
      const original = runs(mine)[i]!;
      expect(storedSeriesHash(reader.backend.store, run.id)).toEqual(
        storedSeriesHash(source.backend.store, original.id),
      );
      // Stored lean like the exporter's: the kept series on disk, every key re-derivable.
      expect(reader.backend.store.runs.listSeriesKeys(run.id)).toEqual(
        source.backend.store.runs.listSeriesKeys(original.id),
      );
      expect(reader.backend.store.runs.derivation(run.id)?.keys).toEqual(
        source.backend.store.runs.derivation(original.id)?.keys,
      );
      const theirDetail = reader.backend.store.runs.get(run.id)!;
      const myDetail = source.backend.store.runs.get(original.id)!;
      expect([theirDetail.analysis, theirDetail.topology, theirDetail.events]).toEqual([
        myDetail.analysis,
        myDetail.topology,
        myDetail.events,
      ]);
    }
    const verified = await reader.call('audit.verify', {});
    expect(verified.ok).toBe(true);
    expect(verified.state.ok).toBe(true);
  });

  it('is far smaller than a version 1 bundle of the same runs stored whole, which still imports', async () => {
    const whole = createWholeRunsBackend();
    try {
      const id = await newInvestigation(whole, 'Carried by seed');
      const baseline = await createBaseline(whole, id);
      await runToEnd(whole, baseline.id);
      const control = await derive(whole, baseline, { seed: 7 });
      await runToEnd(whole, control.id);
      const b = JSON.parse(
        (await whole.call('exports.render', { investigationId: id, format: 'json' })).text,
      );
      expect(b.runs.every((run: Json) => run.derive === undefined && run.series.length > 20)).toBe(true);
      b.version = 1;
      const versionOne = JSON.stringify(b);
      expect(bundleText.length * 5).toBeLessThan(versionOne.length);
      const info = await reader.call('bundles.import', { text: versionOne });
      const lab = await reader.call('lab.state', { investigationId: info.investigationId });
      const run = lab.experiments[0]!.runs[0]!;
      expect(reader.backend.store.runs.listSeriesKeys(run.id).length).toBe(b.runs[0].series.length);
      expect((await reader.call('audit.verify', {})).ok).toBe(true);
    } finally {
      whole.dispose();
    }
  });

  it('refuses a tampered seed, naming the run', async () => {
    const b = bundle();
    b.runs[1].derive.params.seed = 8;
    expect(await refusal(JSON.stringify(b))).toMatch(
      /run 2: the params it is to be re-derived from .* is not what event #\d+ recorded/,
    );
  });

  it('refuses a tampered parameter, naming the run', async () => {
    const b = bundle();
    b.runs[0].derive.params.parallelism = 3;
    expect(await refusal(JSON.stringify(b))).toMatch(/run 1: the params it is to be re-derived from/);
  });

  it('refuses a tampered series hash, naming the run', async () => {
    const b = bundle();
    b.runs[0].derive.seriesHash = 'a'.repeat(64);
    expect(await refusal(JSON.stringify(b))).toMatch(
      /run 1: the seriesHash it is to be re-derived from \("a{64}"\) is not what event #\d+ recorded/,
    );
  });

  it('refuses a seed changed in the record and the chain alike (re-hashed): the re-derived series are not what was recorded', async () => {
    const b = bundle();
    const run = b.runs[1];
    run.derive.params.seed = 8;
    startedEvent(b, run.id).payload.params.seed = 8;
    startedEvent(b, run.id).payload.seed = 8;
    rehash(b);
    expect(await refusal(JSON.stringify(b))).toMatch(
      /run 2: its (series|analysis, job plan or events) are not what event #\d+ recorded .*Re-running the simulator/,
    );
  });

  it('refuses clearly a run recorded by another simulator version', async () => {
    const b = bundle();
    const run = b.runs[0];
    run.derive.simulator = 'peel-sim-0';
    completedEvent(b, run.id).payload.simulator = 'peel-sim-0';
    rehash(b);
    expect(await refusal(JSON.stringify(b))).toMatch(
      new RegExp(
        `run 1 was simulated by simulator 'peel-sim-0' .* this Peel's simulator is '${SIMULATOR_VERSION}'`,
      ),
    );
  });

  it('refuses a carried run that also carries content', async () => {
    const b = bundle();
    b.runs[0].events = [];
    expect(await refusal(JSON.stringify(b))).toMatch(
      /run 1 \(runs\[0\]\) is carried by 'derive' and must not/,
    );
  });
});
