// Marks a run of a real experiment (imported metrics of what was done on the real cluster) wherever runs are listed
// or compared, so it is never read as a simulation. The word says it, not the colour alone; the accessible name
// says it in full for a screen reader.
import './real-badge.css';

export const REAL_BADGE_NAME = 'Real experiment: imported metrics, not a simulation';

export function RealBadge({ description }: { description?: string | undefined }) {
  const title = description ? `${REAL_BADGE_NAME}. ${description}` : REAL_BADGE_NAME;
  return (
    <span className="real-badge" role="img" aria-label={REAL_BADGE_NAME} title={title}>
      REAL
    </span>
  );
}
