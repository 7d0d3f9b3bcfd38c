// Where Peel keeps its data: PEEL_DATA_DIR when set, else the folder Electron's app.getPath('userData') gives an
// app named "Peel" on this platform, so browser mode and the desktop app read and write the same peel.sqlite.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Peel';
export const DATABASE_FILE = 'peel.sqlite';

/** Mirrors Electron's userData rule: appData (per platform) joined with the app name. */
export function electronUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  // An empty variable counts as unset, as in Electron; `??` would make it a path relative to the working folder.
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME);
}

export function resolveDataDir(
  options: { flag?: string; env?: NodeJS.ProcessEnv; fallback?: string } = {},
): string {
  const env = options.env ?? process.env;
  if (options.flag) return options.flag;
  if (env.PEEL_DATA_DIR) return env.PEEL_DATA_DIR;
  return options.fallback ?? electronUserDataDir(process.platform, env);
}
