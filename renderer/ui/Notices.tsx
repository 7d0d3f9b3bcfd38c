// Error and info messages, bottom right; errors stay until dismissed so a person can read what went wrong.
import { usePeel } from '../state/store';

export function Notices() {
  const notices = usePeel((state) => state.notices);
  const dismiss = usePeel((state) => state.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`notice notice-${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : undefined}
        >
          <span>{notice.message}</span>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => dismiss(notice.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
