// "?": every keyboard shortcut, grouped as the palette groups them.
import { RULES } from '../../../shared/domain/rules';
import { usePeel } from '../../state/store';
import { Dialog } from '../../ui/Dialog';
import { Kbd } from '../../ui/Kbd';

const SHORTCUTS: { group: string; items: [string, string][] }[] = [
  {
    group: 'Anywhere',
    items: [
      ['Mod K', 'Command palette: every action, by name'],
      ['?', 'This help'],
      ['N', 'New investigation'],
      ['H', 'Go to the list of investigations'],
      ['Esc', 'Close a dialog or leave a text field'],
    ],
  },
  { group: 'Investigations list', items: [['/', 'Search investigations']] },
  {
    group: 'In an investigation',
    items: [
      [`1 … ${RULES.length}`, 'Jump to rule 1 … 9'],
      ['Y', 'Add a hypothesis'],
      ['W', 'Write a note on the investigation'],
      ['A', 'Show or hide the audit trail'],
      ['T', 'Open the trail: the timeline with filters and search'],
      ['Mod Enter', 'Save the note or form you are typing in'],
    ],
  },
  {
    group: 'The lab',
    items: [
      ['L', 'Open the lab'],
      ['S', 'Take the suggested next step'],
      ['R', 'Run the selected experiment'],
      ['D', 'Derive an experiment from the selected one'],
      ['C', 'Compare the runs ticked for comparison'],
    ],
  },
];

export function HelpOverlay() {
  const close = usePeel((s) => s.closeOverlay);
  return (
    <Dialog title="Keyboard shortcuts" onClose={close} className="help">
      <header className="dialog-header">
        <h2>Keyboard shortcuts</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={close}>
          ×
        </button>
      </header>
      <div className="help-grid">
        {SHORTCUTS.map((section) => (
          <section key={section.group}>
            <h3>{section.group}</h3>
            <dl>
              {section.items.map(([keys, what]) => (
                <div key={keys} className="help-row">
                  <dt>
                    <Kbd shortcut={keys} />
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
