import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRILLS } from '../../shared/training';
import { traineeDrill } from '../backend/services/training/test-drill';
import { runCli } from './run-cli.test-support';

const work = mkdtempSync(join(tmpdir(), 'peel-drill-cli-'));

const drill = (args: string[]) => runCli('drill', args);

let good: string;
let edited: string;
let liveCard: unknown;
beforeAll(async () => {
  const trainee = await traineeDrill();
  liveCard = await trainee.t.call('drills.scorecard', { investigationId: trainee.investigationId });
  trainee.t.dispose();
  good = join(work, 'ann.json');
  writeFileSync(good, trainee.bundle);
  const bundle = JSON.parse(trainee.bundle) as {
    chain: { events: Array<{ kind: string; payload: Record<string, unknown> }> };
  };
  bundle.chain.events.find((e) => e.kind === 'hint.taken')!.payload.cost = 0;
  edited = join(work, 'bob.json');
  writeFileSync(edited, JSON.stringify(bundle));
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run drill', () => {
  it('--list --json gives every drill with its id, title, difficulty and rules', async () => {
    const { code, stdout } = await drill(['--list', '--json']);
    expect(code).toBe(0);
    const listed = JSON.parse(stdout) as Array<{ id: string; rules: string[] }>;
    expect(listed.map((d) => d.id)).toEqual(DRILLS.map((d) => d.id));
    expect(listed.every((d) => d.rules.length > 0)).toBe(true);
  }, 60_000);

  it('--score reads the scorecard from the verified chain, the same as live', async () => {
    const { code, stdout } = await drill(['--score', good, '--json']);
    expect(code).toBe(0);
    const [scored] = JSON.parse(stdout) as Array<{ trainee: string; scorecard: unknown }>;
    expect(scored!.trainee).toBe('tester');
    expect(scored!.scorecard).toEqual(liveCard);
  }, 60_000);

  it('refuses a bundle edited after export and still scores the others (exit 1)', async () => {
    const { code, stdout } = await drill(['--score', good, edited]);
    expect(code).toBe(1);
    expect(stdout).toContain(`${good}: tester`);
    expect(stdout).toMatch(/bob\.json\n {2}REFUSED, not scored: .*does not verify/);
  }, 60_000);

  it('refuses bad arguments with the usage (exit 2)', async () => {
    const { code, stderr } = await drill(['--score']);
    expect(code).toBe(2);
    expect(stderr).toContain('--score: give at least one bundle file');
  }, 60_000);
});
