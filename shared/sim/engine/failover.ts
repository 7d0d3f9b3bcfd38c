// Task failures and the restarts that follow: failed regions are cancelled (close() on every task still in a
// live JVM), the restart strategy decides when (or whether) they come back, and redeployment restores the last
// completed checkpoint and runs open() again, in the same JVMs where they survived.
import { clearOperatorFlow } from './data-flow';
import { type EngineState, REGION_FAILED, REGION_RESTARTING, REGION_RUNNING } from './engine-state';
import { directUsed, RESERVE_FAILED, reserveDirect, youngGcWithin } from './jvm-memory';
import { directOomText, flinkDirectOomText, heapOomText } from './jvm-messages';
import { closeSubtask, type OpenFailure, openSubtask } from './task-lifecycle';

const MIB = 1024 * 1024;

function cancelRegion(st: EngineState, region: number): void {
  const { flow, p } = st;
  // Chains close head to tail.
  for (let o = 0; o < st.ops.length; o++) {
    if (st.opRegion[o] !== region) continue;
    flow.running[o] = 0;
    clearOperatorFlow(flow, o);
    for (let s = o * p; s < (o + 1) * p; s++) {
      const tm = flow.taskManagerOf[s] as number;
      if (st.alive[tm] === 1) closeSubtask(st, s, o, tm);
    }
  }
}

/** Regions with a subtask on TaskManager `tm` (with slot sharing, every region). */
export function regionsOn(st: EngineState, tm: number): number[] {
  const regions = new Set<number>();
  for (const s of st.subtasksOf[tm] ?? []) regions.add(st.opRegion[Math.floor(s / st.p)] as number);
  return [...regions];
}

export function allRegions(st: EngineState): number[] {
  return Array.from(st.regionState, (_, r) => r);
}

/**
 * Fails the given regions at `nowSec`: running ones are cancelled and scheduled for restart by the restart
 * strategy (one decision per failure event); regions already restarting ignore it, as their tasks are gone.
 */
export function failRegions(st: EngineState, regions: readonly number[], nowSec: number): void {
  const failing = regions.filter((r) => st.regionState[r] === REGION_RUNNING);
  if (failing.length === 0 || st.jobFailed) return;
  for (const r of failing) cancelRegion(st, r);
  st.checkpoints.abort();
  const delay = st.restart.onFailure(nowSec);
  if (delay === null) {
    for (const r of allRegions(st)) {
      if (st.regionState[r] === REGION_RUNNING) cancelRegion(st, r);
      st.regionState[r] = REGION_FAILED;
    }
    st.jobFailed = true;
    st.events.push({
      t: nowSec,
      kind: 'job-failed',
      message: `Job switched from state RESTARTING to FAILED. org.apache.flink.runtime.JobException: Recovery is suppressed by the restart strategy (${st.restart.description}).`,
    });
    return;
  }
  for (const r of failing) {
    st.regionState[r] = REGION_RESTARTING;
    st.regionRestartAt[r] = nowSec + Math.max(1, Math.ceil(delay));
  }
}

/** A task's OutOfMemoryError: the JDK's text, then Flink's task failure with its rewritten message. */
export function reportOom(st: EngineState, failure: OpenFailure, nowSec: number): void {
  const s = failure.subtask;
  const o = Math.floor(s / st.p);
  const tm = st.flow.taskManagerOf[s] as number;
  const op = st.ops[o];
  const jdk =
    failure.kind === 'direct'
      ? directOomText(failure.requested, directUsed(st.jvm, tm), st.jvm.directLimit[tm] as number)
      : heapOomText();
  const flink = failure.kind === 'direct' ? flinkDirectOomText() : heapOomText();
  const where = {
    taskManager: st.taskManagerId(tm),
    container: st.currentContainer(tm),
    operator: op?.id ?? '',
  };
  st.ooms++;
  st.oomsPerTaskManager[tm] = (st.oomsPerTaskManager[tm] as number) + 1;
  st.taskFailures++;
  st.events.push({ t: nowSec, kind: 'oom', ...where, message: jdk });
  st.events.push({
    t: nowSec,
    kind: 'task-failure',
    ...where,
    message: `${st.subtaskName(s)} switched from RUNNING to FAILED on ${where.container}: ${flink}`,
  });
}

function hostsReady(st: EngineState, region: number): boolean {
  for (let tm = 0; tm < st.taskManagers; tm++) {
    if (st.alive[tm] === 1) continue;
    for (const s of st.subtasksOf[tm] ?? []) if (st.opRegion[Math.floor(s / st.p)] === region) return false;
  }
  return true;
}

/** Deploys a region: rewind its sources to the last completed checkpoint, open() its tasks tail to head. */
function deployRegion(st: EngineState, region: number, nowSec: number): void {
  const { flow, p } = st;
  const attempt = st.regionAttempts[region] as number;
  st.regionAttempts[region] = attempt + 1;
  const hosts = new Set<number>();
  for (let o = 0; o < st.ops.length; o++) {
    if (st.opRegion[o] !== region) continue;
    for (let s = o * p; s < (o + 1) * p; s++) hosts.add(flow.taskManagerOf[s] as number);
  }
  if (attempt > 0) {
    st.jobRestarts++;
    const restartedInPlace = [...hosts].filter((tm) => st.fresh[tm] === 0);
    for (const tm of restartedInPlace) st.restartsSec[tm]?.push(nowSec);
    const from =
      st.checkpoints.lastCompletedId > 0 ? `checkpoint ${st.checkpoints.lastCompletedId}` : 'the start';
    st.events.push({
      t: nowSec,
      kind: 'restart',
      message: `Restarting region ${region + 1} (attempt ${attempt}) from ${from}: close() ran on the old tasks; ${restartedInPlace.length} TaskManager(s) redeploy in their running JVMs, ${hosts.size - restartedInPlace.length} in fresh containers.`,
    });
  }
  const failures: OpenFailure[] = [];
  const retained = st.r.built.platform.retainedDirectPerDeployBytes;
  for (const tm of hosts) {
    st.fresh[tm] = 0;
    if (retained > 0) {
      const soon = youngGcWithin(st.jvm, tm, st.heapAlloc[tm] as number, 0.5);
      const first = (st.subtasksOf[tm] ?? [])[0] ?? 0;
      if (reserveDirect(st.jvm, tm, retained, retained / (16 * MIB), soon) === RESERVE_FAILED) {
        failures.push({ subtask: first, requested: 16 * MIB, kind: 'direct' });
      }
    }
  }
  for (const o of st.sourceOps) {
    if (st.opRegion[o] !== region) continue;
    for (let s = o * p; s < (o + 1) * p; s++) {
      const restore = st.checkpoints.restorePositions[s] as number;
      flow.backlog[s] = (flow.backlog[s] as number) + (flow.position[s] as number) - restore;
      flow.position[s] = restore;
    }
  }
  // Chains open tail to head.
  for (let o = st.ops.length - 1; o >= 0; o--) {
    if (st.opRegion[o] !== region) continue;
    for (let s = o * p; s < (o + 1) * p; s++) {
      const failure = openSubtask(st, s, o, flow.taskManagerOf[s] as number);
      if (failure) failures.push(failure);
    }
    flow.running[o] = 1;
  }
  st.regionState[region] = REGION_RUNNING;
  st.announceCheckpoint = true;
  const interval = st.r.checkpoints.intervalSec;
  if (interval !== null) st.nextCheckpointAt = nowSec + interval;
  if (failures.length > 0) {
    for (const failure of failures) reportOom(st, failure, nowSec);
    failRegions(st, [region], nowSec);
  }
}

/** Regions whose restart is due are deployed once every TaskManager they need is up. */
export function deployDueRegions(st: EngineState, nowSec: number): void {
  for (let r = 0; r < st.regionState.length; r++) {
    if (st.regionState[r] !== REGION_RESTARTING || (st.regionRestartAt[r] as number) > nowSec) continue;
    if (hostsReady(st, r)) deployRegion(st, r, nowSec);
  }
}
