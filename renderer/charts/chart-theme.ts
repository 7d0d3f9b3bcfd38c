// Canvas colours come from the app's CSS variables (renderer/styles/app.css and graphs.css), read once per theme
// change: charts follow the OS theme like the rest of the window and never hard-code a second palette.
import { useSyncExternalStore } from 'react';
import { type ChartTheme, FALLBACK_THEMES } from '../../shared/report/chart/chart-theme-values';
import type { ThemeName } from '../../shared/report/chart/series-palette';

// The theme type and the fallback values live with the SVG writer (shared/report/chart), which reports use too.
export { type ChartTheme, FALLBACK_THEMES } from '../../shared/report/chart/chart-theme-values';

const VARIABLES: Record<Exclude<keyof ChartTheme, 'name' | 'fontFamily'>, string> = {
  text: '--text',
  muted: '--text-muted',
  grid: '--graph-grid',
  axis: '--border-strong',
  background: '--bg-raised',
  sunken: '--bg-sunken',
  bad: '--bad',
  warn: '--warn',
  info: '--info',
  ok: '--ok',
  killed: '--graph-killed',
  gc: '--graph-gc',
  accent: '--accent',
};

const HEX = /^#[0-9a-f]{6}$/i;

function prefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

/** Reads the theme from the document's computed variables; anything not a #rrggbb colour falls back. */
export function readChartTheme(root: Element = document.documentElement): ChartTheme {
  const name: ThemeName = prefersDark() ? 'dark' : 'light';
  const fallback = FALLBACK_THEMES[name];
  const style = getComputedStyle(root);
  const theme: ChartTheme = { ...fallback };
  for (const [key, variable] of Object.entries(VARIABLES) as Array<[keyof typeof VARIABLES, string]>) {
    const value = style.getPropertyValue(variable).trim();
    if (HEX.test(value)) theme[key] = value.toLowerCase();
  }
  const font = style.getPropertyValue('--font-ui').trim();
  if (font) theme.fontFamily = font;
  return theme;
}

let cached: ChartTheme | null = null;
const listeners = new Set<() => void>();
let unwatch: (() => void) | null = null;

function refresh(): void {
  cached = readChartTheme();
  for (const listener of listeners) listener();
}

/** Watches the OS theme and any class/attribute switch on <html> (a future manual theme toggle). */
function watch(): () => void {
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  media?.addEventListener('change', refresh);
  const observer = new MutationObserver(refresh);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'data-theme'] });
  return () => {
    media?.removeEventListener('change', refresh);
    observer.disconnect();
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!unwatch) unwatch = watch();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && unwatch) {
      unwatch();
      unwatch = null;
      cached = null;
    }
  };
}

function snapshot(): ChartTheme {
  if (!cached) cached = readChartTheme();
  return cached;
}

/** The current chart theme; components re-render (and redraw their canvases) when it changes. */
export function useChartTheme(): ChartTheme {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
