// The bundle check in its worker thread gives the verdicts the check on the main thread gives (the same refusals,
// word for word, with the same details), hands the carried series back decoded, and stops when cancelled.
import { beforeAll, describe, expect, it } from 'vitest';
import { PeelError } from '../../../shared/contract/errors';
import { checkBundleRecords, checkBundleText } from '../services/exchange/bundle-check';
import { sha256Hex } from '../services/exchange/sha256';
import { detailHash } from '../services/lab/run-content';
import {
  awaitRun,
  createBaseline,
  createLabBackend,
  createWholeRunsBackend,
  newInvestigation,
} from '../services/lab/test-lab';
import type { TestBackend } from '../services/test-backend';
import { decodeSeries } from '../store/series-codec';
import { BundleCheckCancelled, checkBundleInThread } from './bundle-check-thread';

// biome-ignore lint/suspicious/noExplicitAny: the cases edit the bundle's JSON freely, as a forger would
type Json = any;

async function exported(t: TestBackend): Promise<string> {
  const id = await newInvestigation(t, 'Checked in a thread');
  const baseline = await createBaseline(t, id);
  const run = await t.call('runs.start', { experimentId: baseline.id });
  await awaitRun(t, run.id);
  return (await t.call('exports.render', { investigationId: id, format: 'json' })).text;
}

/** A version 1 bundle (every run with its series) and a version 2 one (runs carried by what re-derives them). */
let versionOne: string;
let versionTwo: string;
beforeAll(async () => {
  const whole = createWholeRunsBackend();
  const lean = createLabBackend();
  try {
    const b = JSON.parse(await exported(whole));
    b.version = 1;
    versionOne = JSON.stringify(b);
    versionTwo = await exported(lean);
  } finally {
    whole.dispose();
    lean.dispose();
  }
}, 120_000);

const edited = (text: string, edit: (b: Json) => void) => {
  const b = JSON.parse(text);
  edit(b);
  return JSON.stringify(b);
};

/** What the main thread's check says: the error (code, message, details) or the chain it verified. */
function onMainThread(text: string): unknown {
  try {
    return { ok: checkBundleText(text, sha256Hex, 'case.peel.json').chain };
  } catch (error) {
    if (!(error instanceof PeelError)) throw error;
    return { error: error.toShape() };
  }
}

/** The same through the thread: read there, then held against the chain here with the series it decoded. */
async function inThread(input: { text: string } | { bytes: Uint8Array }): Promise<unknown> {
  try {
    const checked = await checkBundleInThread(input, 'case.peel.json').result;
    return { ok: checkBundleRecords(checked.read, undefined, checked.carried).chain };
  } catch (error) {
    if (!(error instanceof PeelError)) throw error;
    return { error: error.toShape() };
  }
}

describe('the bundle check in a worker thread', () => {
  const cases: [string, () => string][] = [
    ['a version 1 bundle, every series carried', () => versionOne],
    ['a version 2 bundle, runs carried by parameters and seed', () => versionTwo],
    ['a truncated bundle', () => versionOne.slice(0, 5000)],
    ['not JSON', () => 'these are not the droids\n'],
    ['from a newer Peel', () => edited(versionTwo, (b) => (b.version = 99))],
    ['an unknown field', () => edited(versionTwo, (b) => (b.surprise = true))],
    [
      "a run's series data edited (one base64 character), in a version 1 bundle",
      () =>
        edited(versionOne, (b) => {
          const series = b.runs.find((r: Json) => r.status === 'completed').series[0];
          const i = Math.floor(series.data.length / 2);
          series.data =
            series.data.slice(0, i) + (series.data[i] === 'A' ? 'B' : 'A') + series.data.slice(i + 1);
        }),
    ],
    [
      "a run's series cut short, in a version 1 bundle",
      () =>
        edited(versionOne, (b) => {
          const series = b.runs.find((r: Json) => r.status === 'completed').series[1];
          series.data = series.data.slice(0, 64);
        }),
    ],
    [
      "a run's events edited, in a version 1 bundle",
      () =>
        edited(versionOne, (b) => {
          const run = b.runs.find((r: Json) => r.status === 'completed' && r.events?.length > 0);
          run.events[0] = { ...run.events[0], message: 'nothing happened here' };
        }),
    ],
    [
      "a run's verdict set to flat",
      () =>
        edited(versionOne, (b) => {
          b.runs.find((r: Json) => r.status === 'completed').verdict = 'flat';
        }),
    ],
  ];
  it.each(cases)(
    'gives the main thread’s verdict: %s',
    async (_name, make) => {
      const text = make();
      const expected = onMainThread(text);
      expect(await inThread({ text })).toEqual(expected);
      // A file's bytes, transferred to the thread, read the same.
      expect(await inThread({ bytes: new Uint8Array(Buffer.from(text, 'utf8')) })).toEqual(expected);
    },
    60_000,
  );

  it('refuses a run whose events were edited, naming it and what differs', async () => {
    const text = edited(versionOne, (b) => {
      const run = b.runs.find((r: Json) => r.status === 'completed' && r.events?.length > 0);
      run.events[0] = { ...run.events[0], message: 'nothing happened here' };
    });
    const verdict = (await inThread({ text })) as { error?: { message: string } };
    expect(verdict.error?.message).toMatch(
      /run \d+: its analysis, job plan or events are not what event #\d+ recorded/,
    );
  }, 60_000);

  it('names the run whose series were tampered with', async () => {
    const text = edited(versionOne, (b) => {
      const run = b.runs.find((r: Json) => r.status === 'completed');
      const series = run.series[0];
      const i = Math.floor(series.data.length / 3);
      series.data = series.data.slice(0, i) + (series.data[i] === 'A' ? 'B' : 'A') + series.data.slice(i + 1);
    });
    const seq = JSON.parse(text).runs.find((r: Json) => r.status === 'completed').seq;
    const verdict = (await inThread({ text })) as { error?: { message: string } };
    expect(verdict.error?.message).toMatch(
      new RegExp(`records are not what its audit chain recorded: run ${seq}: `),
    );
  }, 60_000);

  it('hands back each carried run decoded and hashed, its base64 and events left behind', async () => {
    const checked = await checkBundleInThread({ text: versionOne }, undefined).result;
    const original = JSON.parse(versionOne);
    expect(checked.sha256).toBe(sha256Hex(versionOne));
    for (const [i, run] of checked.read.bundle.runs.entries()) {
      // Its detail hashed there, over what the file holds; its events left behind when its plan is there.
      const source = original.runs[i];
      expect(checked.carried.get(run.id)?.detailHash).toBe(
        detailHash({ analysis: source.analysis, topology: source.plan, events: source.events }),
      );
      if (run.plan !== null) expect(run.events).toBeNull();
      if (run.series.length === 0) continue;
      const decoded = checked.carried.get(run.id)?.series;
      expect(decoded && 'blobs' in decoded).toBe(true);
      if (!decoded || !('blobs' in decoded)) continue;
      for (const [j, series] of run.series.entries()) {
        expect(series.data).toBe('');
        const bytes = Buffer.from(original.runs[i].series[j].data, 'base64');
        expect(Buffer.from(decoded.blobs[j]!).equals(bytes)).toBe(true);
        expect(decodeSeries(Buffer.from(decoded.blobs[j]!)).length).toBe(series.length);
      }
    }
  }, 60_000);

  it('stops when cancelled, and the next check still runs', async () => {
    const job = checkBundleInThread({ text: versionOne }, undefined);
    job.cancel();
    await expect(job.result).rejects.toBeInstanceOf(BundleCheckCancelled);
    expect(await inThread({ text: versionTwo })).toEqual(onMainThread(versionTwo));
  }, 60_000);
});
