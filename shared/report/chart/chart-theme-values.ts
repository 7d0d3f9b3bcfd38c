// The colours a chart is drawn with, and the light and dark values of app.css and graphs.css. Pure data, so the
// SVG writer can run outside a browser (reports); the renderer reads the live values from its CSS variables.
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

/** The values of app.css and graphs.css, used where a variable cannot be read (tests, reports, odd colour syntax). */
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
