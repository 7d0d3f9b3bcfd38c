// What the renderer may receive during a drill: the listing, the page (alert, the JVM's stack trace, the first
// hours' run to show), the topology and config as the on-call engineer sees them, the diagnosis choices and the
// hints on offer. Built from the healthy graph (so no operator looks different for carrying the defect), and the
// stack trace is taken from an OOM outside the culprit: the first allocation to fail is often elsewhere (JVM
// reference, rule 4); when every OOM is the culprit's own, the page carries the JVM's message line only.
import type { ExperimentParams } from '../sim/engine/experiment-params';
import type { SimEvent, SimulationRun } from '../sim/engine/run-types';
import { type EdgeKind, type MemoryKinds, memoryKindsOf } from '../sim/topology/job-graph';
import type { DefectKind } from './defect-kinds';
import { CULPRIT_CONFIGURATION, CULPRIT_PLATFORM, causeChoices } from './diagnosis';
import type { Difficulty, DrillDefinition, DrillVariant, FixChoice } from './drill-types';
import { graphWithDefects } from './generate-variant';
import { type HintOffer, hintOffers } from './hints';
import { oomStackTrace } from './oom-stack-trace';
import type { TrailEvent } from './trail-events';

export interface DrillListing {
  id: string;
  title: string;
  summary: string;
  difficulty: Difficulty;
  estimatedMinutes: number;
  rules: string[];
  budgetHours: number;
}

export interface TraineeOperator {
  id: string;
  name: string;
  layer: string;
  description: string;
  kind: 'source' | 'transform' | 'sink';
  memory: MemoryKinds;
}

export interface TraineePage {
  alert: string;
  /** The OutOfMemoryError as the TaskManager log prints it, or null when the run had none to show. */
  stackTrace: string | null;
  /** Other lines an on-call engineer finds first: YARN's kill diagnostics, a G1 full-GC line. */
  diagnostics: string[];
  firstSymptomAtSec: number | null;
  /** The run to show as the dashboard of the first hours (the drill's neutral scenario; see drill-runs.ts). */
  dashboard: ExperimentParams;
}

export interface TraineeView {
  drill: DrillListing;
  page: TraineePage;
  topology: {
    operators: TraineeOperator[];
    edges: Array<{ from: string; to: string; kind: EdgeKind }>;
    layers: string[];
  };
  /** The Flink configuration of the job as deployed. */
  config: Record<string, string>;
  choices: {
    culprits: Array<{ id: string; label: string }>;
    causes: Array<{ id: DefectKind; label: string }>;
    fixes: FixChoice[];
  };
  hints: HintOffer[];
}

export function drillListing(drill: DrillDefinition): DrillListing {
  return {
    id: drill.id,
    title: drill.title,
    summary: drill.summary,
    difficulty: drill.difficulty,
    estimatedMinutes: drill.estimatedMinutes,
    rules: [...drill.rules],
    budgetHours: drill.budgetHours,
  };
}

function clock(sec: number): string {
  const s = Math.floor(sec);
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}`;
}

const JOB_NAME = 'ads-spend-pipeline';

function firstOf(events: readonly SimEvent[], kinds: readonly string[]): SimEvent | undefined {
  return events.find((event) => kinds.includes(event.kind));
}

export function buildPage(variant: DrillVariant, drill: DrillDefinition, run: SimulationRun): TraineePage {
  const culprit = variant.answer.culprit.kind === 'operator' ? variant.answer.culprit.operatorId : null;
  const ooms = run.events.filter((event) => event.kind === 'oom');
  const shown = ooms.find((event) => event.operator !== culprit);
  const graph = graphWithDefects(variant, new Set());
  const stackTrace = shown ? oomStackTrace(shown, graph.operators) : null;
  const diagnostics: string[] = [];
  if (!shown && ooms[0]) diagnostics.push(ooms[0].message);
  const kill = firstOf(run.events, ['container-killed']);
  if (kill) diagnostics.push(kill.message);
  const fullGc = firstOf(run.events, ['full-gc']);
  if (fullGc) diagnostics.push(fullGc.message);
  const symptom = firstOf(run.events, ['oom', 'container-killed', 'full-gc']);
  const firstSymptomAtSec =
    symptom?.t ?? run.params.payloadSpikes[0]?.fromSec ?? run.params.pauseSink[0]?.fromSec ?? null;
  const hit = new Set(
    run.events
      .filter((event) => ['oom', 'container-killed', 'full-gc'].includes(event.kind) && event.taskManager)
      .map((event) => event.taskManager),
  );
  const alert = drill.page
    .replaceAll('{job}', JOB_NAME)
    .replaceAll(
      '{firstSymptomAt}',
      firstSymptomAtSec === null ? 'the start' : `${clock(firstSymptomAtSec)} into the run`,
    )
    .replaceAll('{taskManagers}', String(hit.size > 0 ? hit.size : run.taskManagers.length));
  return { alert, stackTrace, diagnostics, firstSymptomAtSec, dashboard: run.params };
}

/** The culprit choices: every operator, the platform, the configuration (answer-independent). */
export function culpritChoices(operators: readonly { id: string; name: string }[]) {
  return [
    ...operators.map((op) => ({ id: op.id, label: op.name })),
    { id: CULPRIT_PLATFORM, label: 'The platform under the job (not one of its operators)' },
    { id: CULPRIT_CONFIGURATION, label: "The job's memory configuration" },
  ];
}

/** `dashboardRun` is the run of dashboardParams(variant); `trail` the drill's events so far (for the hints). */
export function buildTraineeView(
  drill: DrillDefinition,
  variant: DrillVariant,
  dashboardRun: SimulationRun,
  trail: readonly TrailEvent[] = [],
): TraineeView {
  const graph = variant.healthyGraph;
  return {
    drill: drillListing(drill),
    page: buildPage(variant, drill, dashboardRun),
    topology: {
      operators: graph.operators.map((op) => ({
        id: op.id,
        name: op.name,
        layer: op.layer,
        description: op.description,
        kind: op.kind,
        memory: memoryKindsOf(op, graph),
      })),
      edges: graph.edges.map((edge) => ({ ...edge })),
      layers: [...new Set(graph.operators.map((op) => op.layer))],
    },
    config: { ...variant.config },
    choices: {
      culprits: culpritChoices(graph.operators),
      causes: causeChoices(),
      fixes: variant.fixChoices.map((fix) => ({ ...fix })),
    },
    hints: hintOffers(drill.hints, {
      trail,
      operators: graph.operators.map((op) => ({ id: op.id, layer: op.layer })),
    }),
  };
}
