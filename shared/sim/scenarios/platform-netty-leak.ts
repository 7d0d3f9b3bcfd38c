// Scenario 3, a platform leak: the platform keeps a Netty arena per task deployment, job or no job.
import type { ScenarioDefinition } from './scenario-types';
import {
  containersEveryHalfHour,
  SEED_JOB_DEFAULTS,
  seedJob,
  seedPlatform,
  seedPlatformConfig,
} from './seed-job';

const MIB = 1024 * 1024;

export const platformNettyLeak: ScenarioDefinition = {
  id: 'platform-netty-leak',
  title: 'A leak in the platform, not in the job',
  description:
    'Direct memory climbs a step at every restart, just like the seed. Before peeling the application apart, ' +
    'run the control job: does a trivial source-to-sink job on the same platform climb too?',
  hiddenCause:
    "The platform's shuffle client (a patched Flink build) creates a new pooled Netty allocator for every task " +
    'deployment and registers it in a static registry that is never cleared. Each restart leaves its arenas ' +
    '(4 x 16 MiB chunks) reachable, so no GC frees them, whatever the job does.',
  fixDescription: 'Upgrade the platform build to one that reuses the allocator across deployments.',
  defects: [
    {
      id: 'netty-arena-per-deployment',
      description: 'Every task deployment leaves a Netty allocator with four 16 MiB chunks reachable.',
      fixedBy: 'upgrade-platform',
    },
  ],
  fixes: [
    { id: 'upgrade-platform', description: 'Platform build that reuses one allocator per TaskManager.' },
  ],
  variants: [],
  defaultHours: 6,
  defaultParallelism: 8,
  defaultFaults: (hours, parallelism) => ({
    failContainers: containersEveryHalfHour(hours, parallelism),
    pauseSink: [],
    payloadSpikes: [],
  }),
  build: ({ defects }) => ({
    graph: seedJob(SEED_JOB_DEFAULTS),
    config: seedPlatformConfig(),
    platform: {
      ...seedPlatform(),
      retainedDirectPerDeployBytes: defects.has('netty-arena-per-deployment') ? 64 * MIB : 0,
    },
  }),
};
