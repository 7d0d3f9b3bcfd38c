// Ctrl/Cmd+K: type to filter every available command, arrows to choose, Enter to run.
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { usePeel } from '../../state/store';
import { Dialog } from '../../ui/Dialog';
import { Kbd } from '../../ui/Kbd';
import { commandInputs, paletteCommands } from './commands';

export function CommandPalette() {
  // Only what decides the commands: the palette does not re-render on every change elsewhere in the store.
  const inputs = usePeel(useShallow(commandInputs));
  const close = usePeel((s) => s.closeOverlay);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const commands = useMemo(() => paletteCommands(inputs, query), [inputs, query]);
  const run = (index: number) => {
    const command = commands[index];
    if (!command) return;
    close();
    command.run(usePeel.getState());
  };
  return (
    <Dialog title="Command palette" onClose={close} className="palette">
      <input
        className="palette-input"
        autoFocus
        placeholder="Type a command…"
        aria-label="Command"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={commands[selected] ? `palette-item-${selected}` : undefined}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setSelected(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setSelected((i) => Math.min(i + 1, commands.length - 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setSelected((i) => Math.max(i - 1, 0));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            run(selected);
          }
        }}
      />
      <div id="palette-list" className="palette-list" role="listbox" aria-label="Commands">
        {commands.length === 0 && <div className="palette-empty">No command matches “{query}”.</div>}
        {commands.slice(0, 60).map((command, index) => (
          <div
            key={command.id}
            id={`palette-item-${index}`}
            role="option"
            tabIndex={-1}
            aria-selected={index === selected}
            className={`palette-item ${index === selected ? 'selected' : ''}`}
            onMouseMove={() => setSelected(index)}
            onClick={() => run(index)}
            onKeyDown={() => {}}
          >
            <span className="palette-group">{command.group}</span>
            <span className="palette-title">{command.title}</span>
            {command.shortcut && <Kbd shortcut={command.shortcut} />}
          </div>
        ))}
      </div>
    </Dialog>
  );
}
