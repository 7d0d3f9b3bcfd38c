// The simulator's output, bit for bit: SHA-256 digests of the series, events, analysis and plan of varied runs
// (every scenario, removals, fixes, variants, parallelism 1 to 32, short and long runs, sink pauses, payload spikes,
// container failures, seeds, training drills). Stored audit chains hold hashes of runs and version-2 bundles
// re-derive runs from parameters and seed, so a change here breaks them: a speed-up must leave every digest as it
// is, and a change of the model must bump SIMULATOR_VERSION (simulator-version.ts) and then these digests.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findDrill } from '../../training/drill-catalog';
import { runDrill } from '../../training/drill-runs';
import { generateVariant } from '../../training/generate-variant';
import { SIMULATOR_VERSION } from '../simulator-version';
import type { ExperimentParams } from './experiment-params';
import type { SimulationRun } from './run-types';
import { runSimulation } from './simulation';

/** JSON with every number written exactly: -0, NaN and the infinities kept apart from 0 and null. */
function exactJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number') {
      if (Object.is(v, -0)) return '-0';
      if (!Number.isFinite(v)) return String(v);
      return v;
    }
    if (ArrayBuffer.isView(v)) return `${v.constructor.name}:${bytesDigest(v)}`;
    return v;
  });
}

function bytesDigest(view: ArrayBufferView): string {
  return createHash('sha256')
    .update(new Uint8Array(view.buffer, view.byteOffset, view.byteLength))
    .digest('hex');
}

/** Three digests: the series (TaskManagers' and operators' typed arrays byte for byte), the events, the rest. */
function runDigests(run: SimulationRun): { series: string; events: string; analysis: string } {
  const series = createHash('sha256');
  for (const tm of run.taskManagers) {
    for (const name of Object.keys(tm.series).sort()) {
      const values = tm.series[name as keyof typeof tm.series];
      series.update(`${tm.id}/${name}/${values.constructor.name}/${values.length}:`);
      series.update(bytesDigest(values));
    }
  }
  for (const op of run.operators) {
    for (const values of [op.backPressuredTimeMsPerSecond, op.busyTimeMsPerSecond, op.idleTimeMsPerSecond]) {
      series.update(`${op.id}/${values.length}:`);
      series.update(bytesDigest(values));
    }
  }
  const rest = {
    analysis: run.analysis,
    plan: run.plan,
    config: run.config,
    durationSec: run.durationSec,
    scenario: run.scenario,
    params: run.params,
    taskManagers: run.taskManagers.map((tm) => ({
      id: tm.id,
      containers: tm.containers,
      directLimit: tm.directLimit,
      containerLimit: tm.containerLimit,
      freshStartsSec: tm.freshStartsSec,
      restartsSec: tm.restartsSec,
    })),
  };
  const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);
  return {
    series: series.digest('hex').slice(0, 24),
    events: sha(exactJson(run.events)),
    analysis: sha(exactJson(rest)),
  };
}

const SEED = 'offheap-map-leak';
const RUNS: Array<{ name: string; params: Partial<ExperimentParams> }> = [
  { name: 'seed job, defaults', params: { scenario: SEED } },
  { name: 'seed job, P=8 6 h seed 7', params: { scenario: SEED, parallelism: 8, hours: 6, seed: 7 } },
  { name: 'seed control job', params: { scenario: SEED, control: true, hours: 3 } },
  { name: 'layer 3 removed, no spikes', params: { scenario: SEED, removed: ['layer3'], payloadSpikes: [] } },
  { name: 'layers 2 and 3 removed', params: { scenario: SEED, removed: ['layer2', 'layer3'], hours: 4 } },
  { name: 'one operator removed', params: { scenario: SEED, removed: ['currency-convert'], seed: 3 } },
  { name: 'every fix', params: { scenario: SEED, fixes: ['all'], parallelism: 4 } },
  { name: 'one fix', params: { scenario: SEED, fixes: ['free-map-in-close'], hours: 2 } },
  { name: 'explicit GC variant', params: { scenario: SEED, variant: 'explicit-gc', hours: 4 } },
  { name: 'Unsafe map variant', params: { scenario: SEED, variant: 'unsafe-map', parallelism: 6 } },
  { name: 'static map variant', params: { scenario: SEED, variant: 'static-map', hours: 3 } },
  {
    name: 'explicit GC allowed by override',
    params: { scenario: SEED, configOverrides: { 'env.java.opts': '' }, hours: 3 },
  },
  { name: 'defect switched off', params: { scenario: SEED, defects: { 'map-not-freed-in-close': false } } },
  { name: 'P=1 2 h', params: { scenario: SEED, parallelism: 1, hours: 2, seed: 99 } },
  { name: 'P=32 1 h', params: { scenario: SEED, parallelism: 32, hours: 1, seed: 5 } },
  { name: 'P=3 1.5 h', params: { scenario: SEED, parallelism: 3, hours: 1.5, seed: 12345 } },
  { name: 'one minute', params: { scenario: SEED, hours: 0.01, seed: 0 } },
  { name: 'P=8 24 h', params: { scenario: SEED, parallelism: 8, hours: 24, seed: 2 } },
  {
    name: 'containers failed by count and name',
    params: {
      scenario: SEED,
      parallelism: 16,
      hours: 1,
      failContainers: [
        { atSec: 600, count: 3 },
        { atSec: 1800, names: ['tm-2', 'tm-9'] },
        { atSec: 2400, count: 16 },
      ],
    },
  },
  {
    name: 'sink paused and slowed',
    params: {
      scenario: SEED,
      hours: 2,
      pauseSink: [
        { fromSec: 900, toSec: 1500, slowdown: 0 },
        { fromSec: 3600, toSec: 5400, slowdown: 0.3 },
      ],
    },
  },
  {
    name: 'payload spikes',
    params: {
      scenario: SEED,
      hours: 2,
      payloadSpikes: [
        { fromSec: 300, toSec: 900, factor: 5 },
        { fromSec: 4000, toSec: 4100, factor: 80 },
      ],
    },
  },
  { name: 'on-heap swap', params: { scenario: 'onheap-swap-gc', hours: 3 } },
  { name: 'on-heap swap fixed', params: { scenario: 'onheap-swap-gc', fixes: ['all'], hours: 2, seed: 8 } },
  { name: 'platform Netty leak', params: { scenario: 'platform-netty-leak' } },
  { name: 'platform Netty control', params: { scenario: 'platform-netty-leak', control: true, hours: 2 } },
  { name: 'RPC payload spikes', params: { scenario: 'rpc-payload-spikes', parallelism: 12, hours: 2 } },
  { name: 'RPC payload spikes fixed', params: { scenario: 'rpc-payload-spikes', fixes: ['all'], hours: 2 } },
  { name: 'under-provisioned direct', params: { scenario: 'underprovisioned-direct' } },
  {
    name: 'under-provisioned direct fixed',
    params: { scenario: 'underprovisioned-direct', fixes: ['all'], parallelism: 2, hours: 5 },
  },
];
const DRILL_RUNS: Array<{ drill: string; seed: number }> = [
  { drill: 'back-pressure-leak', seed: 11 },
  { drill: 'two-defects', seed: 4242 },
  { drill: 'killed-by-yarn', seed: 7 },
];

const GOLDEN: Record<string, { series: string; events: string; analysis: string }> = {
  'P=1 2 h': {
    series: '30eb7c1a67c01a80e1233af3',
    events: 'ebade253f2134c8b3bb57262',
    analysis: 'd0adbf8c179400de8ef5d0d0',
  },
  'P=3 1.5 h': {
    series: '6a4a61f45415f52d0f9f2d80',
    events: '4ae25ec1bfc53f1956b192ee',
    analysis: '8a1daf8ad5b55733bedea4b0',
  },
  'P=32 1 h': {
    series: '07d323d43b7e75b0450deb11',
    events: '99e27a89b0906ce629f1a0ca',
    analysis: '3612d9f9a70ac0a6891c1e3c',
  },
  'P=8 24 h': {
    series: '7dc6e1a6775bc0448c821189',
    events: 'd79c6928435068eb0eb9777f',
    analysis: 'c2b3c4b3286643aa5068360e',
  },
  'RPC payload spikes fixed': {
    series: '072c9764ccfc197472486be4',
    events: '06b1e3ecf9b07a15e1fb7977',
    analysis: '2423acd2df73dafdde7e30cd',
  },
  'RPC payload spikes': {
    series: 'a193cf72514da2f00da971e0',
    events: '7299eb7b0eaea66f66801d84',
    analysis: '70d8b3b95b652fcb6207f834',
  },
  'Unsafe map variant': {
    series: '15ba2e3b589e3eff5977fe7c',
    events: 'a8182cb8f30ed34297dcc57a',
    analysis: 'c37e2bfceef6accb90221b9b',
  },
  'containers failed by count and name': {
    series: '7db8cd517062ce4bdfb8c532',
    events: 'c7547f592c8a4b0866965a74',
    analysis: '6fe522fca44a92c3580ce75e',
  },
  'defect switched off': {
    series: '27c3512b909ab859baeab9bf',
    events: 'cb45e6d3dd6868c1a869ae8f',
    analysis: '09b372eca33db04833799ebe',
  },
  'drill back-pressure-leak 11': {
    series: '03b4be177f0ea40deb7b6368',
    events: 'bebcf2ebe7b29e6ce9f8c095',
    analysis: '9ca6eddd56a5e8a24999027d',
  },
  'drill killed-by-yarn 7': {
    series: '7dd28a3df9276f8f2b454ca3',
    events: '9124919449d7e9d3783499f9',
    analysis: '1c2b773f141d6897d5d84609',
  },
  'drill two-defects 4242': {
    series: 'a77eab31bafb3bfb69bfe64d',
    events: 'b29f33c495cb12f39f1c3de1',
    analysis: 'a327fd7bc765ab14c9ec8cb2',
  },
  'every fix': {
    series: '3d6a820d0dcc0aa0488f82e0',
    events: '903fdf7b4053ffd443d464f4',
    analysis: 'e0236081b440b1bb81c7472e',
  },
  'explicit GC allowed by override': {
    series: 'ee3b938ff628552158a509fc',
    events: '3167dc7f51a502ed02af456b',
    analysis: '0931d3fe6f6540bc7561ded8',
  },
  'explicit GC variant': {
    series: 'dbc5127901a6944a80fd097a',
    events: '074243fca143391d855b1f2e',
    analysis: '4b4fa311f3132772ed3a89e1',
  },
  'layer 3 removed, no spikes': {
    series: 'b35040dc05527ad35f6dc931',
    events: 'a7a8854301358db48e0ace01',
    analysis: '89c4d6a64e240a95f44ae384',
  },
  'layers 2 and 3 removed': {
    series: '33f56b1286cda2d82851d6ee',
    events: '3e544a0be7f38182d1024bdd',
    analysis: '320d92740941b24d1486192f',
  },
  'on-heap swap fixed': {
    series: '4452c73fdf4e814557b9c385',
    events: '3f59dd7c2c65b6ae3913d9bc',
    analysis: 'e3a6d63901d82b7fbca373c0',
  },
  'on-heap swap': {
    series: '2e4bdc7bc595a855cc352ced',
    events: '6546f20bd8879972f9d8fdd3',
    analysis: '2d1f9a4ce426dc8c54722440',
  },
  'one fix': {
    series: 'e9d4100a49142a4d5ad7ccbe',
    events: '2cd54ce7ad0cb5d3bf973d5e',
    analysis: '0c5fa760dee73ef1028e4419',
  },
  'one minute': {
    series: '83e4e44e01be10acad2bae9d',
    events: '3178b6b3d7aa391a579ae1bf',
    analysis: '34ed5e003fd646c7b9d94239',
  },
  'one operator removed': {
    series: '382ce567818645238c345e42',
    events: '5a18fdea409b739a3753c996',
    analysis: 'd11197246b19e03b009cd355',
  },
  'payload spikes': {
    series: 'db6198f301b830e5c06b0ba1',
    events: 'b905d40e94221e01a37a1f82',
    analysis: '9ef435266f34ac99bd9af51f',
  },
  'platform Netty control': {
    series: 'ce4f508f1f3573301d2675db',
    events: '279d5cc8c6624a873a3ba5bf',
    analysis: '31fb734b8c09350413e12d71',
  },
  'platform Netty leak': {
    series: '29979b3f0a2c144f81110231',
    events: 'ab38a6376b17d4d7bfd70f57',
    analysis: '95c1dfc3d51c10d7d866f813',
  },
  'seed control job': {
    series: 'ea055a07227ed543d0f53378',
    events: 'c1188e735c4f1c93631106e5',
    analysis: 'b827d987d4fef6c3bb9d3719',
  },
  'seed job, P=8 6 h seed 7': {
    series: '3733f6aae541742486a1bead',
    events: '987125d45faea9ef36ac48bf',
    analysis: '296c82bd9077e1ae59ebe719',
  },
  'seed job, defaults': {
    series: 'a0c061d6dc6a6131fb8d3f8c',
    events: '0d00abca063b925f90621f58',
    analysis: '138313a8a20fb513f2a10f4e',
  },
  'sink paused and slowed': {
    series: '2672c29e7d5b0aaddcbc6baf',
    events: 'b0a7914225b534c6e370fe15',
    analysis: '713b280458dfe7bb880d45a4',
  },
  'static map variant': {
    series: '6a3e44f0a33f03a32244f992',
    events: 'a4bcea46d9801cde4758f2a2',
    analysis: 'f5886b228cb089e6aa9a65d9',
  },
  'under-provisioned direct fixed': {
    series: 'e69a41db1030a4a06bfce598',
    events: '2a81ba3d3037d6e1d67b49a1',
    analysis: 'b10d1ef0f77f19cf8d8b36f5',
  },
  'under-provisioned direct': {
    series: '7f8167d380613a223dadd27a',
    events: '3d2aa22d0e9ce3a41e22299d',
    analysis: '68372c005f65488d9f31ae5a',
  },
};

describe(`the simulator's output is bit-identical (${SIMULATOR_VERSION})`, () => {
  it.each(RUNS)('$name', ({ name, params }) => {
    expect(runDigests(runSimulation(params))).toEqual(GOLDEN[name]);
  });

  it.each(DRILL_RUNS)('drill $drill, seed $seed', ({ drill, seed }) => {
    const definition = findDrill(drill);
    if (!definition) throw new Error(`no drill '${drill}'`);
    const variant = generateVariant(definition, seed);
    const run = runDrill(variant, {
      hours: variant.dashboardHours,
      parallelism: variant.parallelism,
      seed: variant.runSeed,
    });
    expect(runDigests(run)).toEqual(GOLDEN[`drill ${drill} ${seed}`]);
  });
});
