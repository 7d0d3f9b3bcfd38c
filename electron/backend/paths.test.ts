import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE, electronUserDataDir, resolveDataDir } from './paths';

const HOME = '/home/ada';

describe('electronUserDataDir', () => {
  it('uses XDG_CONFIG_HOME on Linux when it is set', () => {
    expect(electronUserDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, HOME)).toBe(join('/cfg', 'Peel'));
  });

  it('falls back to ~/.config on Linux when XDG_CONFIG_HOME is unset or empty', () => {
    expect(electronUserDataDir('linux', {}, HOME)).toBe(join(HOME, '.config', 'Peel'));
    // An empty variable counts as unset (as Electron treats it), not as the current directory.
    expect(electronUserDataDir('linux', { XDG_CONFIG_HOME: '' }, HOME)).toBe(join(HOME, '.config', 'Peel'));
  });

  it('follows the Linux rule on the other Unix platforms', () => {
    expect(electronUserDataDir('freebsd', {}, HOME)).toBe(join(HOME, '.config', 'Peel'));
  });

  it('uses Application Support on macOS, whatever XDG_CONFIG_HOME says', () => {
    expect(electronUserDataDir('darwin', { XDG_CONFIG_HOME: '/cfg' }, '/Users/ada')).toBe(
      join('/Users/ada', 'Library', 'Application Support', 'Peel'),
    );
  });

  it('uses APPDATA on Windows, or the roaming folder under the profile without it', () => {
    expect(
      electronUserDataDir('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada'),
    ).toBe(join('C:\\Users\\ada\\AppData\\Roaming', 'Peel'));
    expect(electronUserDataDir('win32', {}, 'C:\\Users\\ada')).toBe(
      join('C:\\Users\\ada', 'AppData', 'Roaming', 'Peel'),
    );
    expect(electronUserDataDir('win32', { APPDATA: '' }, 'C:\\Users\\ada')).toBe(
      join('C:\\Users\\ada', 'AppData', 'Roaming', 'Peel'),
    );
  });
});

describe('resolveDataDir', () => {
  it('prefers the command-line flag over PEEL_DATA_DIR and the fallback', () => {
    expect(resolveDataDir({ flag: '/flag', env: { PEEL_DATA_DIR: '/env' }, fallback: '/fallback' })).toBe(
      '/flag',
    );
  });

  it('uses PEEL_DATA_DIR without a flag', () => {
    expect(resolveDataDir({ env: { PEEL_DATA_DIR: '/env' }, fallback: '/fallback' })).toBe('/env');
  });

  it('uses the fallback with neither', () => {
    expect(resolveDataDir({ env: {}, fallback: '/fallback' })).toBe('/fallback');
  });

  it('treats an empty flag or variable as not given', () => {
    expect(resolveDataDir({ flag: '', env: { PEEL_DATA_DIR: '' }, fallback: '/fallback' })).toBe('/fallback');
  });

  it("defaults to Electron's userData folder for this platform, so both hosts share one database", () => {
    const env = { XDG_CONFIG_HOME: '/cfg', APPDATA: '/appdata' };
    expect(resolveDataDir({ env })).toBe(electronUserDataDir(process.platform, env));
  });

  it('reads process.env when no environment is passed', () => {
    const saved = process.env.PEEL_DATA_DIR;
    process.env.PEEL_DATA_DIR = '/from-process-env';
    try {
      expect(resolveDataDir()).toBe('/from-process-env');
    } finally {
      if (saved === undefined) delete process.env.PEEL_DATA_DIR;
      else process.env.PEEL_DATA_DIR = saved;
    }
  });

  it('names the database file peel.sqlite', () => {
    expect(DATABASE_FILE).toBe('peel.sqlite');
  });
});
