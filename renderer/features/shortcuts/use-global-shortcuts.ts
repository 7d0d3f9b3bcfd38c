// Single-key shortcuts work when the user is not typing; Ctrl/Cmd+K and Escape work everywhere.
import { useEffect } from 'react';
import { RULES } from '../../../shared/domain/rules';
import { usePeel } from '../../state/store';
import { replayEarlyKeys } from '../../ui/early-keys';
import { runCommand } from '../palette/commands';

const SINGLE_KEY_COMMANDS: Record<string, string> = {
  n: 'investigation.new',
  '?': 'help.open',
  h: 'nav.home',
  '/': 'search.focus',
  a: 'audit.toggle',
  t: 'trail.open',
  y: 'hypothesis.new',
  w: 'note.new',
  l: 'lab.open',
  s: 'lab.next-step',
  r: 'lab.run',
  d: 'lab.derive',
  c: 'lab.compare',
};

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  return element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName);
}

export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const state = usePeel.getState();
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        if (state.overlay === 'palette') state.closeOverlay();
        else state.openOverlay('palette');
        return;
      }
      if (event.key === 'Escape' && isTyping(event.target) && state.overlay === null) {
        (event.target as HTMLElement).blur();
        return;
      }
      if (state.overlay !== null || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey)
        return;
      const rule = RULES.find((candidate) => String(candidate.number) === event.key);
      const commandId = rule ? `rule.go.${rule.id}` : SINGLE_KEY_COMMANDS[event.key];
      if (commandId && runCommand(state, commandId)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    // Keys pressed before the app was on screen, now that something listens.
    replayEarlyKeys();
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
