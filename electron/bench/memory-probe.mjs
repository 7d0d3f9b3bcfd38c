// Loaded into a Peel host process by the soak (node --import): on SIGUSR2 prints the memory V8 and Node count, the
// main thread's (heap used and committed, code space, external and ArrayBuffer memory) and the live worker threads'
// heaps summed, so a soak can set the JS heaps beside the process's resident memory. To see the workers it wraps
// worker_threads' Worker before the host loads (a probe's view only; the host's own code is unchanged).
// Plain JavaScript: the built host runs on Node without a TypeScript loader.
import { syncBuiltinESMExports } from 'node:module';
import { getHeapSpaceStatistics } from 'node:v8';
import threads from 'node:worker_threads';

const workers = new Set();
const BaseWorker = threads.Worker;
threads.Worker = class extends BaseWorker {
  constructor(...args) {
    super(...args);
    workers.add(this);
    this.once('exit', () => workers.delete(this));
  }
};
syncBuiltinESMExports();

// A diagnostic soak (PEEL_BENCH_SOAK_LIVE=1, host started with --expose-gc) collects fully before each reading, so
// heapUsed is what is live: what the heap keeps, apart from what V8 has not yet collected. It changes the RSS
// series (the app forces no GC), so that soak's RSS is not the app's.
const collect =
  process.env.PEEL_PROBE_GC === '1' && typeof globalThis.gc === 'function' ? globalThis.gc : null;

process.on('SIGUSR2', async () => {
  if (collect) {
    collect();
    collect();
  }
  const usage = process.memoryUsage();
  const spaces = Object.fromEntries(
    getHeapSpaceStatistics().map((space) => [space.space_name, space.physical_space_size]),
  );
  const stats = await Promise.all([...workers].map((worker) => worker.getHeapStatistics().catch(() => null)));
  const sum = (field) => stats.reduce((total, s) => total + (s ? s[field] : 0), 0);
  const line = {
    heapUsed: usage.heapUsed,
    heapTotal: usage.heapTotal,
    external: usage.external,
    arrayBuffers: usage.arrayBuffers,
    codeSpace: (spaces.code_space ?? 0) + (spaces.code_large_object_space ?? 0),
    newSpace: (spaces.new_space ?? 0) + (spaces.new_large_object_space ?? 0),
    oldSpace: (spaces.old_space ?? 0) + (spaces.large_object_space ?? 0),
    workers: workers.size,
    workersHeapTotal: sum('total_physical_size'),
    workersHeapUsed: sum('used_heap_size'),
    workersMalloced: sum('malloced_memory'),
  };
  process.stdout.write(`memory-probe ${JSON.stringify(line)}\n`);
});
