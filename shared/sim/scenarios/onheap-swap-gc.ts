// Scenario 5, the seed's earlier design: the exchange-rate map on the heap, rebuilt and swapped on each refresh.
import type { ScenarioDefinition } from './scenario-types';
import {
  containersEveryHalfHour,
  SEED_JOB_DEFAULTS,
  seedJob,
  seedPlatform,
  seedPlatformConfig,
} from './seed-job';

const MIB = 1024 * 1024;

export const onheapSwapGc: ScenarioDefinition = {
  id: 'onheap-swap-gc',
  title: 'On-heap map swap pressuring the old generation',
  description:
    'Before the off-heap map, the exchange rates lived on the heap. Latency spikes and GC alarms, but direct ' +
    'memory looks fine. Where does the memory go?',
  hiddenCause:
    'currency-convert rebuilds a 400 MiB immutable HashMap every 10 minutes and swaps it in. The old copy has been ' +
    'tenured, so each swap leaves about one map of garbage in the old generation: G1 runs concurrent cycles and ' +
    'mixed collections to take it back, and falls back to full GCs when it cannot keep up. Direct memory is flat.',
  fixDescription: 'Update the map in place (or move it off-heap and free it in close()).',
  defects: [
    {
      id: 'swap-whole-map',
      description: 'Every refresh builds a complete new on-heap map and drops the old one.',
      fixedBy: 'update-map-in-place',
    },
  ],
  fixes: [{ id: 'update-map-in-place', description: 'Refresh updates the entries of one map in place.' }],
  variants: [],
  defaultHours: 6,
  defaultParallelism: 8,
  defaultFaults: (hours, parallelism) => ({
    failContainers: containersEveryHalfHour(hours, parallelism),
    pauseSink: [],
    payloadSpikes: [],
  }),
  build: ({ defects }) => ({
    graph: seedJob({
      ...SEED_JOB_DEFAULTS,
      mapBacking: 'heap',
      mapBytes: 400 * MIB,
      mapRefreshSec: 600,
      mapRefresh: defects.has('swap-whole-map') ? 'swap' : 'in-place',
    }),
    config: seedPlatformConfig(),
    platform: seedPlatform(),
  }),
};
