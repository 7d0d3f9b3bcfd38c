import { describe, expect, it } from 'vitest';
import { groupOperators } from './handover-lines';

describe('groupOperators', () => {
  it('puts operators of one layer cleared by the same runs on one line, in order', () => {
    expect(
      groupOperators([
        { operator: 'kafka-clicks', layer: 'layer1', reason: 'ran without a leak in run #3' },
        { operator: 'join', layer: 'layer2', reason: 'ran without a leak in run #4' },
        { operator: 'kafka-views', layer: 'layer1', reason: 'ran without a leak in run #3' },
        { operator: 'kafka-ads', layer: 'layer1', reason: 'ran without a leak in run #5' },
      ]),
    ).toEqual([
      { layer: 'layer1', operators: ['kafka-clicks', 'kafka-views'], reason: 'ran without a leak in run #3' },
      { layer: 'layer2', operators: ['join'], reason: 'ran without a leak in run #4' },
      { layer: 'layer1', operators: ['kafka-ads'], reason: 'ran without a leak in run #5' },
    ]);
  });
});
