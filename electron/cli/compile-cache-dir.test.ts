import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCacheDir } from './compile-cache-dir';

describe("the compile cache's folder", () => {
  it("is the user's cache folder for Peel on each platform", () => {
    expect(compileCacheDir({}, 'linux', '/home/ada')).toBe(
      join('/home/ada', '.cache', 'peel', 'compile-cache'),
    );
    expect(compileCacheDir({ XDG_CACHE_HOME: '/var/cache/ada' }, 'linux', '/home/ada')).toBe(
      join('/var/cache/ada', 'peel', 'compile-cache'),
    );
    expect(compileCacheDir({}, 'darwin', '/Users/ada')).toBe(
      join('/Users/ada', 'Library', 'Caches', 'Peel', 'compile-cache'),
    );
    expect(
      compileCacheDir({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32', 'C:\\Users\\ada'),
    ).toBe(join('C:\\Users\\ada\\AppData\\Local', 'Peel', 'Cache', 'compile-cache'));
  });

  it('falls back to the home folder when the variable is empty', () => {
    expect(compileCacheDir({ XDG_CACHE_HOME: '' }, 'linux', '/home/ada')).toBe(
      join('/home/ada', '.cache', 'peel', 'compile-cache'),
    );
  });
});
