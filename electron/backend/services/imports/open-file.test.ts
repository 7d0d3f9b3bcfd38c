// The desktop app's native open dialog: the main process picks the path and the backend streams the file from disk
// (its bytes never reach the renderer); cancelling the dialog starts nothing; browser mode has no dialog and says so.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabBackend, newInvestigation } from '../lab/test-lab';
import type { TestBackend } from '../test-backend';
import { importJobsSettled } from './import-jobs';
import { realHandlers } from './real-handlers';

const dir = mkdtempSync(join(tmpdir(), 'peel-open-file-'));
let t: TestBackend;
let investigationId: string;
beforeAll(async () => {
  t = createLabBackend();
  investigationId = await newInvestigation(t);
});
afterAll(() => {
  t?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('real.openFile', () => {
  it('streams the file the native dialog chose, and starts nothing when the dialog is cancelled', async () => {
    const path = join(dir, 'direct.csv');
    const rows = ['"Time","flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed{tm_id=""tm-1""}"'];
    for (let i = 0; i < 2_000; i++)
      rows.push(`${1795511035000 + i * 15_000},${100 + Math.floor(i / 200) * 8} MiB`);
    writeFileSync(path, `${rows.join('\n')}\n`);
    const titles: string[] = [];
    const chosen: (string | null)[] = [null, path];
    const handlers = realHandlers(t.backend.context, {
      chooseOpenPath: async ({ title }) => {
        titles.push(title);
        return chosen.shift() ?? null;
      },
    });
    expect(await handlers['real.openFile']({ investigationId })).toEqual({ jobId: null });
    const { jobId } = await handlers['real.openFile']({ investigationId });
    expect(jobId).toEqual(expect.any(String));
    await importJobsSettled(t.backend.context);
    expect(titles).toEqual(['Import a metrics file', 'Import a metrics file']);
    const [imported] = await t.call('real.imports', { investigationId });
    expect(imported?.source).toContain('direct.csv');
    expect(imported?.series[0]).toMatchObject({ taskManager: 'tm-1', points: 2_000, verdict: 'leak' });
  });

  it('in browser mode there is no native dialog: the call says to upload instead', async () => {
    await expect(t.call('real.openFile', { investigationId })).rejects.toThrow(
      /only the desktop app has a native open dialog; in the browser, pick the file to upload it/,
    );
  });
});
