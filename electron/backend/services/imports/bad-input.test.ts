import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PushEvent } from '../../../../shared/contract/events';
import { createLabBackend, newInvestigation, trail } from '../lab/test-lab';
import type { TestBackend } from '../test-backend';
import { importJobsSettled } from './import-jobs';
import { listenOnLoopback, selfSignedServer } from './test-servers';

const DIRECT = 'flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed';
const HEADER = `"Time","${DIRECT}{tm_id=""tm-1""}"`;

let t: TestBackend;
let investigationId: string;
const dir = mkdtempSync(join(tmpdir(), 'peel-bad-input-'));
const servers: Server[] = [];

beforeAll(async () => {
  t = createLabBackend();
  investigationId = await newInvestigation(t);
});
afterAll(() => {
  t?.dispose();
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Rows of the import tables and the investigation's import events: what "nothing imported" is checked on. */
async function imported(): Promise<{ rows: number; series: number; events: number }> {
  const db = t.backend.store.db;
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    rows: count('SELECT count(*) AS n FROM metric_imports'),
    series: count('SELECT count(*) AS n FROM metric_import_series'),
    events: (await trail(t, investigationId)).filter((e) => e.kind === 'metrics.imported').length,
  };
}

let before: Awaited<ReturnType<typeof imported>>;
beforeEach(async () => {
  before = await imported();
});
const nothingImported = async () => expect(await imported()).toEqual(before);

describe('bad files are refused whole, naming the file, line and field', () => {
  it.each([
    [
      'mixed units in one series',
      'mixed-units.csv',
      `${HEADER}\n1795511035000,160 MiB\n1795511050000,161 MiB\n1795511065000,40 %\n`,
      /mixed-units\.csv: line 4, column 2, field "flink_taskmanager_.*\{tm_id="tm-1"\}": mixed units in one series: "40 %" here but "160 MiB" on line 2/,
    ],
    [
      'times going back',
      'non-monotonic.csv',
      `${HEADER}\n1795511035000,1\n1795511050000,2\n1795511040000,3\n`,
      /non-monotonic\.csv: line 4, column 2, field ".*": time \S+ of .* is before the previous one \(\S+ on line 3\)/,
    ],
    [
      'a missing time',
      'missing-time.csv',
      `${HEADER}\n1795511035000,1\n,2\n`,
      /missing-time\.csv: line 3, column 1, .*the time is missing/,
    ],
    [
      'an empty matrix',
      'empty-matrix.json',
      '{"status":"success","data":{"resultType":"matrix","result":[]}}',
      /empty-matrix\.json: field "data\.result": the query matched no series \(an empty matrix\)/,
    ],
    [
      "Prometheus's error answer",
      'error.json',
      '{"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:1: parse error: unexpected end of input"}',
      /error\.json: .*bad_data.*parse error: unexpected end of input/,
    ],
    [
      'a Prometheus matrix whose times go back',
      'matrix-back.json',
      JSON.stringify({
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [
            {
              metric: { __name__: DIRECT, tm_id: 'tm-1' },
              values: [
                [1795511035, '1'],
                [1795511050, '2'],
                [1795511045, '3'],
              ],
            },
          ],
        },
      }),
      /matrix-back\.json: field "data\.result\[0\]\.values\[2\]": .*before the previous one/,
    ],
  ])('%s', async (_, fileName, text, message) => {
    await expect(t.call('real.importText', { investigationId, fileName, text })).rejects.toThrow(message);
    await nothingImported();
  });

  it('a bad row deep in a file streamed from disk names its line; nothing is imported', async () => {
    const rows = [HEADER];
    for (let i = 0; i < 50_000; i++)
      rows.push(`${1795511035000 + i * 1000},${(100 + i / 1000).toFixed(3)} MiB`);
    rows.push('1795511035000,1 MiB');
    const path = join(dir, 'deep.csv');
    writeFileSync(path, `${rows.join('\n')}\n`);
    const { jobId } = await t.call('real.importFile', { investigationId, path });
    const error = await finishedError(jobId);
    expect(error.message).toMatch(
      /deep\.csv: line 50002, column 2, .*is before the previous one .*on line 50001/,
    );
    expect(error.details).toMatchObject({ line: 50002 });
    await nothingImported();
  });
});

function listen(server: Server): Promise<number> {
  servers.push(server);
  return listenOnLoopback(server);
}

const finishedEvent = (jobId: string) =>
  t.events.find(
    (e): e is Extract<PushEvent, { name: 'import.finished' }> =>
      e.name === 'import.finished' && e.payload.jobId === jobId,
  );

async function finishedError(jobId: string) {
  await importJobsSettled(t.backend.context);
  // The service's error as emitted, with its details (where, the importer's code).
  const error = finishedEvent(jobId)?.payload.error as
    | { code: string; message: string; details?: Record<string, unknown> }
    | null
    | undefined;
  if (!error) throw new Error(`job ${jobId} did not fail`);
  return error;
}

const range = { query: DIRECT, startSec: 1795511035, endSec: 1795514635, stepSec: 15 };

describe('failing servers: the URL and what happened, nothing imported', () => {
  it('a server that answers too slowly', async () => {
    const port = await listen(
      createHttpServer(() => {
        // never answers
      }),
    );
    const { jobId } = await t.call('real.queryPrometheus', {
      investigationId,
      url: `http://127.0.0.1:${port}`,
      ...range,
      timeoutSec: 1,
    });
    const error = await finishedError(jobId);
    expect(error.details).toMatchObject({ importCode: 'timeout' });
    expect(error.message).toMatch(
      new RegExp(`http://127\\.0\\.0\\.1:${port}/api/v1/query_range\\?.*no complete answer within 1 s`),
    );
    await nothingImported();
  }, 60_000);

  it('a TLS error (a self-signed certificate)', async () => {
    const port = await listen(selfSignedServer());
    const { jobId } = await t.call('real.queryPrometheus', {
      investigationId,
      url: `https://127.0.0.1:${port}`,
      ...range,
    });
    const error = await finishedError(jobId);
    expect(error.details).toMatchObject({ importCode: 'tls' });
    expect(error.message).toMatch(new RegExp(`https://127\\.0\\.0\\.1:${port}/api/v1/query_range.*TLS`));
    await nothingImported();
  }, 60_000);

  it("an HTTP error status with Prometheus's own error text", async () => {
    const port = await listen(
      createHttpServer((_, res) =>
        res
          .writeHead(422, { 'Content-Type': 'application/json' })
          .end(
            '{"status":"error","errorType":"execution","error":"query processing would load too many samples"}',
          ),
      ),
    );
    const { jobId } = await t.call('real.queryPrometheus', {
      investigationId,
      url: `http://127.0.0.1:${port}`,
      ...range,
    });
    const error = await finishedError(jobId);
    expect(error.message).toMatch(/422/);
    expect(error.message).toMatch(/query processing would load too many samples/);
    expect(error.message).toContain(`127.0.0.1:${port}`);
    await nothingImported();
  });

  it('an unreachable server', async () => {
    const port = await listen(createHttpServer());
    await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
    const { jobId } = await t.call('real.queryPrometheus', {
      investigationId,
      url: `http://127.0.0.1:${port}`,
      ...range,
    });
    const error = await finishedError(jobId);
    expect(error.details).toMatchObject({ importCode: 'unreachable' });
    expect(error.message).toContain(`http://127.0.0.1:${port}/api/v1/query_range`);
    await nothingImported();
  });
});
