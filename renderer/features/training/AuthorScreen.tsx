// The instructor's author screen: a drill written from a catalogue drill, a drill file or an investigation. The
// template (the pipeline's shape), the causes it may hide and red herrings, the memory configuration, the fault
// load, the page text, the hints allowed and the budget; a preview that runs the solvability check on a few seeds
// (does peeling separate the culprit from the innocents?); saving it to the drill list and as a drill file.
import { type ChangeEvent, type ReactNode, useEffect, useRef } from 'react';
import { findRule, RULES, type RuleId } from '../../../shared/domain/rules';
import {
  DEFECT_KIND_INFO,
  DEFECT_KINDS,
  type DefectKind,
  DIFFICULTIES,
  DRILLS,
  type DrillDefinition,
  type FaultLoad,
  HINTS,
  type HintId,
  type PipelineTemplate,
  type Range,
} from '../../../shared/training';
import { usePeel } from '../../state/store';
import { useFocusRequest } from '../../ui/use-focus-request';
import './training.css';

type Edit = (change: (draft: DrillDefinition) => DrillDefinition) => void;

/** The form control's id for a field the backend names (`drill.template.sources` -> `author-template-sources`). */
const controlId = (field: string) =>
  `author-${field
    .replace(/^drill\./, '')
    .replace(/\[\d+\]/g, '')
    .replace(/\./g, '-')}`;

function toggled<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...new Set([...list, item])] : list.filter((x) => x !== item);
}

function RangeField(props: {
  id: string;
  label: string;
  value: Range;
  min: number;
  max: number;
  step?: number;
  onChange: (value: Range) => void;
}) {
  const { id, label, value, min, max, step = 1, onChange } = props;
  const set = (index: 0 | 1) => (event: ChangeEvent<HTMLInputElement>) => {
    const next: Range = [value[0], value[1]];
    next[index] = Number(event.target.value);
    onChange(next);
  };
  return (
    <fieldset className="author-range" id={id}>
      <legend>{label}</legend>
      <label>
        <span className="muted small">least</span>
        <input type="number" min={min} max={max} step={step} value={value[0]} onChange={set(0)} />
      </label>
      <label>
        <span className="muted small">most</span>
        <input type="number" min={min} max={max} step={step} value={value[1]} onChange={set(1)} />
      </label>
    </fieldset>
  );
}

function Section(props: { title: string; id: string; children: ReactNode }) {
  return (
    <section className="card author-section" aria-labelledby={props.id}>
      <h2 id={props.id} className="card-title">
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

function AboutSection({ draft, edit }: { draft: DrillDefinition; edit: Edit }) {
  const titleRef = useRef<HTMLInputElement>(null);
  useFocusRequest('drill-author', titleRef);
  return (
    <Section title="The drill" id="author-about-title">
      <div className="author-grid">
        <div className="field">
          <label htmlFor="author-id">Id (kebab-case, the file's name)</label>
          <input
            id="author-id"
            value={draft.id}
            onChange={(e) => edit((d) => ({ ...d, id: e.target.value }))}
          />
        </div>
        <div className="field">
          <label htmlFor="author-title">Title</label>
          <input
            id="author-title"
            ref={titleRef}
            value={draft.title}
            onChange={(e) => edit((d) => ({ ...d, title: e.target.value }))}
          />
        </div>
        <div className="field">
          <label htmlFor="author-difficulty">Difficulty</label>
          <select
            id="author-difficulty"
            value={draft.difficulty}
            onChange={(e) =>
              edit((d) => ({ ...d, difficulty: e.target.value as DrillDefinition['difficulty'] }))
            }
          >
            {DIFFICULTIES.map((difficulty) => (
              <option key={difficulty} value={difficulty}>
                {difficulty}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="author-estimatedMinutes">Estimated minutes</label>
          <input
            id="author-estimatedMinutes"
            type="number"
            min={1}
            max={600}
            value={draft.estimatedMinutes}
            onChange={(e) => edit((d) => ({ ...d, estimatedMinutes: Number(e.target.value) }))}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor="author-summary">Summary for the drill list (the situation, not the cause)</label>
        <textarea
          id="author-summary"
          rows={2}
          value={draft.summary}
          onChange={(e) => edit((d) => ({ ...d, summary: e.target.value }))}
        />
      </div>
      <fieldset id="author-rules" className="author-checks">
        <legend>Rules it exercises</legend>
        {RULES.map((rule) => (
          <label key={rule.id}>
            <input
              type="checkbox"
              checked={draft.rules.includes(rule.id)}
              onChange={(e) =>
                edit((d) => ({ ...d, rules: toggled<RuleId>(d.rules, rule.id, e.target.checked) }))
              }
            />
            {rule.number}. {rule.title}
          </label>
        ))}
      </fieldset>
    </Section>
  );
}

function CausesSection({ draft, edit }: { draft: DrillDefinition; edit: Edit }) {
  const list = (key: 'defects' | 'redHerrings', legend: string) => (
    <fieldset id={`author-${key}`} className="author-checks">
      <legend>{legend}</legend>
      {DEFECT_KINDS.map((kind) => (
        <label key={kind}>
          <input
            type="checkbox"
            checked={draft[key].includes(kind)}
            onChange={(e) =>
              edit((d) => ({ ...d, [key]: toggled<DefectKind>(d[key], kind, e.target.checked) }))
            }
          />
          {DEFECT_KIND_INFO[kind].label}
        </label>
      ))}
    </fieldset>
  );
  return (
    <Section title="Hidden cause" id="author-causes-title">
      <div className="author-columns">
        {list('defects', 'Causes to find (one is drawn per seed)')}
        {list('redHerrings', 'Red herrings (optionally one more, at another operator)')}
      </div>
    </Section>
  );
}

const TEMPLATE_FIELDS: Array<[keyof PipelineTemplate, string, number]> = [
  ['sources', 'Kafka topics read', 6],
  ['enrichers', 'Layer 2 operators besides the join', 6],
  ['outputs', 'Layer 3 steps before the sink', 6],
  ['mapOperators', 'Operators with a reference-data map', 6],
  ['rpcOperators', 'Operators calling a service (async RPC)', 4],
];

function JobSection({ draft, edit }: { draft: DrillDefinition; edit: Edit }) {
  return (
    <Section title="The job and its memory" id="author-job-title">
      <div className="author-ranges">
        {TEMPLATE_FIELDS.map(([key, label, max]) => (
          <RangeField
            key={key}
            id={`author-template-${key}`}
            label={label}
            value={draft.template[key]}
            min={key === 'sources' ? 1 : 0}
            max={max}
            onChange={(value) => edit((d) => ({ ...d, template: { ...d.template, [key]: value } }))}
          />
        ))}
      </div>
      <div className="author-grid">
        <div className="field">
          <label htmlFor="author-memory-processSize">taskmanager.memory.process.size</label>
          <input
            id="author-memory-processSize"
            value={draft.memory.processSize}
            onChange={(e) => edit((d) => ({ ...d, memory: { ...d.memory, processSize: e.target.value } }))}
          />
        </div>
        <div className="field">
          <label htmlFor="author-memory-taskOffHeap">taskmanager.memory.task.off-heap.size</label>
          <input
            id="author-memory-taskOffHeap"
            value={draft.memory.taskOffHeap}
            onChange={(e) => edit((d) => ({ ...d, memory: { ...d.memory, taskOffHeap: e.target.value } }))}
          />
        </div>
        <label className="author-inline" htmlFor="author-memory-disableExplicitGc">
          <input
            id="author-memory-disableExplicitGc"
            type="checkbox"
            checked={draft.memory.disableExplicitGc}
            onChange={(e) =>
              edit((d) => ({ ...d, memory: { ...d.memory, disableExplicitGc: e.target.checked } }))
            }
          />
          -XX:+DisableExplicitGC
        </label>
        <div className="field">
          <label htmlFor="author-parallelism">Parallelism</label>
          <input
            id="author-parallelism"
            type="number"
            min={1}
            max={32}
            value={draft.parallelism}
            onChange={(e) => edit((d) => ({ ...d, parallelism: Number(e.target.value) }))}
          />
        </div>
      </div>
      <label className="author-inline" htmlFor="author-memory-cut">
        <input
          id="author-memory-cut"
          type="checkbox"
          checked={draft.memory.cutTaskOffHeapMiB !== undefined}
          onChange={(e) =>
            edit((d) => {
              const { cutTaskOffHeapMiB: _cut, ...memory } = d.memory;
              return {
                ...d,
                memory: e.target.checked ? { ...memory, cutTaskOffHeapMiB: [64, 128] } : memory,
              };
            })
          }
        />
        Off-heap cut (for “direct memory set too small”)
      </label>
      {draft.memory.cutTaskOffHeapMiB && (
        <RangeField
          id="author-memory-cutTaskOffHeapMiB"
          label="Task off-heap after the cut, MiB"
          value={draft.memory.cutTaskOffHeapMiB}
          min={16}
          max={4096}
          onChange={(value) => edit((d) => ({ ...d, memory: { ...d.memory, cutTaskOffHeapMiB: value } }))}
        />
      )}
    </Section>
  );
}

const SLOWDOWN: NonNullable<FaultLoad['sinkSlowdowns']> = {
  everyMinutes: [90, 120],
  forMinutes: [10, 20],
  speedLeft: [0.1, 0.3],
};
const SPIKES: NonNullable<FaultLoad['payloadSpikes']> = {
  everyMinutes: [60, 90],
  forMinutes: [10, 15],
  factor: [5, 6],
};

function FaultsSection({ draft, edit }: { draft: DrillDefinition; edit: Edit }) {
  const faults = draft.faults;
  const setFaults = (change: (f: FaultLoad) => FaultLoad) =>
    edit((d) => ({ ...d, faults: change(d.faults) }));
  const optional = (key: 'sinkSlowdowns' | 'payloadSpikes', label: string, fallback: object) => (
    <label className="author-inline" htmlFor={`author-faults-${key}`}>
      <input
        id={`author-faults-${key}`}
        type="checkbox"
        checked={faults[key] !== undefined}
        onChange={(e) =>
          setFaults((f) => {
            const { [key]: _drop, ...rest } = f;
            return e.target.checked ? { ...rest, [key]: structuredClone(fallback) } : rest;
          })
        }
      />
      {label}
    </label>
  );
  return (
    <Section title="Fault load" id="author-faults-title">
      <div className="author-ranges">
        <RangeField
          id="author-faults-shutdownEveryMinutes"
          label="Minutes between container shutdowns"
          value={faults.shutdownEveryMinutes}
          min={5}
          max={240}
          onChange={(value) => setFaults((f) => ({ ...f, shutdownEveryMinutes: value }))}
        />
        <RangeField
          id="author-faults-containersPerShutdown"
          label="Containers shut down each time"
          value={faults.containersPerShutdown}
          min={1}
          max={32}
          onChange={(value) => setFaults((f) => ({ ...f, containersPerShutdown: value }))}
        />
      </div>
      {optional('sinkSlowdowns', 'The sink slows down now and then (back pressure)', SLOWDOWN)}
      {faults.sinkSlowdowns && (
        <div className="author-ranges">
          <RangeField
            id="author-faults-sinkSlowdowns-everyMinutes"
            label="Minutes between slowdowns"
            value={faults.sinkSlowdowns.everyMinutes}
            min={10}
            max={600}
            onChange={(value) =>
              setFaults((f) => ({ ...f, sinkSlowdowns: { ...f.sinkSlowdowns!, everyMinutes: value } }))
            }
          />
          <RangeField
            id="author-faults-sinkSlowdowns-forMinutes"
            label="Minutes each lasts"
            value={faults.sinkSlowdowns.forMinutes}
            min={1}
            max={120}
            onChange={(value) =>
              setFaults((f) => ({ ...f, sinkSlowdowns: { ...f.sinkSlowdowns!, forMinutes: value } }))
            }
          />
          <RangeField
            id="author-faults-sinkSlowdowns-speedLeft"
            label="Share of the sink's speed left"
            value={faults.sinkSlowdowns.speedLeft}
            min={0}
            max={0.99}
            step={0.05}
            onChange={(value) =>
              setFaults((f) => ({ ...f, sinkSlowdowns: { ...f.sinkSlowdowns!, speedLeft: value } }))
            }
          />
        </div>
      )}
      {optional('payloadSpikes', 'RPC payloads swell now and then', SPIKES)}
      {faults.payloadSpikes && (
        <div className="author-ranges">
          <RangeField
            id="author-faults-payloadSpikes-everyMinutes"
            label="Minutes between spikes"
            value={faults.payloadSpikes.everyMinutes}
            min={10}
            max={600}
            onChange={(value) =>
              setFaults((f) => ({ ...f, payloadSpikes: { ...f.payloadSpikes!, everyMinutes: value } }))
            }
          />
          <RangeField
            id="author-faults-payloadSpikes-forMinutes"
            label="Minutes each lasts"
            value={faults.payloadSpikes.forMinutes}
            min={1}
            max={120}
            onChange={(value) =>
              setFaults((f) => ({ ...f, payloadSpikes: { ...f.payloadSpikes!, forMinutes: value } }))
            }
          />
          <RangeField
            id="author-faults-payloadSpikes-factor"
            label="Times their usual size"
            value={faults.payloadSpikes.factor}
            min={2}
            max={20}
            onChange={(value) =>
              setFaults((f) => ({ ...f, payloadSpikes: { ...f.payloadSpikes!, factor: value } }))
            }
          />
        </div>
      )}
      <div className="field">
        <label htmlFor="author-dashboardHours">Hours the page's dashboard shows (the first run)</label>
        <input
          id="author-dashboardHours"
          type="number"
          min={0.5}
          step={0.5}
          value={draft.dashboardHours}
          onChange={(e) => edit((d) => ({ ...d, dashboardHours: Number(e.target.value) }))}
        />
      </div>
    </Section>
  );
}

function PageSection({ draft, edit }: { draft: DrillDefinition; edit: Edit }) {
  return (
    <Section title="The page, hints and budget" id="author-page-title">
      <div className="field">
        <label htmlFor="author-page">
          Alert text ({'{job}'}, {'{firstSymptomAt}'} and {'{taskManagers}'} are filled in from the first run)
        </label>
        <textarea
          id="author-page"
          rows={3}
          value={draft.page}
          onChange={(e) => edit((d) => ({ ...d, page: e.target.value }))}
        />
      </div>
      <fieldset id="author-hints" className="author-checks">
        <legend>Hints the trainee may take (weakest first)</legend>
        {HINTS.map((hint) => (
          <label key={hint.id}>
            <input
              type="checkbox"
              checked={draft.hints.includes(hint.id)}
              onChange={(e) =>
                edit((d) => ({ ...d, hints: toggled<HintId>(d.hints, hint.id, e.target.checked) }))
              }
            />
            {hint.title}{' '}
            <span className="muted small">
              (rule {findRule(hint.ruleId)?.number}, costs {hint.cost})
            </span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="author-budgetHours">Budget: simulated hours of runs</label>
        <input
          id="author-budgetHours"
          type="number"
          min={1}
          max={1000}
          value={draft.budgetHours}
          onChange={(e) => edit((d) => ({ ...d, budgetHours: Number(e.target.value) }))}
        />
      </div>
    </Section>
  );
}

function PreviewResult() {
  const preview = usePeel((s) => s.authorPreview);
  if (!preview) return null;
  return (
    <section className="card author-preview" aria-labelledby="author-preview-title">
      <h2 id="author-preview-title" className="card-title">
        {preview.solvable
          ? 'Solvable: peeling separates the culprit from the innocents on every seed tried'
          : 'Not solvable on every seed: see what did not show'}
      </h2>
      <table className="author-preview-table">
        <caption className="visually-hidden">Solvability per seed</caption>
        <thead>
          <tr>
            <th scope="col">Seed</th>
            <th scope="col">Run</th>
            <th scope="col">Should fail</th>
            <th scope="col">Failed</th>
            <th scope="col">The analysis</th>
          </tr>
        </thead>
        <tbody>
          {preview.seeds.flatMap((seed) =>
            seed.checks.map((check, i) => (
              <tr
                key={`${seed.seed}-${check.what}`}
                className={check.shows === check.expected ? '' : 'author-bad'}
              >
                {i === 0 && (
                  <th scope="row" rowSpan={seed.checks.length}>
                    {seed.seed} {seed.solvable ? '✓' : '✗'}
                  </th>
                )}
                <td>{check.what}</td>
                <td>{check.expected ? 'yes' : 'no'}</td>
                <td>{check.shows ? 'yes' : 'no'}</td>
                <td>{check.reason}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </section>
  );
}

export function AuthorScreen() {
  const draft = usePeel((s) => s.authorDraft);
  const busy = usePeel((s) => s.authorBusy);
  const problem = usePeel((s) => s.authorProblem);
  const edit = usePeel((s) => s.editDrillDraft);
  const newDraft = usePeel((s) => s.newDrillDraft);
  const preview = usePeel((s) => s.previewDrillDraft);
  const save = usePeel((s) => s.saveDrillDraft);
  const loadFile = usePeel((s) => s.loadDrillDraftFile);
  const navigate = usePeel((s) => s.navigate);
  useEffect(() => {
    if (!draft) void newDraft();
  }, [draft, newDraft]);
  // A refusal naming a field moves the focus to that field's control.
  useEffect(() => {
    if (!problem?.field) return;
    const element = document.getElementById(controlId(problem.field));
    const control = element?.matches('input, select, textarea')
      ? element
      : element?.querySelector<HTMLElement>('input, select, textarea');
    control?.focus();
  }, [problem]);
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) await loadFile(file.name, await file.text());
  };
  if (!draft) return null;
  return (
    <main className="drills-screen author-screen" aria-labelledby="author-screen-title">
      <header className="drills-header">
        <div>
          <h1 id="author-screen-title">Author a drill</h1>
          <p className="muted">
            Describe the job, the causes it may hide and what the trainee is told. Each start draws a variant
            from a seed; preview checks that peeling tells the culprit from the innocents.
          </p>
        </div>
        <div className="drills-actions">
          <div className="field author-base">
            <label htmlFor="author-base">Start from</label>
            <select
              id="author-base"
              value=""
              onChange={(e) => e.target.value && void newDraft(e.target.value)}
            >
              <option value="">a catalogue drill…</option>
              {DRILLS.map((drill) => (
                <option key={drill.id} value={drill.id}>
                  {drill.title}
                </option>
              ))}
            </select>
          </div>
          <label className="button file-button">
            {busy === 'load' ? 'Reading…' : 'Load a drill file…'}
            <input
              type="file"
              accept=".json,application/json"
              className="visually-hidden"
              aria-label="Load a drill file to edit"
              onChange={(event) => void onFile(event)}
            />
          </label>
          <button type="button" className="button" onClick={() => navigate({ name: 'drills' })}>
            Drills
          </button>
        </div>
      </header>
      {problem && (
        <p className="card form-problem" role="alert">
          {problem.message}
        </p>
      )}
      <AboutSection draft={draft} edit={edit} />
      <CausesSection draft={draft} edit={edit} />
      <JobSection draft={draft} edit={edit} />
      <FaultsSection draft={draft} edit={edit} />
      <PageSection draft={draft} edit={edit} />
      <div className="author-actions">
        <button type="button" className="button" disabled={busy !== null} onClick={() => void preview()}>
          {busy === 'preview' ? 'Running the check…' : 'Preview: is it solvable?'}
        </button>
        <button type="button" className="button primary" disabled={busy !== null} onClick={() => void save()}>
          {busy === 'save' ? 'Saving…' : 'Save the drill'}
        </button>
      </div>
      <PreviewResult />
    </main>
  );
}
