// Choosing the system under investigation: the built-in scenarios with their stories (the hidden cause stays hidden).

import { plural } from '../../../shared/domain/plural';
import { usePeel } from '../../state/store';

export function ScenarioPicker() {
  const scenarios = usePeel((s) => s.scenarios);
  const choose = usePeel((s) => s.chooseScenario);
  return (
    <section className="card" aria-labelledby="scenario-picker-title">
      <h2 id="scenario-picker-title" className="card-title">
        Understand the system: which job is misbehaving?
      </h2>
      <p className="muted">
        Each scenario is a simulated Flink job on YARN with its own memory settings and a hidden cause. Pick
        one to see its topology and memory model, then make it fail.
      </p>
      <ul className="scenario-list">
        {scenarios.map((scenario) => (
          <li key={scenario.id}>
            <button type="button" className="scenario-option" onClick={() => void choose(scenario.id)}>
              <span className="scenario-title">{scenario.title}</span>
              <code className="scenario-id">{scenario.id}</code>
              <span className="scenario-description">{scenario.description}</span>
              <span className="muted small">
                {plural(scenario.operators.length, 'operator')} in {plural(scenario.layers.length, 'layer')} ·
                default {scenario.defaultHours} h at parallelism {scenario.defaultParallelism}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
