// Bundles the Node-side entry points with esbuild (one file each: fast to load, and the sandboxed preload can
// only require 'electron') and copies the SQL migrations beside them. The renderer is built by Vite.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { CHANNEL_NAMES } from '../../shared/contract/channels';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'dist', 'electron');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  minify: true,
  logLevel: 'warning',
  define: { __PEEL_VERSION__: JSON.stringify(version) },
  // better-sqlite3 is a native module: loaded from node_modules (unpacked from asar in a packaged app).
  external: ['electron', 'better-sqlite3'],
};

// ESM bundles may contain CommonJS dependencies that call require(); give them one.
const esmBanner = {
  js: "import { createRequire as __peelCreateRequire } from 'node:module'; const require = __peelCreateRequire(import.meta.url);",
};

// The worker threads first (simulations, the bundle check): their hashes are written into the bundles that start
// them, so a worker file changed after the build (it sits outside the asar archive in a packaged app) is refused
// (see workers/worker-runner.ts and workers/bundle-check-thread.ts).
const workerHash = async (name: string): Promise<string> => {
  await build({
    ...common,
    entryPoints: [join(root, `electron/backend/workers/${name}.ts`)],
    outfile: join(out, `${name}.mjs`),
    format: 'esm',
    banner: esmBanner,
  });
  return createHash('sha256')
    .update(readFileSync(join(out, `${name}.mjs`)))
    .digest('hex');
};
const [workerSha256, bundleCheckWorkerSha256] = await Promise.all([
  workerHash('sim-worker'),
  workerHash('bundle-check-worker'),
]);
const withWorkerHash: BuildOptions = {
  ...common,
  define: {
    ...common.define,
    __PEEL_SIM_WORKER_SHA256__: JSON.stringify(workerSha256),
    __PEEL_BUNDLE_CHECK_WORKER_SHA256__: JSON.stringify(bundleCheckWorkerSha256),
  },
};

await Promise.all([
  build({
    ...withWorkerHash,
    entryPoints: [join(root, 'electron/main/main.ts')],
    outfile: join(out, 'main.mjs'),
    format: 'esm',
    banner: esmBanner,
  }),
  // Split: what the browser host runs before it listens (the database, the HTTP server) is start-host.js, and the
  // rest of the backend, which it imports once listening, is a chunk beside it (start-host-*.js), compiled and run
  // while the page loads. Chunks sit in this folder, so paths made from import.meta.url (migrations, workers) hold.
  build({
    ...withWorkerHash,
    entryPoints: { 'start-host': join(root, 'electron/cli/start.ts') },
    outdir: out,
    splitting: true,
    chunkNames: 'start-host-[name]-[hash]',
    format: 'esm',
    banner: esmBanner,
  }),
  // `npm start` runs start.js: it turns the compile cache on, then loads start-host.js (start-entry.ts says why).
  build({
    ...common,
    entryPoints: [join(root, 'electron/cli/start-entry.ts')],
    outfile: join(out, 'start.js'),
    format: 'esm',
  }),
  build({
    ...common,
    // The preload needs only the channel names; injecting them keeps zod (and every schema) out of it.
    define: { ...common.define, __PEEL_CHANNEL_NAMES__: JSON.stringify(CHANNEL_NAMES) },
    minify: true,
    entryPoints: [join(root, 'electron/main/preload.ts')],
    outfile: join(out, 'preload.cjs'),
    format: 'cjs',
    platform: 'browser',
    external: ['electron'],
  }),
]);

cpSync(join(root, 'electron/backend/store/migrations'), join(out, 'migrations'), { recursive: true });
