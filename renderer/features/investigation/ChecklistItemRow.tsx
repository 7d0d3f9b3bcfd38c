// One checklist item: its box, and who stands behind its state. A tick Peel made from evidence says so and names
// the audit event that proves it; a person's tick names the person; evidence an item needs a person to judge
// (read the OOM messages) is a suggestion pointing at what to look at, and the box stays theirs to tick.
import type { ChecklistTick } from '../../../shared/contract/entities';
import type { ChecklistEvidence } from '../../../shared/contract/lab-entities';
import type { ChecklistItem } from '../../../shared/domain/rules';
import { usePeel } from '../../state/store';

interface Props {
  item: ChecklistItem;
  tick: ChecklistTick | undefined;
  evidence: readonly ChecklistEvidence[];
  readOnly: boolean;
}

export function ChecklistItemRow({ item, tick, evidence, readOnly }: Props) {
  const setItem = usePeel((s) => s.setChecklistItem);
  const openRun = usePeel((s) => s.openRunInLab);
  const ticked = tick?.ticked ?? false;
  const byEvidence = ticked && tick?.evidence ? tick.evidence : null;
  const runButtons = (runIds: readonly string[]) =>
    runIds.slice(0, 4).map((runId) => (
      <button key={runId} type="button" className="link-button" onClick={() => openRun(runId)}>
        open run
      </button>
    ));
  // What to show under the item: the proof of Peel's own tick, else the live evidence (a suggestion, or facts
  // for an item a person has set either way).
  const shown = byEvidence ? [] : evidence;
  return (
    <li className={ticked ? 'done' : ''} data-item-id={item.id}>
      <label>
        <input
          type="checkbox"
          checked={ticked}
          disabled={readOnly}
          onChange={(event) => void setItem(item.id, event.target.checked)}
        />
        <span>
          <span className="checklist-text">{item.text}</span>
          {item.hint && <span className="checklist-hint">{item.hint}</span>}
        </span>
      </label>
      {byEvidence && (
        <p className="checklist-evidence" data-source="evidence">
          <span className="tick-source">Ticked by Peel from evidence</span> {byEvidence.description}
          {byEvidence.eventSeq !== null && (
            <span className="tick-event"> · proved by event #{byEvidence.eventSeq}</span>
          )}
          {runButtons(byEvidence.runIds)}
        </p>
      )}
      {ticked && !byEvidence && tick && (
        <p className="checklist-evidence person" data-source="person">
          <span className="tick-source">Ticked by {tick.by}</span>
        </p>
      )}
      {shown.map((entry) => (
        <p
          key={entry.description}
          className={`checklist-evidence ${entry.mode === 'suggest' ? 'suggestion' : ''}`}
          data-source={entry.mode}
        >
          <span className="tick-source">{entry.mode === 'suggest' ? 'Suggested:' : 'Evidence:'}</span>{' '}
          {entry.description}
          {entry.eventSeq !== null && <span className="tick-event"> · event #{entry.eventSeq}</span>}
          {runButtons(entry.runIds)}
        </p>
      ))}
    </li>
  );
}
