// V8 settings for the process that runs Peel's backend, given on its command line, the only place V8 reads them
// before the heap is made: `npm start` and `npm run dev` (package.json: its test checks they carry these), the
// Electron binary the launcher spawns (start.ts, as --js-flags), and every test and benchmark that starts a host as
// `npm start` does (e2e/fixtures/peel-host.ts).
//
// The young generation: V8's default lets each of its two semi-spaces grow to 16 MiB on a 64-bit machine, sized for
// a browser tab's bursts of allocation. Peel's server answers short calls and keeps what lasts in the old generation,
// and in a 1,000-run soak the default's young generation sat at 26 to 29 MiB, its pages coming and going, while the
// process's resident memory read as a leak (+6.7 to +8 MiB over the last 800 runs, nearly all of it V8's pages).
// With 4 MiB semi-spaces the server sat 20 MiB lower and each run's calls took less time, not more (README, the
// soak paragraphs, which also say what still moves the soak's reading). Long work (a bundle, an export, a run's
// series) is streamed or done in workers, so no single call needs a large nursery.
export const HOST_V8_FLAGS: readonly string[] = ['--max-semi-space-size=4'];
