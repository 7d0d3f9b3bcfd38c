// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FALLBACK_THEMES, readChartTheme } from './chart-theme';

function mockScheme(dark: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: dark && query.includes('dark'),
    addEventListener() {},
    removeEventListener() {},
  }));
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.documentElement.removeAttribute('style');
});

describe('readChartTheme', () => {
  it('takes colours from the CSS variables of the page', () => {
    mockScheme(false);
    document.documentElement.style.setProperty('--bad', '#AA0000');
    document.documentElement.style.setProperty('--text', '#111111');
    const theme = readChartTheme();
    expect(theme.name).toBe('light');
    expect(theme.bad).toBe('#aa0000');
    expect(theme.text).toBe('#111111');
  });

  it('falls back to the theme defaults for missing or non-hex values', () => {
    mockScheme(true);
    document.documentElement.style.setProperty('--bad', 'color-mix(in srgb, red 50%, blue)');
    const theme = readChartTheme();
    expect(theme.name).toBe('dark');
    expect(theme.bad).toBe(FALLBACK_THEMES.dark.bad);
    expect(theme.killed).toBe(FALLBACK_THEMES.dark.killed);
  });
});
