import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExperimentParams } from '../../../shared/contract/lab-entities';
import type { ExperimentRecord } from './experiments-store';
import { openStore, type PeelStore } from './store';

let dir: string;
let store: PeelStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'peel-experiments-'));
  store = openStore(join(dir, 'peel.sqlite'));
  store.investigations.insert({
    id: 'inv-1',
    title: 'Leak',
    summary: '',
    startedAt: 0,
    createdAt: 0,
    createdBy: 'tester',
    updatedAt: 0,
    status: 'open',
    scenarioId: null,
  });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The store keeps parameters as JSON and reads them back as they were written: any object serves here. */
function experiment(id: string, hours: number): Omit<ExperimentRecord, 'seq'> {
  return {
    id,
    investigationId: 'inv-1',
    parentId: null,
    label: `experiment ${id}`,
    params: { scenario: 'offheap-map-leak', hours, fixes: [] } as unknown as ExperimentParams,
    diff: [],
    multiChangeConfirmed: false,
    hypothesisId: null,
    createdAt: 0,
    createdBy: 'tester',
  };
}

const ids = (list: readonly ExperimentRecord[]) => list.map((record) => record.id);

describe('the kept experiment lists', () => {
  it('hand out the same records between reads, and grow by the experiments made since', () => {
    store.experiments.insert(experiment('e-1', 1));
    const first = store.experiments.listForInvestigation('inv-1');
    store.experiments.insert(experiment('e-2', 2));
    const second = store.experiments.listForInvestigation('inv-1');
    expect(ids(second)).toEqual(['e-1', 'e-2']);
    // The first experiment's record (and its parameters object) is the one read before: not parsed again.
    expect(second[0]).toBe(first[0]);
    expect(second.map((record) => record.seq)).toEqual([1, 2]);
    // A caller's changes to the returned array do not reach the kept list.
    second.pop();
    expect(ids(store.experiments.listForInvestigation('inv-1'))).toEqual(['e-1', 'e-2']);
  });

  it('follow a rolled-back insert, and an insert that replaced it under the same count', () => {
    store.experiments.insert(experiment('e-1', 1));
    expect(() =>
      store.transaction(() => {
        store.experiments.insert(experiment('e-rolled-back', 2));
        // Read inside the transaction: the kept list holds the experiment that is about to vanish.
        expect(ids(store.experiments.listForInvestigation('inv-1'))).toEqual(['e-1', 'e-rolled-back']);
        throw new Error('abandoned');
      }),
    ).toThrow('abandoned');
    expect(ids(store.experiments.listForInvestigation('inv-1'))).toEqual(['e-1']);
    store.transaction(() => {
      store.experiments.insert(experiment('e-rolled-back-too', 2));
      store.experiments.listForInvestigation('inv-1');
      store.db.prepare('DELETE FROM experiments WHERE id = ?').run('e-rolled-back-too');
      store.experiments.insert(experiment('e-2', 3));
    });
    const list = store.experiments.listForInvestigation('inv-1');
    expect(ids(list)).toEqual(['e-1', 'e-2']);
    expect(list[1]!.params).toMatchObject({ hours: 3 });
  });

  it('leave the database itself to verification: a row changed behind the store is read from disk', () => {
    store.experiments.insert(experiment('e-1', 1));
    store.experiments.listForInvestigation('inv-1');
    store.db.prepare("UPDATE experiments SET params = json_set(params, '$.hours', 9)").run();
    expect(store.experiments.listForInvestigationFromDisk('inv-1')[0]!.params).toMatchObject({ hours: 9 });
  });
});
