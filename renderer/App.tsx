// The window: a top bar, the current screen, overlays and notices.

import { ImportDialog } from './features/exchange/ImportDialog';
import { HelpOverlay } from './features/help/HelpOverlay';
import { HomeScreen } from './features/home/HomeScreen';
import { NewInvestigationDialog } from './features/home/NewInvestigationDialog';
import { InvestigationScreen } from './features/investigation/InvestigationScreen';
import { CommandPalette } from './features/palette/CommandPalette';
import { AuditPanelToggle, TopBar } from './features/shell/TopBar';
import { useGlobalShortcuts } from './features/shortcuts/use-global-shortcuts';
import { AuthorScreen } from './features/training/AuthorScreen';
import { CohortScreen } from './features/training/CohortScreen';
import { DrillsScreen } from './features/training/DrillsScreen';
import { usePeel } from './state/store';
import { Notices } from './ui/Notices';

export function App() {
  useGlobalShortcuts();
  const route = usePeel((s) => s.route);
  const overlay = usePeel((s) => s.overlay);
  return (
    <div className="app">
      <TopBar />
      {route.name === 'home' && <HomeScreen />}
      {route.name === 'drills' && <DrillsScreen />}
      {route.name === 'cohort' && <CohortScreen />}
      {route.name === 'drill-author' && <AuthorScreen />}
      {route.name === 'investigation' && <InvestigationScreen />}
      {route.name === 'investigation' && <AuditPanelToggle />}
      {overlay === 'palette' && <CommandPalette />}
      {overlay === 'help' && <HelpOverlay />}
      {overlay === 'new-investigation' && <NewInvestigationDialog />}
      {overlay === 'import-bundle' && <ImportDialog />}
      <Notices />
    </div>
  );
}
