import { describe, expect, it } from 'vitest';
import { describeTargets, removalTargetName } from './removal-names';

describe('removal names', () => {
  it('writes a layer with a space and keeps an operator id as it is', () => {
    expect(removalTargetName('layer3')).toBe('layer 3');
    expect(removalTargetName('layer12')).toBe('layer 12');
    expect(removalTargetName('currency-convert')).toBe('currency-convert');
    expect(removalTargetName('layer-three')).toBe('layer-three');
  });

  it('lists layers in order, then operators, one spelling', () => {
    expect(describeTargets(['layer3'])).toBe('layer 3');
    expect(describeTargets(['layer3', 'layer2'])).toBe('layer 2, layer 3');
    expect(describeTargets(['currency-convert', 'layer2'])).toBe('layer 2, currency-convert');
    expect(describeTargets(['layer10', 'layer9'])).toBe('layer 9, layer 10');
    expect(describeTargets([])).toBe('');
  });
});
