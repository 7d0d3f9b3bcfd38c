import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../../shared/contract/lab-entities';
import { experimentListEntries, experimentTree } from './experiment-tree';

const experiment = (id: string, seq: number, parentId: string | null) =>
  ({ id, seq, parentId }) as unknown as Experiment;

describe('experimentTree', () => {
  it('puts children under their parent in creation order, with depth', () => {
    const tree = experimentTree([
      experiment('a', 1, null),
      experiment('b', 2, 'a'),
      experiment('c', 3, null),
      experiment('d', 4, 'b'),
      experiment('e', 5, 'a'),
    ]);
    expect(tree.map(({ experiment: e, depth }) => `${e.id}${depth}`)).toEqual(['a0', 'b1', 'd2', 'e1', 'c0']);
  });

  it('shows an experiment whose parent is missing at the top level', () => {
    expect(experimentTree([experiment('x', 2, 'gone')]).map(({ depth }) => depth)).toEqual([0]);
  });
});

describe('experimentListEntries', () => {
  const labelled = (id: string, seq: number, parentId: string | null, label: string) =>
    ({ id, seq, parentId, label }) as unknown as Experiment;

  it("folds an experiment's auto-peel removals into one entry where the first was", () => {
    const entries = experimentListEntries([
      labelled('a', 1, null, 'baseline'),
      labelled('b', 2, 'a', 'ran the control job'),
      labelled('s1', 3, 'a', 'auto-peel: removed layer 2'),
      labelled('s2', 4, 'a', 'auto-peel: removed layer 3'),
      labelled('c', 5, 'a', 'removed layer 3'),
      labelled('s3', 6, 'c', 'auto-peel: removed currency-convert'),
    ]);
    expect(
      entries.map((entry) =>
        entry.kind === 'sweep'
          ? `sweep of ${entry.parent.id}: ${entry.experiments.map((e) => e.id).join(',')} @${entry.depth}`
          : `${entry.experiment.id} @${entry.depth}`,
      ),
    ).toEqual(['a @0', 'b @1', 'sweep of a: s1,s2 @1', 'c @1', 'sweep of c: s3 @2']);
  });

  it('keeps a swept experiment in the tree once something was derived from it', () => {
    const entries = experimentListEntries([
      labelled('a', 1, null, 'baseline'),
      labelled('s1', 2, 'a', 'auto-peel: removed layer 3'),
      labelled('d', 3, 's1', 'removed currency-convert'),
    ]);
    expect(entries.map((entry) => entry.kind)).toEqual(['experiment', 'experiment', 'experiment']);
  });
});
