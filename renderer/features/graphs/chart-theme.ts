// Canvas colours come from the app's CSS variables (renderer/styles/app.css and graphs.css), read once per theme
// change: charts follow the OS theme like the rest of the window and never hard-code a second palette.
import { useSyncExternalStore } from 'react';
import type { ThemeName } from './series-palette';

export interface ChartTheme {
  name: ThemeName;
  text: string;
  muted: string;
  grid: string;
  axis: string;
  background: string;
  sunken: string;
  bad: string;
  warn: string;
  info: string;
  ok: string;
  killed: string;
  gc: string;
  accent: string;
  fontFamily: string;
}

/** The values of app.css and graphs.css, used where a variable cannot be read (tests, odd colour syntax). */
export const FALLBACK_THEMES: Record<ThemeName, ChartTheme> = {
  light: {
    name: 'light',
    text: '#1c2027',
    muted: '#5b6472',
    grid: '#e6e9ee',
    axis: '#c2c8d0',
    background: '#ffffff',
    sunken: '#eef0f3',
    bad: '#b42d2d',
    warn: '#8a6100',
    info: '#2d5fb4',
    ok: '#1f7a4d',
    killed: '#8e2a8a',
    gc: '#0f7c8a',
    accent: '#d9661f',
    fontFamily: 'system-ui, sans-serif',
  },
  dark: {
    name: 'dark',
    text: '#e4e7ec',
    muted: '#9aa3b1',
    grid: '#262a32',
    axis: '#3c424d',
    background: '#1c1f25',
    sunken: '#101215',
    bad: '#f07a7a',
    warn: '#e8c15b',
    info: '#86adf5',
    ok: '#5fcf94',
    killed: '#e07ad8',
    gc: '#5cc8d6',
    accent: '#f08c3c',
    fontFamily: 'system-ui, sans-serif',
  },
};

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
