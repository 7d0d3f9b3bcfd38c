// Loaded into a Peel host process by a benchmark (node --import): watches the host's event loop and, on SIGUSR2,
// prints the longest delay since the last report (a task that held the main thread that long: every request waited)
// and starts over. Plain JavaScript: the built host runs on Node without a TypeScript loader.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
process.on('SIGUSR2', () => {
  process.stdout.write(`event-loop-max-ms ${(delay.max / 1e6).toFixed(1)}\n`);
  delay.reset();
});
