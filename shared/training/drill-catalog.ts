// The drills that ship with Peel: every scenario the simulator has, each generalised to pipelines drawn from a
// template, plus two harder ones (a real leak behind a red herring; a leak that only back pressure shows).
import type { DrillDefinition, FaultLoad, PipelineTemplate } from './drill-types';

const SHAPE: PipelineTemplate = {
  sources: [2, 3],
  enrichers: [1, 3],
  outputs: [1, 2],
  mapOperators: [1, 3],
  rpcOperators: [0, 2],
};

const RESTARTS: FaultLoad = { shutdownEveryMinutes: [20, 40], containersPerShutdown: [1, 2] };

const SEED_MEMORY = { processSize: '6g', taskOffHeap: '512m', disableExplicitGc: true };

export const DRILLS: readonly DrillDefinition[] = [
  {
    id: 'restart-staircase',
    title: 'Direct OOMs after every deploy',
    summary:
      'Since the cluster consolidation the ads pipeline fails with direct OOMs a few hours after each deploy. ' +
      'Make it fail on purpose, find the operator and prove the fix.',
    difficulty: 'starter',
    estimatedMinutes: 25,
    rules: ['make-it-fail', 'quit-thinking-and-look', 'divide-and-conquer', 'verify-the-fix'],
    page:
      'CRITICAL {job}: tasks failing with java.lang.OutOfMemoryError (direct buffer memory) on {taskManagers} ' +
      'TaskManagers since {firstSymptomAt}. Checkpoints expiring, consumer lag rising.',
    hints: ['make-it-fail.on-purpose', 'look.retained-after-restart', 'divide.halve-remaining', 'verify.aba'],
    budgetHours: 60,
    template: SHAPE,
    defects: ['map-not-freed-in-close'],
    redHerrings: [],
    memory: SEED_MEMORY,
    faults: RESTARTS,
    dashboardHours: 6,
    parallelism: 4,
  },
  {
    id: 'sawtooth',
    title: 'A saw-tooth with long GC pauses',
    summary:
      'No OOM, but direct memory climbs and falls back with multi-second full GCs every few hours. Is it a leak?',
    difficulty: 'standard',
    estimatedMinutes: 30,
    rules: ['quit-thinking-and-look', 'understand-the-system', 'divide-and-conquer', 'verify-the-fix'],
    page:
      'WARNING {job}: full GC pauses (System.gc()) on {taskManagers} TaskManagers since {firstSymptomAt}; ' +
      'direct memory near its limit before each pause.',
    hints: ['look.right-metric', 'look.retained-after-restart', 'divide.halve-remaining', 'verify.aba'],
    budgetHours: 60,
    template: SHAPE,
    defects: ['map-not-freed-in-close'],
    redHerrings: [],
    memory: { ...SEED_MEMORY, disableExplicitGc: false },
    faults: RESTARTS,
    dashboardHours: 6,
    parallelism: 4,
  },
  {
    id: 'open-fails',
    title: 'Every restart fails in open()',
    summary:
      'After a few restarts the job cannot come back at all: every attempt fails while opening its operators.',
    difficulty: 'standard',
    estimatedMinutes: 30,
    rules: ['make-it-fail', 'quit-thinking-and-look', 'divide-and-conquer', 'verify-the-fix'],
    page:
      'CRITICAL {job}: restart loop, tasks failing in open() with direct buffer OOMs on {taskManagers} ' +
      'TaskManagers since {firstSymptomAt}.',
    hints: ['make-it-fail.on-purpose', 'look.retained-after-restart', 'divide.halve-remaining', 'verify.aba'],
    budgetHours: 60,
    template: SHAPE,
    defects: ['map-kept-in-static'],
    redHerrings: [],
    memory: SEED_MEMORY,
    faults: RESTARTS,
    dashboardHours: 6,
    parallelism: 4,
  },
  {
    id: 'killed-by-yarn',
    title: 'Killed by YARN, direct memory flat',
    summary:
      'YARN kills TaskManager containers for exceeding physical memory, yet the direct memory graph is flat.',
    difficulty: 'hard',
    estimatedMinutes: 35,
    rules: ['check-the-plug', 'quit-thinking-and-look', 'divide-and-conquer', 'verify-the-fix'],
    page:
      'CRITICAL {job}: containers killed by YARN for running beyond physical memory on {taskManagers} ' +
      'TaskManagers since {firstSymptomAt}.',
    hints: ['look.right-metric', 'make-it-fail.on-purpose', 'divide.halve-remaining', 'verify.aba'],
    budgetHours: 80,
    template: { ...SHAPE, mapOperators: [1, 2] },
    defects: ['unsafe-map-not-freed'],
    redHerrings: [],
    memory: SEED_MEMORY,
    faults: { shutdownEveryMinutes: [15, 25], containersPerShutdown: [1, 2] },
    dashboardHours: 8,
    parallelism: 4,
  },
  {
    id: 'payload-spikes',
    title: 'Direct memory jumps by hundreds of MiB',
    summary:
      'Direct memory spikes now and then and the old OOM traces pointed at Thrift buffers. Is something leaking?',
    difficulty: 'starter',
    estimatedMinutes: 20,
    rules: ['quit-thinking-and-look', 'make-it-fail', 'divide-and-conquer', 'verify-the-fix'],
    page:
      'WARNING {job}: Status.JVM.Memory.Direct.MemoryUsed above 80% of its limit on {taskManagers} TaskManagers ' +
      'since {firstSymptomAt}, then back down.',
    hints: ['look.retained-after-restart', 'make-it-fail.on-purpose', 'divide.halve-remaining', 'verify.aba'],
    budgetHours: 50,
    template: { ...SHAPE, rpcOperators: [1, 2] },
    defects: ['rpc-fresh-buffers'],
    redHerrings: [],
    memory: SEED_MEMORY,
    faults: {
      ...RESTARTS,
      payloadSpikes: { everyMinutes: [60, 90], forMinutes: [10, 15], factor: [5, 6] },
    },
    dashboardHours: 6,
    parallelism: 4,
  },
  {
    id: 'control-job',
    title: 'The same staircase everywhere',
    summary:
      'Direct memory climbs a step at every restart. Before peeling the job apart: is it the job at all?',
    difficulty: 'standard',
    estimatedMinutes: 25,
    rules: ['divide-and-conquer', 'get-a-fresh-view', 'make-it-fail', 'verify-the-fix'],
    page:
      'CRITICAL {job}: direct buffer memory climbing after restarts on {taskManagers} TaskManagers since ' +
      '{firstSymptomAt}; OOMs expected within hours.',
    hints: ['make-it-fail.on-purpose', 'divide.control-job', 'divide.halve-remaining', 'verify.aba'],
    budgetHours: 50,
    template: SHAPE,
    defects: ['platform-leak'],
    redHerrings: [],
    memory: SEED_MEMORY,
    faults: RESTARTS,
    dashboardHours: 6,
    parallelism: 4,
  },
  {
    id: 'slow-sink',
    title: 'OOMs whenever Druid slows down',
    summary:
      'The job pages with direct OOMs during Druid ingestion slowdowns and recovers after. Restarts do not ratchet memory up.',
    difficulty: 'standard',
    estimatedMinutes: 30,
    rules: ['make-it-fail', 'understand-the-system', 'check-the-plug', 'verify-the-fix'],
    page:
      'CRITICAL {job}: java.lang.OutOfMemoryError (direct buffer memory) on {taskManagers} TaskManagers since ' +
      '{firstSymptomAt}, during a Druid ingestion slowdown.',
    hints: ['make-it-fail.back-pressure', 'look.right-metric', 'divide.halve-remaining', 'verify.aba'],
    budgetHours: 50,
    template: { ...SHAPE, mapOperators: [0, 1], rpcOperators: [1, 1] },
    defects: ['direct-memory-too-small'],
    redHerrings: [],
    memory: { ...SEED_MEMORY, cutTaskOffHeapMiB: [64, 96] },
    faults: {
      ...RESTARTS,
      sinkSlowdowns: { everyMinutes: [90, 120], forMinutes: [8, 12], speedLeft: [0, 0.05] },
    },
    dashboardHours: 6,
    parallelism: 4,
  },
  {
    id: 'gc-alarms',
    title: 'GC alarms, direct memory fine',
    summary: 'Latency spikes and G1 alarms; direct memory looks fine. Where does the memory go?',
    difficulty: 'standard',
    estimatedMinutes: 25,
    rules: ['check-the-plug', 'quit-thinking-and-look', 'divide-and-conquer', 'verify-the-fix'],
    page:
      'WARNING {job}: G1 concurrent cycles and old generation swings on {taskManagers} TaskManagers since ' +
      '{firstSymptomAt}; p99 latency up.',
    hints: ['look.right-metric', 'make-it-fail.on-purpose', 'divide.halve-remaining', 'verify.aba'],
    budgetHours: 50,
    template: { ...SHAPE, mapOperators: [1, 2] },
    defects: ['onheap-map-swap'],
    redHerrings: [],
    memory: SEED_MEMORY,
    faults: RESTARTS,
    dashboardHours: 6,
    parallelism: 4,
  },
  {
    id: 'two-defects',
    title: 'A leak behind a red herring',
    summary:
      'Direct OOMs after restarts, and big direct memory spikes too. Two things look wrong; only one paged you.',
    difficulty: 'hard',
    estimatedMinutes: 45,
    rules: ['make-it-fail', 'divide-and-conquer', 'change-one-thing', 'verify-the-fix'],
    page:
      'CRITICAL {job}: tasks failing with java.lang.OutOfMemoryError (direct buffer memory) on {taskManagers} ' +
      'TaskManagers since {firstSymptomAt}; direct memory also spiking.',
    hints: [
      'make-it-fail.on-purpose',
      'look.retained-after-restart',
      'divide.one-change',
      'divide.halve-remaining',
      'verify.aba',
    ],
    budgetHours: 80,
    template: { ...SHAPE, rpcOperators: [1, 2] },
    defects: ['map-not-freed-in-close'],
    redHerrings: ['rpc-fresh-buffers'],
    memory: SEED_MEMORY,
    faults: {
      ...RESTARTS,
      payloadSpikes: { everyMinutes: [60, 90], forMinutes: [10, 15], factor: [3, 4] },
    },
    dashboardHours: 6,
    parallelism: 4,
  },
  {
    id: 'back-pressure-leak',
    title: 'A leak that only shows under back pressure',
    summary:
      'Some days the job climbs to OOMs, some days it runs for a week. Restarts alone do not reproduce it.',
    difficulty: 'hard',
    estimatedMinutes: 45,
    rules: ['make-it-fail', 'quit-thinking-and-look', 'divide-and-conquer', 'verify-the-fix'],
    page:
      'CRITICAL {job}: direct buffer memory climbing after restarts on {taskManagers} TaskManagers since ' +
      '{firstSymptomAt}; Druid ingestion was slow this morning.',
    hints: [
      'make-it-fail.on-purpose',
      'make-it-fail.back-pressure',
      'look.retained-after-restart',
      'divide.halve-remaining',
      'verify.aba',
    ],
    budgetHours: 80,
    template: { ...SHAPE, rpcOperators: [1, 2] },
    defects: ['async-queue-kept-on-close'],
    redHerrings: [],
    memory: SEED_MEMORY,
    faults: {
      ...RESTARTS,
      sinkSlowdowns: { everyMinutes: [40, 60], forMinutes: [10, 15], speedLeft: [0, 0.05] },
    },
    dashboardHours: 6,
    parallelism: 4,
  },
];

export function findDrill(id: string): DrillDefinition | undefined {
  return DRILLS.find((drill) => drill.id === id);
}
