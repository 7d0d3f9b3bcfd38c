// The exchange's commands for the palette, the shortcuts and the File menu: export the open investigation in each
// format, and import a bundle.

import { EXPORT_FORMATS } from '../../state/exchange-slice';
import type { PeelState } from '../../state/peel-state';
import type { Command, CommandInputs } from '../palette/command';

export function exchangeCommands(state: CommandInputs): Command[] {
  const importCommand: Command = {
    id: 'bundle.import',
    title: 'Import a bundle from a colleague…',
    group: 'General',
    run: (s) => s.openOverlay('import-bundle'),
  };
  if (state.route.name !== 'investigation' || !state.detail || state.exchange?.imported)
    return [importCommand];
  return [
    ...EXPORT_FORMATS.map(({ format, label }) => ({
      id: `export.${format}`,
      title: `Export: ${label}`,
      group: 'Investigation' as const,
      run: (s: PeelState) => void s.exportInvestigation(format),
    })),
    importCommand,
  ];
}
