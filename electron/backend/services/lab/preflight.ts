// "Check the plug" before running: the memory settings the experiment will really get, that the graphs read direct
// memory (not heap), that a baseline exists to compare with, and a dry run proving the failure schedule fires.
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { PeelError } from '../../../../shared/contract/errors';
import type { ExperimentParams, Preflight } from '../../../../shared/contract/lab-entities';
import { formatBytes } from '../../../../shared/sim/analysis/format-bytes';
import { planJob } from '../../../../shared/sim/engine/job-plan';
import { runSimulation } from '../../../../shared/sim/engine/simulation';
import type { ScenarioDefinition } from '../../../../shared/sim/scenarios/scenario-types';
import { commit } from '../commit';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';
import { scenarioOptionOf } from '../training/drill-of-investigation';
import { tickFromEvidence } from './evidence-ticks';
import { requireExperiment } from './experiments';
import { withParamErrors } from './params-errors';

type ScenarioOption = { scenario?: ScenarioDefinition };

type Check = Preflight['checks'][number];

function configCheck(params: ExperimentParams, options: ScenarioOption): Check {
  const plan = planJob(params, options);
  const m = plan.memory;
  const overridden = Object.entries(params.configOverrides).filter(
    ([key, value]) => plan.config[key] !== value,
  );
  return {
    id: 'config',
    label: 'The memory settings in effect are the ones you think',
    ok: overridden.length === 0,
    detail:
      overridden.length > 0
        ? `overrides not in effect: ${overridden.map(([k]) => k).join(', ')}`
        : `${m.jvmArgs}; direct limit ${formatBytes(m.maxDirectMemory)} = framework off-heap ${formatBytes(m.frameworkOffHeap)} + task off-heap ${formatBytes(m.taskOffHeap)} + network ${formatBytes(m.network)}; container ${formatBytes(plan.containerLimitBytes)}`,
  };
}

function gcFlagsCheck(params: ExperimentParams, options: ScenarioOption): Check {
  const plan = planJob(params, options);
  return {
    id: 'gc-flags',
    label: 'GC flags checked (env.java.opts)',
    ok: true,
    detail: plan.explicitGcDisabled
      ? `env.java.opts '${plan.javaOpts}': -XX:+DisableExplicitGC is set, so a failed direct reservation cannot trigger the full GC that would free unreachable buffers`
      : `env.java.opts '${plan.javaOpts}': explicit GC allowed; a failed direct reservation runs System.gc() first`,
  };
}

/** Runs the experiment just past its first container shutdown and checks the shutdown really happened. */
function scheduleCheck(params: ExperimentParams, options: ScenarioOption): Check {
  const first = [...params.failContainers].sort((a, b) => a.atSec - b.atSec)[0];
  if (!first) {
    return {
      id: 'schedule',
      label: 'The failure schedule actually fires',
      ok: false,
      detail: 'no container shutdowns are scheduled: without restarts a leak per restart cannot show',
    };
  }
  const probeSec = Math.min(params.hours * 3600, first.atSec + 300);
  const probe = runSimulation(
    {
      ...params,
      hours: probeSec / 3600,
      failContainers: [first],
      pauseSink: [],
      payloadSpikes: [],
    },
    options,
  );
  const shutdowns = probe.events.filter((event) => event.kind === 'container-shutdown');
  const restarts = probe.events.filter((event) => event.kind === 'restart');
  return {
    id: 'schedule',
    label: 'The failure schedule actually fires',
    ok: shutdowns.length > 0 && restarts.length > 0,
    detail:
      shutdowns.length > 0
        ? `dry run: ${shutdowns.length} container${shutdowns.length > 1 ? 's' : ''} shut down at ${first.atSec} s, job restarted ${restarts.length}×; ${params.failContainers.length} shutdowns scheduled`
        : `dry run: nothing was shut down at ${first.atSec} s`,
  };
}

export function runPreflight(
  ctx: ServiceContext,
  request: RequestOf<'lab.preflight'>,
): ResponseOf<'lab.preflight'> {
  const investigation = requireInvestigation(ctx, request.investigationId);
  const experiment = requireExperiment(ctx, request.experimentId);
  if (experiment.investigationId !== investigation.id) {
    throw new PeelError(
      'invalid-request',
      'lab.preflight: experimentId: the experiment belongs to another investigation.',
    );
  }
  const params = experiment.params;
  const runs = ctx.store.runs.listForInvestigation(investigation.id);
  const baseline = runs.find((run) => run.status === 'completed');
  const options = scenarioOptionOf(ctx, investigation.id);
  const checks = withParamErrors('lab.preflight', () => [
    configCheck(params, options),
    {
      id: 'metric',
      label: 'You are reading the metric you think: direct, not heap',
      ok: true,
      detail:
        'graphs show Status.JVM.Memory.Direct.MemoryUsed (the JVM direct buffer pool, limited by -XX:MaxDirectMemorySize); Unsafe memory shows only in resident memory: switch the metric to check it',
    },
    {
      id: 'baseline',
      label: 'A baseline run exists to compare against',
      // Not yet true before a run has finished: the check says what will make it true, and ticks nothing.
      ok: baseline !== undefined,
      detail: baseline
        ? `run #${baseline.seq} is the baseline`
        : `no run yet: run experiment #${experiment.seq} to have the baseline later experiments are compared with`,
    },
    scheduleCheck(params, options),
    gcFlagsCheck(params, options),
  ]);
  return commit(ctx, (record, now) => {
    const preflight: Preflight = { at: now, experimentId: experiment.id, checks };
    ctx.store.investigations.setPreflight(investigation.id, preflight, now);
    record({
      investigationId: investigation.id,
      kind: 'experiment.preflight',
      ruleId: 'check-the-plug',
      payload: { experimentId: experiment.id, experimentSeq: experiment.seq, checks },
    });
    tickFromEvidence(ctx, investigation.id, record, now);
    return preflight;
  });
}
