import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../../shared/contract/lab-entities';
import { experimentTree } from './experiment-tree';

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
