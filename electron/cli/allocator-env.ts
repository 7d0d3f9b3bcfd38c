// glibc's malloc gives each thread that allocates an arena of its own, up to eight per core, and returns to the
// system only what lies free at an arena's top. Peel's server has many such threads (the simulation worker, V8's
// compiler and collector helpers, libuv's pool), whose arenas each grow to their own peak and keep it: in a
// 1,000-run soak they held 42 to 69 MiB and stepped up now and then. Two arenas held them level, and the server 10
// to 14 MiB lower, in a 1,000-run soak (README, the soak paragraph). glibc reads the setting once, when the process starts, so a launcher must put
// it in the environment of the process it starts; a value the user set is left as it is.

/** The variables to add to the environment of a Peel process about to be started on `platform`. */
export function allocatorEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
): Record<string, string> {
  // Only glibc reads it; macOS's and Windows' allocators have no such setting, musl ignores it.
  if (platform !== 'linux') return {};
  if (env.MALLOC_ARENA_MAX !== undefined && env.MALLOC_ARENA_MAX !== '') return {};
  return { MALLOC_ARENA_MAX: String(MALLOC_ARENAS) };
}

/** Two arenas: the main thread's and one the other threads share. */
export const MALLOC_ARENAS = 2;
