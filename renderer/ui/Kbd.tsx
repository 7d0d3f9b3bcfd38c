// A keyboard shortcut, shown with the platform's modifier name.
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function shortcutLabel(shortcut: string): string {
  return shortcut.replace('Mod', isMac ? '⌘' : 'Ctrl');
}

export function Kbd({ shortcut }: { shortcut: string }) {
  return (
    <span className="kbd-group">
      {shortcutLabel(shortcut)
        .split(' ')
        .map((part) => (
          <kbd key={part}>{part}</kbd>
        ))}
    </span>
  );
}
