// Scenario 1, the seed: Layer 3's exchange-rate map is dereferenced in close() without being freed.
import type { ScenarioDefinition } from './scenario-types';
import {
  containersEveryHalfHour,
  replayPayloadSpikes,
  SEED_JOB_DEFAULTS,
  seedJob,
  seedPlatform,
  seedPlatformConfig,
} from './seed-job';

export const offheapMapLeak: ScenarioDefinition = {
  id: 'offheap-map-leak',
  title: 'Off-heap map leaked on every restart',
  description:
    'The seed incident: direct memory OOMs on several operators after a cluster consolidation, with back pressure ' +
    'and a trail of red herrings. Shut containers down and watch Status.JVM.Memory.Direct.MemoryUsed on the ' +
    'TaskManagers that survive. As modelled here the leaked map is one direct buffer and the TaskManagers run ' +
    'with -XX:+DisableExplicitGC, the combination that gives the seed its staircase ending in direct OOMs ' +
    '(JVM reference, rule 6); the variants show what the same bug looks like otherwise. After each restart the ' +
    "job replays from its checkpoint and Layer 2's KV-store calls carry large payloads for five minutes (RPC " +
    'payload spikes in the default schedule): direct memory rises and falls back, a red herring.',
  hiddenCause:
    'currency-convert (Layer 3) builds its exchange-rate map off-heap in open(), and close() only sets the field to ' +
    'null. After a few minutes the map is tenured, so once unreachable only an old-generation collection would ' +
    'free it, and the service is tuned to have almost none. Every restart in place leaves one map behind on each ' +
    'TaskManager that was not replaced, until a reservation (often an RPC buffer, not the map) fails.',
  fixDescription: 'Free the map in close() (map.close() / invoke its cleaner) before dropping the reference.',
  defects: [
    {
      id: 'map-not-freed-in-close',
      description: "currency-convert's close() drops the off-heap map's reference without freeing it.",
      fixedBy: 'free-map-in-close',
    },
  ],
  fixes: [
    { id: 'free-map-in-close', description: 'close() calls map.close() before dropping the reference.' },
  ],
  variants: [
    {
      id: 'explicit-gc',
      title: 'Explicit GC allowed',
      description:
        'env.java.opts without -XX:+DisableExplicitGC: a failing reservation runs System.gc(), a full GC frees the ' +
        'leaked maps and the staircase falls back (a saw-tooth), no OOM.',
    },
    {
      id: 'unsafe-map',
      title: 'Map on Unsafe memory (a real ChronicleMap)',
      description:
        'The map lives in Unsafe.allocateMemory: Direct.MemoryUsed stays flat while resident memory climbs one map ' +
        'per restart until YARN kills the container. The metric you watch is not the one that leaks.',
    },
    {
      id: 'static-map',
      title: 'Old map kept reachable',
      description:
        'close() parks the old map in a static list instead of dropping it: no GC can free it, so even with ' +
        'explicit GC every open() fails once the limit is reached.',
    },
  ],
  defaultHours: 6,
  defaultParallelism: 8,
  defaultFaults: (hours, parallelism, chosen) => {
    const failContainers = containersEveryHalfHour(hours, parallelism);
    return {
      failContainers,
      pauseSink: [],
      payloadSpikes: replayPayloadSpikes(chosen ?? failContainers, hours),
    };
  },
  build: ({ defects, variant }) => {
    const leak = defects.has('map-not-freed-in-close');
    const config = seedPlatformConfig();
    if (variant === 'explicit-gc') config['env.java.opts'] = '';
    return {
      graph: seedJob({
        ...SEED_JOB_DEFAULTS,
        mapBacking: variant === 'unsafe-map' ? 'unsafe' : 'direct',
        mapCloseFrees: !leak,
        mapKeptReachable: leak && variant === 'static-map',
      }),
      config,
      platform: seedPlatform(),
    };
  },
};
