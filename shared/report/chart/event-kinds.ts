// How each kind of run event looks: its words, its colour tone (a CSS variable, so both themes work), whether it
// gets a marker on the charts and whether that marker runs the full height (the moments that explain a step).

export type EventTone = 'bad' | 'killed' | 'warn' | 'info' | 'gc' | 'ok' | 'muted';

export interface EventStyle {
  label: string;
  tone: EventTone;
  /** Drawn as a tick on the time-series charts. */
  marker: boolean;
  /** Also drawn as a faint line across the plot (failures and shutdowns, the causes of a staircase step). */
  line: boolean;
}

const STYLES: Record<string, EventStyle> = {
  oom: { label: 'OOM', tone: 'bad', marker: true, line: true },
  'container-killed': { label: 'container killed', tone: 'killed', marker: true, line: true },
  'container-shutdown': { label: 'container shutdown', tone: 'warn', marker: true, line: true },
  restart: { label: 'restart', tone: 'info', marker: true, line: false },
  'full-gc': { label: 'full GC', tone: 'gc', marker: true, line: false },
  'sink-paused': { label: 'sink paused', tone: 'muted', marker: true, line: true },
  'sink-resumed': { label: 'sink resumed', tone: 'ok', marker: true, line: true },
  'job-failed': { label: 'job failed', tone: 'bad', marker: true, line: true },
  'payload-spike': { label: 'payload spike', tone: 'warn', marker: true, line: false },
  'task-failure': { label: 'task failure', tone: 'bad', marker: false, line: false },
  'checkpoint-expired': { label: 'checkpoint expired', tone: 'warn', marker: false, line: false },
  'checkpoint-completed': { label: 'checkpoint', tone: 'muted', marker: false, line: false },
  'taskmanager-started': { label: 'TaskManager started', tone: 'muted', marker: false, line: false },
};

export function eventStyle(kind: string): EventStyle {
  return STYLES[kind] ?? { label: kind.replace(/-/g, ' '), tone: 'muted', marker: false, line: false };
}

/** The kinds in the order the legend and the table's filter list them (known kinds first). */
export function orderKinds(kinds: Iterable<string>): string[] {
  const known = Object.keys(STYLES);
  return [...new Set(kinds)].sort((a, b) => {
    const ia = known.indexOf(a);
    const ib = known.indexOf(b);
    return (ia < 0 ? known.length : ia) - (ib < 0 ? known.length : ib) || a.localeCompare(b);
  });
}

/** The CSS custom property holding a tone's colour (canvas code reads it with getComputedStyle). */
export function toneVariable(tone: EventTone): string {
  switch (tone) {
    case 'bad':
      return '--bad';
    case 'warn':
      return '--warn';
    case 'info':
      return '--info';
    case 'ok':
      return '--ok';
    case 'muted':
      return '--text-muted';
    case 'killed':
      return '--graph-killed';
    case 'gc':
      return '--graph-gc';
  }
}
