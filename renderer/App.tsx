// The window: a top bar, the current screen, overlays and notices.

import { lazy, Suspense } from 'react';
import { ImportDialog } from './features/exchange/ImportDialog';
import { HelpOverlay } from './features/help/HelpOverlay';
import { HomeScreen } from './features/home/HomeScreen';
import { NewInvestigationDialog } from './features/home/NewInvestigationDialog';
import { CommandPalette } from './features/palette/CommandPalette';
import { AuditPanelToggle, TopBar } from './features/shell/TopBar';
import { useGlobalShortcuts } from './features/shortcuts/use-global-shortcuts';
import { usePeel } from './state/store';
import { Notices } from './ui/Notices';

// The screens past the home screen load when first shown: the home screen's start does not evaluate the lab, its
// charts and topology, or the drills (about 230 ms of a 861 KB bundle on this machine, measured in Chromium).
const InvestigationScreen = lazy(() =>
  import('./features/investigation/InvestigationScreen').then((m) => ({ default: m.InvestigationScreen })),
);
const DrillsScreen = lazy(() =>
  import('./features/training/DrillsScreen').then((m) => ({ default: m.DrillsScreen })),
);
const CohortScreen = lazy(() =>
  import('./features/training/CohortScreen').then((m) => ({ default: m.CohortScreen })),
);
const AuthorScreen = lazy(() =>
  import('./features/training/AuthorScreen').then((m) => ({ default: m.AuthorScreen })),
);

export function App() {
  useGlobalShortcuts();
  const route = usePeel((s) => s.route);
  const overlay = usePeel((s) => s.overlay);
  return (
    <div className="app">
      <TopBar />
      {route.name === 'home' && <HomeScreen />}
      <Suspense fallback={<p className="screen-loading">Loading…</p>}>
        {route.name === 'drills' && <DrillsScreen />}
        {route.name === 'cohort' && <CohortScreen />}
        {route.name === 'drill-author' && <AuthorScreen />}
        {route.name === 'investigation' && <InvestigationScreen />}
      </Suspense>
      {route.name === 'investigation' && <AuditPanelToggle />}
      {overlay === 'palette' && <CommandPalette />}
      {overlay === 'help' && <HelpOverlay />}
      {overlay === 'new-investigation' && <NewInvestigationDialog />}
      {overlay === 'import-bundle' && <ImportDialog />}
      <Notices />
    </div>
  );
}
