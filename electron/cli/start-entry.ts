// What `node dist/electron/start.js` runs first. It turns on Node's on-disk compile cache before the launcher's
// bundle (about 1.3 MB: the backend, its schemas and the host) is loaded, so every start after the first skips
// compiling it again (measured: about 100 to 150 ms of a 600 to 900 ms start of the host on this 2-core machine).
// Where Node lacks the cache, or cannot write it, the start is as before.
import module from 'node:module';

const cache = module as { enableCompileCache?: () => unknown };
cache.enableCompileCache?.();
// Not a literal, so the bundler leaves this file apart from the bundle it loads (built beside it).
const launcher = './start-host.js';
await import(launcher);
