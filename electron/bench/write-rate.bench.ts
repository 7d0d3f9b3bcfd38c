// Acknowledged-durable write rate: user actions through the same dispatch path the UI uses (validation, service,
// one transaction with its audit event, synchronous=FULL commit). Goal: at least 2,000 actions per second.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend } from '../backend/backend';
import type { Benchmark, BenchRow } from './bench-row';

const ACTIONS = 4000;
const ITEMS = ['fail.restarts', 'fail.back-pressure', 'look.direct-graph', 'plug.memory-settings'];

async function measure(): Promise<BenchRow> {
  const dataDir = mkdtempSync(join(tmpdir(), 'peel-bench-write-'));
  const backend = openBackend({ dataDir, host: 'browser', version: 'bench', user: 'bench' });
  try {
    const created = await backend.dispatch('investigations.create', {
      title: 'bench',
      summary: '',
      startedAt: 0,
    });
    if (!created.ok) throw new Error(created.error.message);
    const investigationId = (created.value as { id: string }).id;
    const synchronous = backend.store.db.pragma('synchronous', { simple: true });
    const started = performance.now();
    const tickedNow = new Map<string, boolean>();
    for (let i = 0; i < ACTIONS; i++) {
      // Flip an item on every tick action so each action is a real change with its own audit event.
      const itemId = ITEMS[i % ITEMS.length]!;
      const ticked = !(tickedNow.get(itemId) ?? false);
      if (i % 5 !== 4) tickedNow.set(itemId, ticked);
      const result =
        i % 5 === 4
          ? await backend.dispatch('notes.add', {
              investigationId,
              ruleId: 'make-it-fail',
              body: `observation ${i}`,
            })
          : await backend.dispatch('checklist.set', { investigationId, itemId, ticked });
      if (!result.ok) throw new Error(result.error.message);
    }
    const wallMs = performance.now() - started;
    const events = backend.store.audit.countForInvestigation(investigationId);
    return {
      bench: 'write-rate',
      actions: ACTIONS,
      auditEvents: events,
      synchronous: synchronous === 2 ? 'FULL' : String(synchronous),
      journalMode: String(backend.store.db.pragma('journal_mode', { simple: true })),
      wallMs,
      actionsPerSecond: (ACTIONS / wallMs) * 1000,
      goalPerSecond: 2000,
    };
  } finally {
    backend.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: 'write-rate',
  description: 'durable user actions + audit events per second (WAL, synchronous=FULL); goal >= 2,000/s',
  async run(log) {
    const rows: BenchRow[] = [];
    for (let round = 0; round < 3; round++) {
      const row = await measure();
      log(`round ${round + 1}: ${Math.round(Number(row.actionsPerSecond))} actions/s`);
      rows.push(row);
    }
    rows.sort((a, b) => Number(a.actionsPerSecond) - Number(b.actionsPerSecond));
    return [{ ...rows[1]!, rounds: rows.length, statistic: 'median of 3' }];
  },
};
