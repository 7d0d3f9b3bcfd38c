// Where `npm start` keeps Node's compile cache (see start-entry.ts): the user's cache folder for Peel, which the
// system may empty at any time, rather than the shared temporary folder. NODE_COMPILE_CACHE, when set, is used
// instead (Node turns the cache on with it before any of Peel's code runs).
import { homedir } from 'node:os';
import { join } from 'node:path';

export function compileCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32')
    return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'Peel', 'Cache', 'compile-cache');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'Peel', 'compile-cache');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'peel', 'compile-cache');
}
