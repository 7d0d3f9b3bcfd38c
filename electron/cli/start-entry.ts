// What `node dist/electron/start.js` runs first. Two things that must happen before the launcher's bundle loads:
//
// 1. On Linux, glibc's malloc arena cap (allocator-env.ts) must be in the environment when the process starts, and
//    this process is the browser host itself: without it, the process replaces itself (execve: same process id,
//    same arguments) with the setting added, once. That costs one more start of Node before anything else, and
//    keeps the server's memory 10 to 14 MiB lower and its threads' arenas level over a long session (README, the
//    soak paragraph). The desktop app gets the setting from the launcher that spawns Electron (start.ts).
// 2. It turns on Node's on-disk compile cache before the launcher's bundle (about 1.3 MB: the backend, its schemas
//    and the host) is loaded, so every start after the first skips compiling it again (measured: about 100 to 150
//    ms of a 600 to 900 ms start of the host on this 2-core machine). Where Node lacks the cache, or cannot write
//    it, the start is as before.
import module from 'node:module';
import { allocatorEnvironment } from './allocator-env';

const missing = allocatorEnvironment(process.env, process.platform);
const execve = (process as { execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never })
  .execve;
if (Object.keys(missing).length > 0 && execve) {
  try {
    execve(process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
      ...process.env,
      ...missing,
    });
  } catch {
    // Not replaced (the system refused): start as before, with glibc's default arenas.
  }
}

const cache = module as { enableCompileCache?: () => unknown };
cache.enableCompileCache?.();
// Not a literal, so the bundler leaves this file apart from the bundle it loads (built beside it).
const launcher = './start-host.js';
await import(launcher);
