// "Make a drill of it" on an investigation of a built-in scenario (or a drill): its pipeline, configuration and
// faults become a drill whose hidden answer is its solution; the drill is saved and opened on the author screen.
import { usePeel } from '../../state/store';

export function MakeDrillButton() {
  const investigation = usePeel((s) => s.detail?.investigation);
  const busy = usePeel((s) => s.authorBusy === 'from-investigation');
  const make = usePeel((s) => s.drillFromInvestigation);
  if (!investigation?.scenarioId) return null;
  return (
    <button
      type="button"
      className="button small"
      disabled={busy}
      title="Its pipeline, configuration and faults become a drill; its solution the hidden answer"
      onClick={() => void make(investigation.id)}
    >
      {busy ? 'Making the drill…' : 'Make a drill of it'}
    </button>
  );
}
