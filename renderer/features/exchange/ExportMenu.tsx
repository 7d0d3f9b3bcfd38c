// The investigation header's Export button: a menu of the five formats. In the desktop app each asks where to
// save; in a browser it downloads (a PDF is printed by the backend with headless Chromium, saved and downloaded).
import { useEffect, useId, useRef, useState } from 'react';
import { EXPORT_FORMATS } from '../../state/exchange-slice';
import { usePeel } from '../../state/store';
import './exchange.css';

/** The serial of the last "open the export menu" request acted on (kept across remounts). */
let handledExportRequest = -1;

export function ExportMenu() {
  const exporting = usePeel((s) => s.exporting);
  const exportInvestigation = usePeel((s) => s.exportInvestigation);
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  // The next step "Export the hand-over" (and the palette) open the menu where the formats are.
  const focusRequest = usePeel((s) => s.focusRequest);
  useEffect(() => {
    if (focusRequest?.target !== 'export-menu' || focusRequest.serial === handledExportRequest) return;
    // Once per request: showing the notebook again later must not reopen the menu.
    handledExportRequest = focusRequest.serial;
    setOpen(true);
    button.current?.scrollIntoView({ block: 'center' });
    button.current?.focus({ preventScroll: true });
  }, [focusRequest]);

  // Open, the menu closes on a click elsewhere and on Escape wherever focus is (the button keeps it after a click).
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', onEscape, true);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', onEscape, true);
    };
  }, [open]);

  return (
    <div className="export-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        disabled={exporting !== null}
        onClick={() => setOpen((value) => !value)}
      >
        {exporting ? `Exporting ${exporting.toUpperCase()}…` : 'Export ▾'}
      </button>
      {open && (
        <div className="export-menu-list" role="menu" id={menuId} aria-label="Export formats">
          {EXPORT_FORMATS.map(({ format, label, hint }) => (
            <button
              key={format}
              type="button"
              role="menuitem"
              className="export-menu-item"
              onClick={() => {
                setOpen(false);
                void exportInvestigation(format);
              }}
            >
              <span>{label}</span>
              <span className="muted">{hint}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
