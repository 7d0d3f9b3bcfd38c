// What `node dist/electron/start.js` runs first: it turns on Node's on-disk compile cache before the launcher's
// bundle (about 1.3 MB: the backend, its schemas and the host) is loaded, so every start after the first skips
// compiling it again. The first start after a build or an update (cold) compiles and writes the cache; the startup
// bench reports that start apart from the later (warm) ones (README, start-up).
//
// The cache is the user's cache folder for Peel (compile-cache-dir.ts), or NODE_COMPILE_CACHE when set. It is only
// ever a saving: Node checks each entry against the file's contents and compiles afresh when they differ or the
// entry is damaged, and where the cache cannot be made or written (no such folder, read-only, an old Node) the
// start is as without it.
//
// glibc's malloc arena cap (allocator-env.ts) is not set here for the browser host: it must be in the environment
// when the process starts, and replacing this process with one that has it cost one more start of Node (the host
// printed its address 0.5 to 0.8 s later), against a start-up that already misses its goal. The desktop app gets
// it from the launcher that spawns Electron (start.ts); a user can set MALLOC_ARENA_MAX=2 for `npm start`.
import module from 'node:module';
import { compileCacheDir } from './compile-cache-dir';

const cache = module as { enableCompileCache?: (directory?: string) => unknown };
try {
  cache.enableCompileCache?.(compileCacheDir());
} catch {
  // No cache: the start goes on without it.
}
// Not a literal, so the bundler leaves this file apart from the bundle it loads (built beside it).
const launcher = './start-host.js';
await import(launcher);
