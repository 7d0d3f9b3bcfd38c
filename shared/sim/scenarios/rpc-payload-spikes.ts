// Scenario 2, a red herring: Layer 2's large RPC payloads make direct memory spike, and young GCs take it back.
import type { ScenarioDefinition } from './scenario-types';
import {
  containersEveryHalfHour,
  SEED_JOB_DEFAULTS,
  seedJob,
  seedPlatform,
  seedPlatformConfig,
} from './seed-job';

export const rpcPayloadSpikes: ScenarioDefinition = {
  id: 'rpc-payload-spikes',
  title: 'Large RPC payloads: spikes, not a leak',
  description:
    'Direct memory jumps by hundreds of MiB now and then and the OOM stack traces you remember pointed at Thrift ' +
    'buffers. Is the KV-store client leaking? Fail containers, inject payload spikes and look at what stays after ' +
    'each restart.',
  hiddenCause:
    'kvstore-enrich reads every response into a fresh DirectByteBuffer sized to the payload. They are short-lived: ' +
    'the next young GC finds them unreachable and their Cleaners free them, so big payloads raise the peaks ' +
    'between young GCs and nothing is retained across restarts. There is no leak here.',
  fixDescription:
    'Nothing leaks. To flatten the peaks, reuse pooled Thrift buffers instead of allocating a fresh pair per call.',
  defects: [
    {
      id: 'fresh-buffer-per-call',
      description: 'kvstore-enrich allocates a new request and response DirectByteBuffer for every call.',
      fixedBy: 'pool-rpc-buffers',
    },
  ],
  fixes: [
    { id: 'pool-rpc-buffers', description: 'Reuse pooled Thrift buffers sized to the calls in flight.' },
  ],
  variants: [],
  defaultHours: 6,
  defaultParallelism: 8,
  defaultFaults: (hours, parallelism) => {
    const payloadSpikes = [];
    for (let t = 2700; t + 900 <= hours * 3600; t += 5400)
      payloadSpikes.push({ fromSec: t, toSec: t + 900, factor: 4 });
    return { failContainers: containersEveryHalfHour(hours, parallelism), pauseSink: [], payloadSpikes };
  },
  build: ({ defects }) => ({
    graph: seedJob({ ...SEED_JOB_DEFAULTS, rpcPooled: !defects.has('fresh-buffer-per-call') }),
    config: seedPlatformConfig(),
    platform: seedPlatform(),
  }),
};
