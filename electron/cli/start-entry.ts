// What `node dist/electron/start.js` runs first: it turns on Node's on-disk compile cache before the launcher's
// bundle (about 1.3 MB: the backend, its schemas and the host) is loaded, so every start after the first skips
// compiling it again (measured: about 100 to 150 ms of a 600 to 900 ms start of the host on this 2-core machine).
// Where Node lacks the cache, or cannot write it, the start is as before.
//
// glibc's malloc arena cap (allocator-env.ts) is not set here for the browser host: it must be in the environment
// when the process starts, and replacing this process with one that has it cost one more start of Node (the host
// printed its address 0.5 to 0.8 s later), against a start-up that already misses its goal. The desktop app gets
// it from the launcher that spawns Electron (start.ts); a user can set MALLOC_ARENA_MAX=2 for `npm start`.
import module from 'node:module';

const cache = module as { enableCompileCache?: () => unknown };
cache.enableCompileCache?.();
// Not a literal, so the bundler leaves this file apart from the bundle it loads (built beside it).
const launcher = './start-host.js';
await import(launcher);
