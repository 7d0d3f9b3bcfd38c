import { describe, expect, it, vi } from 'vitest';
import type { PeelState } from '../../state/peel-state';
import { exchangeCommands } from './exchange-commands';

function stateWith(partial: Partial<PeelState>): PeelState {
  return {
    route: { name: 'home' },
    detail: null,
    exchange: null,
    exportInvestigation: vi.fn(async () => {}),
    openOverlay: vi.fn(),
    ...partial,
  } as unknown as PeelState;
}

const inInvestigation = (imported: boolean) =>
  stateWith({
    route: { name: 'investigation', id: 'inv-1' },
    detail: { investigation: { id: 'inv-1' } } as PeelState['detail'],
    exchange: { imported: imported ? ({ investigationId: 'inv-1' } as never) : null, branch: null },
  });

describe('exchangeCommands', () => {
  it('offers importing anywhere, and the five exports in an investigation of your own', () => {
    expect(exchangeCommands(stateWith({})).map((c) => c.id)).toEqual(['bundle.import']);
    expect(exchangeCommands(inInvestigation(false)).map((c) => c.id)).toEqual([
      'export.md',
      'export.html',
      'export.pdf',
      'export.csv',
      'export.json',
      'bundle.import',
    ]);
  });

  it('offers no export of an imported investigation (its bundle is the export)', () => {
    expect(exchangeCommands(inInvestigation(true)).map((c) => c.id)).toEqual(['bundle.import']);
  });

  it('runs the export and the import dialog through the slices, as the File menu does', () => {
    const state = inInvestigation(false);
    const commands = exchangeCommands(state);
    commands.find((c) => c.id === 'export.pdf')!.run(state);
    expect(state.exportInvestigation).toHaveBeenCalledWith('pdf');
    commands.find((c) => c.id === 'bundle.import')!.run(state);
    expect(state.openOverlay).toHaveBeenCalledWith('import-bundle');
  });
});
