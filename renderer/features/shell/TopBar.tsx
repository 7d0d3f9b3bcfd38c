// The top bar: where you are, how to reach every command, and which host is serving Peel.
import { usePeel } from '../../state/store';
import { Kbd } from '../../ui/Kbd';
import { PeelMark } from './PeelMark';

export function TopBar() {
  const route = usePeel((s) => s.route);
  const title = usePeel((s) => s.detail?.investigation.title);
  const info = usePeel((s) => s.info);
  const navigate = usePeel((s) => s.navigate);
  const openOverlay = usePeel((s) => s.openOverlay);
  return (
    <header className="top-bar">
      <button
        type="button"
        className="brand"
        onClick={() => navigate({ name: 'home' })}
        aria-label="Peel: investigations"
      >
        <PeelMark />
        <span>Peel</span>
      </button>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <button type="button" className="crumb" onClick={() => navigate({ name: 'home' })}>
          Investigations
        </button>
        <button type="button" className="crumb" onClick={() => navigate({ name: 'drills' })}>
          Drills
        </button>
        {route.name === 'investigation' && title && (
          <>
            <span className="crumb-separator" aria-hidden="true">
              /
            </span>
            <span className="crumb current" aria-current="page">
              {title}
            </span>
          </>
        )}
      </nav>
      <div className="top-bar-actions">
        <button type="button" className="palette-trigger" onClick={() => openOverlay('palette')}>
          <span>Search commands</span>
          <Kbd shortcut="Mod K" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Keyboard shortcuts"
          onClick={() => openOverlay('help')}
        >
          ?
        </button>
        {info && (
          <span className={`host-badge host-${info.host}`} title={`Data: ${info.databasePath}`}>
            {info.host === 'browser' ? 'browser mode' : 'desktop'} · {info.user}
          </span>
        )}
      </div>
    </header>
  );
}

export function AuditPanelToggle() {
  const open = usePeel((s) => s.auditPanelOpen);
  const toggle = usePeel((s) => s.toggleAuditPanel);
  if (open) return null;
  return (
    <button type="button" className="audit-toggle" onClick={toggle}>
      Audit trail <Kbd shortcut="A" />
    </button>
  );
}
