// Audit writes are durable when acknowledged: a writer process doing user actions through Peel's real backend is
// killed with SIGKILL at random moments, again and again, on the same data folder. After every kill the database
// must pass PRAGMA integrity_check, its whole chain must verify, and every event the writer acknowledged (printed
// after its call returned) must be there, with the same id.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Prng } from '../../../../shared/sim/random/prng';
import { DATABASE_FILE } from '../../paths';
import { openStore } from '../../store/store';
import { verifyDatabase } from './verify-audit';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..', '..');
const writer = join(here, 'durability-writer.ts');
const dataDir = mkdtempSync(join(tmpdir(), 'peel-kill9-'));
const ROUNDS = 20;

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Round {
  acks: Map<number, string>;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Starts the writer, lets it work for `runMs` after its first acknowledgement, then kills it with SIGKILL. */
function runAndKill(runMs: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', writer, dataDir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks = new Map<number, string>();
    let buffered = '';
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    // If the writer never acknowledges anything, the round fails rather than hanging (generous: starting tsx on a
    // loaded machine can take tens of seconds).
    const giveUp = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^ack (\d+) (\S+)$/.exec(line);
        if (match) acks.set(Number(match[1]), match[2]!);
      }
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), runMs);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(giveUp);
      clearTimeout(killTimer);
      resolve({ acks, signal, stderr });
    });
  });
}

describe('kill -9 while writing', () => {
  it(`keeps every acknowledged audit event, the chain intact and SQLite consistent over ${ROUNDS} kills`, async () => {
    const random = new Prng(9);
    const acknowledged = new Map<number, string>();
    for (let round = 0; round < ROUNDS; round++) {
      // From "just started" to "well into a burst of writes": the kill lands at a different point each time.
      const result = await runAndKill(random.nextInt(400));
      expect(result.stderr, `round ${round}: the writer failed`).toBe('');
      expect(result.signal, `round ${round}`).toBe('SIGKILL');
      expect(result.acks.size, `round ${round}: nothing was acknowledged`).toBeGreaterThan(0);
      for (const [seq, id] of result.acks) acknowledged.set(seq, id);

      const store = openStore(join(dataDir, DATABASE_FILE));
      try {
        expect(store.db.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
        const verified = verifyDatabase(store);
        expect(verified.firstBad, `round ${round}`).toBeNull();
        expect(verified.ok, `round ${round}`).toBe(true);
        const idAt = store.db.prepare<[number], string>('SELECT id FROM audit_events WHERE seq = ?').pluck();
        const lost = [...acknowledged].filter(([seq, id]) => idAt.get(seq) !== id);
        expect(lost, `round ${round}: acknowledged events missing or changed`).toEqual([]);
      } finally {
        store.close();
      }
    }
    expect(acknowledged.size).toBeGreaterThan(ROUNDS);
  }, 1_800_000);
});
