// Scenario 4, under-provisioned, not leaking: the consolidation cut task off-heap below what back pressure needs.
import type { ScenarioDefinition } from './scenario-types';
import {
  containersEveryHalfHour,
  SEED_JOB_DEFAULTS,
  seedJob,
  seedPlatform,
  seedPlatformConfig,
} from './seed-job';

const MIB = 1024 * 1024;

export const underprovisionedDirect: ScenarioDefinition = {
  id: 'underprovisioned-direct',
  title: 'Direct memory too small for peak load',
  description:
    'After the cluster consolidation the job pages with direct OOMs whenever Druid slows down. Restarts do not ' +
    'ratchet memory up; something else fills the direct budget. Try pausing or slowing the sink.',
  hiddenCause:
    'The consolidation cut taskmanager.memory.task.off-heap.size from 512m to 80m. In normal flow the KV-store ' +
    'client has about one call in flight, but when the sink slows down kvstore-enrich is back-pressured and its ' +
    'async queue fills with up to 200 completed calls whose 512 KiB of buffers stay reachable. The direct ' +
    'limit no longer covers that peak, nor the catch-up at full speed right after it: OOMs under back ' +
    'pressure, restarts that hit the limit again until the sink recovers, and no staircase.',
  fixDescription: 'Give task off-heap back what back pressure needs (512m), or lower the async capacity.',
  defects: [
    {
      id: 'consolidated-off-heap',
      description: 'taskmanager.memory.task.off-heap.size is 80m after the consolidation.',
      fixedBy: 'restore-task-off-heap',
    },
  ],
  fixes: [{ id: 'restore-task-off-heap', description: 'taskmanager.memory.task.off-heap.size: 512m.' }],
  variants: [],
  defaultHours: 6,
  defaultParallelism: 8,
  defaultFaults: (hours, parallelism) => {
    const pauseSink = [];
    // Druid ingestion slows to a tenth for ten minutes every two hours.
    for (let t = 3600; t + 600 <= hours * 3600; t += 7200)
      pauseSink.push({ fromSec: t, toSec: t + 600, slowdown: 0.1 });
    return { failContainers: containersEveryHalfHour(hours, parallelism), pauseSink, payloadSpikes: [] };
  },
  build: ({ defects }) => {
    const config = seedPlatformConfig();
    if (defects.has('consolidated-off-heap')) config['taskmanager.memory.task.off-heap.size'] = '80m';
    // Exchange rates for the currencies in use: a small map; its refresh is not what fills direct memory here.
    return { graph: seedJob({ ...SEED_JOB_DEFAULTS, mapBytes: 32 * MIB }), config, platform: seedPlatform() };
  },
};
