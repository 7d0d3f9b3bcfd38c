// Whether a bundle's investigation is a drill this Peel can re-open: its scenario is the drill's, and its chain
// starts the drill with a seal that opens (a drill made by another Peel's catalogue or a tampered seal does not).
import { DRILL_SCENARIO_ID, reopenDrill } from '../../../../shared/training';

export function isRecordedDrill(
  scenarioId: string,
  events: readonly { kind: string; payload: Record<string, unknown> }[],
): boolean {
  if (scenarioId !== DRILL_SCENARIO_ID) return false;
  const start = events.filter((event) => event.kind === 'drill.started').at(-1);
  if (!start) return false;
  try {
    reopenDrill(start.payload);
    return true;
  } catch {
    return false;
  }
}
