// Adding an experiment parameter means editing the simulator (its type and normalizeExperimentParams, the one
// definition), the contract's schemas in shared/contract/lab-entities.ts and the derive form's field list; the
// bundle, the stores and the services take the shape from there. The compiler refuses a schema or a form list that
// misses a key (`satisfies`, SameKeys, an exhaustive Record); these checks hold the same at run time, and keep the
// limits in one module.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExperimentParams, ExperimentParamsInput } from '../../../shared/contract/lab-entities';
import { bundleJsonSchema } from '../../../shared/contract/peel-bundle';
import { diffExperimentParams } from '../../../shared/domain/lab/experiment-diff';
import {
  ExperimentParamsError,
  normalizeExperimentParams,
} from '../../../shared/sim/engine/experiment-params';
import * as limits from '../../../shared/sim/engine/param-limits';
import { SCENARIOS } from '../../../shared/sim/scenarios/catalog';
import { DERIVE_FORM_FIELDS } from './derive-params';

/** The simulator's parameters, as its normalizer writes them out for a scenario. */
const simulatorKeys = Object.keys(normalizeExperimentParams({ scenario: SCENARIOS[0]!.id })).sort();

function bundleParamsKeys(): string[] {
  const schema = bundleJsonSchema() as {
    properties: { experiments: { items: { properties: { params: { properties: object } } } } };
  };
  return Object.keys(schema.properties.experiments.items.properties.params.properties).sort();
}

/** A value of the same kind as `value` that differs from it. */
function changed(value: unknown): unknown {
  if (typeof value === 'string') return `${value}-changed`;
  if (value === null) return 'changed';
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value + 1;
  if (Array.isArray(value)) return [...value, { fromSec: 1, toSec: 2, factor: 2, atSec: 1, slowdown: 0 }];
  return { ...(value as object), 'changed.key': 'x' };
}

describe('one shape for experiment parameters', () => {
  it('the contract schemas, the bundle schema and the derive form name exactly the simulator parameters', () => {
    expect(simulatorKeys.length).toBeGreaterThan(10);
    expect(Object.keys(ExperimentParams.shape).sort()).toEqual(simulatorKeys);
    expect(Object.keys(ExperimentParamsInput.shape).sort()).toEqual(simulatorKeys);
    expect(bundleParamsKeys()).toEqual(simulatorKeys);
    expect(Object.keys(DERIVE_FORM_FIELDS).sort()).toEqual(simulatorKeys);
  });

  it('the contract accepts the normalized parameters of every scenario as they are', () => {
    for (const scenario of SCENARIOS) {
      const params = normalizeExperimentParams({ scenario: scenario.id });
      expect(ExperimentParams.parse(params)).toEqual(params);
      expect(ExperimentParamsInput.parse(params)).toEqual(params);
    }
  });

  it('the diff between experiments notices a change of any parameter', () => {
    const parent = normalizeExperimentParams({ scenario: SCENARIOS[0]!.id });
    for (const key of simulatorKeys) {
      const child = { ...parent, [key]: changed(parent[key as keyof typeof parent]) };
      expect(diffExperimentParams(parent, child as typeof parent), key).not.toEqual([]);
    }
  });

  it('takes the limits from shared/sim/engine/param-limits.ts, in the simulator, the contract and the form', () => {
    const input = ExperimentParamsInput.shape;
    expect(input.hours.unwrap().maxValue).toBe(limits.MAX_HOURS);
    expect(input.parallelism.unwrap().maxValue).toBe(limits.MAX_PARALLELISM);
    const scenario = SCENARIOS[0]!.id;
    expect(() => normalizeExperimentParams({ scenario, hours: limits.MAX_HOURS + 1 })).toThrow(
      ExperimentParamsError,
    );
    expect(() => normalizeExperimentParams({ scenario, parallelism: limits.MAX_PARALLELISM + 1 })).toThrow(
      ExperimentParamsError,
    );
    // A bound written as a number: `.max(48)`, `max={48}`, `<= 128`.
    const literal = new RegExp(
      `(max\\(\\s*|max=\\{\\s*|[<>]=?\\s*)(${limits.MAX_HOURS}|${limits.MAX_PARALLELISM})\\b`,
    );
    for (const file of [
      '../../../shared/contract/lab-entities.ts',
      '../../../shared/contract/peel-bundle.ts',
      './DeriveDialog.tsx',
    ]) {
      const text = readFileSync(new URL(file, import.meta.url), 'utf8');
      expect(literal.test(text), `${file} writes a limit as a number`).toBe(false);
    }
    const dialog = readFileSync(new URL('./DeriveDialog.tsx', import.meta.url), 'utf8');
    expect(dialog).toMatch(/import \{[^}]*MAX_HOURS[^}]*\} from '[./]*shared\/sim\/engine\/param-limits'/);
  });
});
