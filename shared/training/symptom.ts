// Does a run show the drill's problem? Read from the simulator's own analysis of the run (verdicts, OOMs,
// container kills, collections) and, for spikes, from its direct-memory series around the payload spikes.

import { plural } from '../domain/plural';
import { METRIC } from '../sim/engine/metric-names';
import type { SimulationRun } from '../sim/engine/run-types';
import { DEFECT_KIND_INFO, type DefectKind } from './defect-kinds';

const MIB = 1024 * 1024;

export interface Symptom {
  shows: boolean;
  /** One sentence with the figures it was decided on. */
  reason: string;
}

/**
 * How far direct memory rises during a payload spike above the quarter hour before it (the largest rise over the
 * TaskManagers), as the median over the run's spikes: one spike that happens to meet a young GC, or a restart,
 * does not decide it.
 */
export function spikeRiseBytes(run: SimulationRun): number {
  const rises: number[] = [];
  for (const spike of run.params.payloadSpikes) {
    let rise = 0;
    for (const tm of run.taskManagers) {
      const series = tm.series[METRIC.directMemoryUsed];
      let before = 0;
      let count = 0;
      for (let t = Math.max(0, spike.fromSec - 900); t < spike.fromSec; t++) {
        const v = series[t] as number;
        if (Number.isFinite(v)) {
          before += v;
          count++;
        }
      }
      if (count === 0) continue;
      let peak = 0;
      for (let t = spike.fromSec; t < Math.min(series.length, spike.toSec); t++) {
        const v = series[t] as number;
        if (v > peak) peak = v;
      }
      rise = Math.max(rise, peak - before / count);
    }
    rises.push(rise);
  }
  rises.sort((a, b) => a - b);
  return rises.length === 0 ? 0 : (rises[Math.floor((rises.length - 1) / 2)] as number);
}

const SPIKE_BYTES = 100 * MIB;
const CHURN_CYCLES_PER_TM_HOUR = 0.6;
/** Repeated OOMs, not one unlucky reservation at a peak (a red herring's spike can cause one). */
const CRASH_LOOP_OOMS = 10;

export function symptomOf(defect: DefectKind, run: SimulationRun): Symptom {
  const a = run.analysis;
  switch (DEFECT_KIND_INFO[defect].symptom) {
    case 'direct-leak': {
      const climbs = (a.verdict === 'leak' || a.verdict === 'sawtooth') && a.confidence >= 0.5;
      // A job crash-looping on direct OOMs can leave the staircase analysis too few levels to read; the OOMs
      // themselves are the failure made visible (as the lab counts a run as failing).
      const crashLoop = a.ooms >= CRASH_LOOP_OOMS;
      return {
        shows: climbs || crashLoop,
        reason: `direct memory ${a.verdict} (confidence ${a.confidence.toFixed(2)}), ${plural(a.ooms, 'OOM')}`,
      };
    }
    case 'resident-leak': {
      // A resident staircase alone is also a JVM warming up; YARN killing containers is the failure.
      const shows = a.containersKilled > 0;
      return {
        shows,
        reason: `resident memory ${a.residentVerdict}, ${plural(a.containersKilled, 'container')} killed; direct ${a.verdict}`,
      };
    }
    case 'direct-spikes': {
      const rise = spikeRiseBytes(run);
      return {
        shows: rise >= SPIKE_BYTES,
        reason: `direct memory rose ${Math.round(rise / MIB)} MiB during payload spikes (threshold ${SPIKE_BYTES / MIB} MiB)`,
      };
    }
    case 'direct-ooms':
      return { shows: a.ooms > 0, reason: `${a.ooms} direct OOMs` };
    case 'old-gen-churn': {
      const tmHours = (run.durationSec / 3600) * run.taskManagers.length;
      const rate = (a.concurrentCycles + a.fullGcs) / Math.max(tmHours, 1e-9);
      return {
        shows: rate >= CHURN_CYCLES_PER_TM_HOUR,
        reason: `${a.concurrentCycles} G1 concurrent cycles and ${a.fullGcs} full GCs (${rate.toFixed(2)} per TaskManager-hour)`,
      };
    }
  }
}
