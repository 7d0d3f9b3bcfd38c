// The texts a real stack prints at the moments the simulator models: the JDK's direct OOM, Flink's rewrite of
// it, G1's log line for a full GC, the TaskManager's SIGTERM line and YARN's kill diagnostics. Kept verbatim
// because users paste them into search engines and compare them with their own logs.

/** JDK 13+ `Bits.reserveMemory` (measured on 17.0.15 and 25.0.3; reference/jdk-direct-memory.md section 2). */
export function directOomText(requested: number, allocated: number, limit: number): string {
  return `java.lang.OutOfMemoryError: Cannot reserve ${requested} bytes of direct buffer memory (allocated: ${allocated}, limit: ${limit})`;
}

// TaskManagerExceptionUtils.TM_DIRECT_OOM_ERROR_MESSAGE: Flink replaces the message of a direct OOM with this.
const FLINK_DIRECT_OOM =
  'Direct buffer memory. The direct out-of-memory error has occurred. This can mean two things: either job(s) require(s) ' +
  'a larger size of JVM direct memory or there is a direct memory leak. The direct memory can be allocated by user ' +
  "code or some of its dependencies. In this case 'taskmanager.memory.task.off-heap.size' configuration option should " +
  'be increased. Flink framework and its dependencies also consume the direct memory, mostly for network ' +
  'communication. The most of network memory is managed by Flink and should not result in out-of-memory error. In ' +
  'certain special cases, in particular for jobs with high parallelism, the framework may require more direct memory ' +
  "which is not managed by Flink. In this case 'taskmanager.memory.framework.off-heap.size' configuration option " +
  'should be increased. If the error persists then there is probably a direct memory leak in user code or some of its ' +
  'dependencies which has to be investigated and fixed. The task executor has to be shutdown...';

export function flinkDirectOomText(): string {
  return `java.lang.OutOfMemoryError: ${FLINK_DIRECT_OOM}`;
}

export function heapOomText(): string {
  return 'java.lang.OutOfMemoryError: Java heap space';
}

const MIB = 1024 * 1024;

/** G1's unified-logging line for a full collection, e.g. `Pause Full (System.gc()) 1534M->412M(2788M) 201.345ms`. */
export function fullGcLogLine(
  gcId: number,
  cause: string,
  beforeBytes: number,
  afterBytes: number,
  heapBytes: number,
  pauseMs: number,
): string {
  const m = (bytes: number) => `${Math.round(bytes / MIB)}M`;
  return `[gc] GC(${gcId}) Pause Full (${cause}) ${m(beforeBytes)}->${m(afterBytes)}(${m(heapBytes)}) ${pauseMs.toFixed(3)}ms`;
}

export const SIGTERM_LINE = 'RECEIVED SIGNAL 15: SIGTERM. Shutting down as requested.';

export const TASK_EXECUTOR_SHUTDOWN =
  'org.apache.flink.util.FlinkExpectedException: The TaskExecutor is shutting down.';

// Hadoop's TraditionalBinaryPrefix.long2String(n, "", 1): whole multiples print bare ("8 G"), others with one decimal.
function long2String(n: number): string {
  const prefixes = ['K', 'M', 'G', 'T', 'P'];
  if (n < 1024) return String(n);
  let index = 0;
  let unit = 1024;
  while (index + 1 < prefixes.length && n >= unit * 1024) {
    unit *= 1024;
    index++;
  }
  const prefix = prefixes[index] as string;
  if (n % unit === 0) return `${n / unit} ${prefix}`;
  return `${(n / unit).toFixed(1)} ${prefix}`;
}

/** ContainersMonitorImpl's kill diagnostics, then what the NodeManager adds when the container exits. */
export function yarnPhysicalKillText(
  pid: number,
  containerId: string,
  usedBytes: number,
  limitBytes: number,
  virtualUsedBytes: number,
  virtualLimitBytes: number,
): string {
  const over = Math.round(usedBytes - limitBytes);
  return (
    `Container [pid=${pid},containerID=${containerId}] is running ${over}B beyond the 'PHYSICAL' memory limit. ` +
    `Current usage: ${long2String(Math.round(usedBytes))}B of ${long2String(limitBytes)}B physical memory used; ` +
    `${long2String(Math.round(virtualUsedBytes))}B of ${long2String(Math.round(virtualLimitBytes))}B virtual memory used. ` +
    'Killing container. Container killed on request. Exit code is 143. Container exited with a non-zero exit code 143.'
  );
}

export const CHECKPOINT_EXPIRED = 'Checkpoint expired before completing.';

export const TOLERABLE_FAILURE_EXCEEDED =
  'org.apache.flink.util.FlinkRuntimeException: Exceeded checkpoint tolerable failure threshold. The latest checkpoint failed due to Checkpoint expired before completing., view the Checkpoint History tab or the Job Manager log to find out why continuous checkpoints failed.';
