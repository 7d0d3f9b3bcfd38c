// One simulated second: injected faults, containers coming back, due restarts and checkpoints, the map refresh,
// the data flow, then every TaskManager's memory (memory-second.ts), checkpoints and operator metrics.
import type { FaultSchedule } from '../faults/fault-schedule';
import { OP_ROW, stepFlow } from './data-flow';
import { type EngineState, REGION_RUNNING } from './engine-state';
import { allRegions, deployDueRegions, failRegions, regionsOn, reportOom } from './failover';
import { RESERVE_FAILED, youngGcWithin } from './jvm-memory';
import { CHECKPOINT_EXPIRED, TASK_EXECUTOR_SHUTDOWN, TOLERABLE_FAILURE_EXCEEDED } from './jvm-messages';
import { directTraffic, memorySecond } from './memory-second';
import { HEAP_EXHAUSTED, refreshMap } from './offheap-map';
import { OPERATOR_METRICS, SAMPLE_BLOCK_SEC } from './run-series';
import { shutDownTaskManager, startTaskManager } from './taskmanager-lifecycle';

const DAY_SEC = 86_400;

function sinkName(st: EngineState): string {
  return st.ops[st.sinkOps[0] ?? -1]?.id ?? 'sink';
}

function applyFaults(st: EngineState, faults: FaultSchedule, t: number): void {
  const speed = faults.sinkSpeed[t] as number;
  if (speed !== st.sinkSpeed) {
    const percent = Math.round(speed * 100);
    st.events.push({
      t,
      kind: speed === 1 ? 'sink-resumed' : 'sink-paused',
      operator: sinkName(st),
      message:
        speed === 1
          ? `${sinkName(st)} back to full speed`
          : speed === 0
            ? `${sinkName(st)} paused (Thread.sleep() in invoke())`
            : `${sinkName(st)} slowed to ${percent}% of its speed`,
    });
    st.sinkSpeed = speed;
    st.flow.sinkSpeed = speed;
  }
  const factor = faults.payloadFactor[t] as number;
  if (factor !== st.payloadFactor) {
    if (factor > st.payloadFactor && st.rpcOps.length > 0) {
      const rpc = st.ops[st.rpcOps[0] as number];
      st.events.push({
        t,
        kind: 'payload-spike',
        operator: rpc?.id ?? '',
        message: `RPC payloads x${factor} on ${rpc?.id}`,
      });
    }
    st.payloadFactor = factor;
  }
  const shutdowns = faults.shutdownsAt(t);
  if (!shutdowns) return;
  const lost: number[] = [];
  for (const fault of shutdowns) {
    let targets: number[];
    if (fault.names) targets = fault.names.map((name) => Number(name.slice(3)) - 1);
    else {
      const alive = Array.from(st.alive, (a, tm) => (a === 1 ? tm : -1)).filter((tm) => tm >= 0);
      targets = st.rng.sample(alive.length, fault.count ?? 1).map((i) => alive[i] as number);
    }
    for (const tm of targets) {
      if (st.alive[tm] !== 1) continue;
      shutDownTaskManager(st, tm, t);
      lost.push(tm);
    }
  }
  const regions = new Set<number>();
  for (const tm of lost) {
    st.taskFailures++;
    st.events.push({
      t,
      kind: 'task-failure',
      taskManager: st.taskManagerId(tm),
      container: st.containers[tm]?.at(-1)?.id ?? '',
      message: `Tasks on ${st.taskManagerId(tm)} switched from RUNNING to FAILED: ${TASK_EXECUTOR_SHUTDOWN}`,
    });
    for (const r of regionsOn(st, tm)) regions.add(r);
  }
  if (regions.size > 0) failRegions(st, [...regions], t);
}

function refreshMaps(st: EngineState, t: number): void {
  for (let k = 0; k < st.mapOps.length; k++) {
    const o = st.mapOps[k] as number;
    const map = st.ops[o]?.map;
    // The cheap tests first: most seconds end at the remainder.
    if (!map || t === 0 || st.flow.running[o] === 0 || (t - st.refreshPhase) % map.refreshSec !== 0) continue;
    for (let s = o * st.p; s < (o + 1) * st.p; s++) {
      const tm = st.flow.taskManagerOf[s] as number;
      if (st.alive[tm] === 0) continue;
      // Parsing the downloaded file is short-lived garbage either way.
      st.heapAlloc[tm] = (st.heapAlloc[tm] as number) + map.bytes / 4;
      if (map.refresh === 'in-place') continue;
      const outcome = refreshMap(
        st.jvm,
        tm,
        st.maps,
        s,
        map,
        youngGcWithin(st.jvm, tm, st.heapAlloc[tm] as number, 0.5),
      );
      if (outcome === RESERVE_FAILED || outcome === HEAP_EXHAUSTED) {
        reportOom(
          st,
          { subtask: s, requested: map.bytes, kind: outcome === RESERVE_FAILED ? 'direct' : 'heap' },
          t,
        );
        failRegions(st, [st.opRegion[o] as number], t);
        return;
      }
    }
  }
}

function addArrivals(st: EngineState, t: number): void {
  // A daily swing of +-20% and a little noise per topic and second.
  const diurnal = 1 + 0.2 * Math.sin((2 * Math.PI * t) / DAY_SEC);
  const { backlog } = st.flow;
  const { arrivals, sourceOps, p, rng } = st;
  for (let k = 0; k < sourceOps.length; k++) {
    const o = sourceOps[k] as number;
    const factor = diurnal * (0.96 + 0.08 * rng.next());
    for (let s = o * p; s < (o + 1) * p; s++)
      backlog[s] = (backlog[s] as number) + (arrivals[s] as number) * factor;
  }
}

function allRegionsRunning(st: EngineState): boolean {
  for (let r = 0; r < st.regionState.length; r++) if (st.regionState[r] !== REGION_RUNNING) return false;
  return true;
}

function checkpointSecond(st: EngineState, t: number): void {
  const ck = st.checkpoints;
  const settings = st.r.checkpoints;
  if (settings.intervalSec === null || st.jobFailed) return;
  if (!ck.pending && t >= st.nextCheckpointAt && allRegionsRunning(st)) ck.trigger(t);
  const outcome = ck.advance(t, settings.timeoutSec);
  if (outcome === 'none') return;
  st.nextCheckpointAt = Math.max(t + settings.minPauseSec, ck.triggeredAtSec + settings.intervalSec);
  if (outcome === 'completed') {
    if (st.announceCheckpoint) {
      st.events.push({
        t,
        kind: 'checkpoint-completed',
        message: `Completed checkpoint ${ck.lastCompletedId} (took ${t - ck.triggeredAtSec} s); later ones are not listed until one fails.`,
      });
    }
    st.announceCheckpoint = false;
    return;
  }
  st.announceCheckpoint = true;
  const fails = ck.consecutiveFailures > settings.tolerableFailures;
  st.events.push({
    t,
    kind: 'checkpoint-expired',
    message: `Checkpoint ${ck.nextId - 1} expired after ${settings.timeoutSec} s: ${CHECKPOINT_EXPIRED}${fails ? ` ${TOLERABLE_FAILURE_EXCEEDED}` : ''}`,
  });
  if (fails) {
    ck.consecutiveFailures = 0;
    failRegions(st, allRegions(st), t);
  }
}

/** The operators' task metrics of second t into the series' block buffer (NaN while an operator does not run). */
function recordOperators(st: EngineState, t: number): void {
  const { flow, p } = st;
  const { running } = flow;
  // The three metrics through the operators' one buffer (FlowModel.opWords, see OP_ROW).
  const v = flow.opWords;
  const ops = st.ops.length;
  const backPressuredAt = OP_ROW.opBackPressuredMs * ops;
  const busyAt = OP_ROW.opBusyMs * ops;
  const idleAt = OP_ROW.opIdleMs * ops;
  const buffer = st.series.operatorBuffer;
  const block = SAMPLE_BLOCK_SEC;
  const reciprocal = st.exactReciprocalOfP;
  let at = t - st.series.blockStartSec;
  for (let o = 0; o < ops; o++, at += OPERATOR_METRICS * block) {
    if (running[o] === 0) {
      buffer[at] = Number.NaN;
      buffer[at + block] = Number.NaN;
      buffer[at + 2 * block] = Number.NaN;
    } else if (reciprocal !== 0) {
      // The same bits as dividing by p (see exactReciprocalOfP), without three divisions per operator.
      buffer[at] = (v[backPressuredAt + o] as number) * reciprocal;
      buffer[at + block] = (v[busyAt + o] as number) * reciprocal;
      buffer[at + 2 * block] = (v[idleAt + o] as number) * reciprocal;
    } else {
      buffer[at] = (v[backPressuredAt + o] as number) / p;
      buffer[at + block] = (v[busyAt + o] as number) / p;
      buffer[at + 2 * block] = (v[idleAt + o] as number) / p;
    }
  }
}

export function stepSecond(st: EngineState, faults: FaultSchedule): void {
  const t = st.nowSec;
  applyFaults(st, faults, t);
  const { alive, replacementAt } = st;
  for (let tm = 0; tm < st.taskManagers; tm++) {
    if (alive[tm] === 0) {
      const due = replacementAt[tm] as number;
      if (due >= 0 && due <= t) startTaskManager(st, tm, t);
    }
  }
  if (!st.jobFailed) deployDueRegions(st, t);
  refreshMaps(st, t);
  addArrivals(st, t);
  stepFlow(st.flow, st.heapAlloc);
  directTraffic(st);
  memorySecond(st, t);
  checkpointSecond(st, t);
  recordOperators(st, t);
  st.nowSec = t + 1;
  if (st.nowSec - st.series.blockStartSec === SAMPLE_BLOCK_SEC) st.series.flush(st.nowSec);
}
