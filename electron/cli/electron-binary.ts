// Finds the Electron binary that `npm install` left (Electron's package downloads it lazily), without requiring
// the 'electron' module, whose import would try a download and throw where there is no network.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

function electronPackageDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const packageDir = electronPackageDir();
  if (!packageDir) return { found: false, reason: 'the electron package is not installed' };
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { found: false, reason: 'the Electron binary has not been downloaded' };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : join(packageDir, 'dist', relative);
  return existsSync(binary)
    ? { found: true, path: binary }
    : { found: false, reason: `${binary} is missing` };
}

/** Runs Electron's own installer once; returns why it failed, or null on success. */
export function tryDownloadElectron(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) return 'ELECTRON_SKIP_BINARY_DOWNLOAD is set';
  const packageDir = electronPackageDir();
  if (!packageDir) return 'the electron package is not installed';
  console.log('Peel: downloading the Electron binary (first start only)...');
  const result = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 300_000,
    encoding: 'utf8',
  });
  if (result.status === 0) return null;
  const lastLine = (result.stderr ?? '').trim().split('\n').filter(Boolean).pop();
  return `the download failed${lastLine ? ` (${lastLine.slice(0, 200)})` : ''}`;
}
