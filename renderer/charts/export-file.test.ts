import { describe, expect, it } from 'vitest';
import { exportFileName } from './export-file';

describe('exportFileName', () => {
  it('turns a chart title into a safe file name', () => {
    expect(exportFileName('Direct memory used — Run #4 / removed layer 3', 'svg')).toBe(
      'direct-memory-used-run-4-removed-layer-3.svg',
    );
    expect(exportFileName('***', 'png')).toBe('chart.png');
  });
});
