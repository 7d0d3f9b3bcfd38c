import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proposeBisect, type ScenarioOperator } from './bisect';
import { operatorsOfLayer, SEED_OPERATORS } from './test-facts';

const ALL = SEED_OPERATORS.map((op) => op.id);

describe('proposeBisect on the seed job', () => {
  it('starts by peeling layers 2 and 3 together, keeping the sources', () => {
    expect(proposeBisect(SEED_OPERATORS, ALL, [])).toEqual({
      remove: ['layer2', 'layer3'],
      removedSuspects: [...operatorsOfLayer('layer2'), ...operatorsOfLayer('layer3')],
      keptSuspects: operatorsOfLayer('layer1'),
      reason: '13 suspects left; removing layer 2, layer 3 takes out 7 and keeps 6',
    });
  });

  it('then halves layers 2 and 3 by peeling layer 3', () => {
    const left = [...operatorsOfLayer('layer2'), ...operatorsOfLayer('layer3')];
    const proposal = proposeBisect(SEED_OPERATORS, left, []);
    expect(proposal?.remove).toEqual(['layer3']);
    expect(proposal?.keptSuspects).toEqual(operatorsOfLayer('layer2'));
  });

  it('cuts single operators once one layer is left', () => {
    const proposal = proposeBisect(SEED_OPERATORS, operatorsOfLayer('layer3'), []);
    expect(proposal?.remove).toEqual(['aggregate-spend']);
    expect(proposal?.keptSuspects).toEqual(['currency-convert', 'format-druid-rows', 'druid-sink']);
  });

  it('has nothing to propose with one suspect left, or none still in the job', () => {
    expect(proposeBisect(SEED_OPERATORS, ['currency-convert'], [])).toBeNull();
    expect(proposeBisect(SEED_OPERATORS, [], [])).toBeNull();
    expect(proposeBisect(SEED_OPERATORS, operatorsOfLayer('layer3'), ['layer3'])).toBeNull();
    // Two suspects, but one is already peeled off the base experiment.
    expect(proposeBisect(SEED_OPERATORS, ['currency-convert', 'druid-sink'], ['druid-sink'])).toBeNull();
  });

  it('builds on what the base experiment already removed', () => {
    const proposal = proposeBisect(
      SEED_OPERATORS,
      [...operatorsOfLayer('layer1'), ...operatorsOfLayer('layer2')],
      ['layer3'],
    );
    expect(proposal?.remove).toEqual(['layer2']);
    expect(proposal?.remove).not.toContain('layer3');
  });
});

describe('proposeBisect in general', () => {
  it('prefers a whole layer to an operator that halves the suspects as well', () => {
    const job: ScenarioOperator[] = [
      { id: 'src', layer: 'layer1' },
      { id: 'b1', layer: 'layer2' },
      { id: 'b2', layer: 'layer2' },
      { id: 'c1', layer: 'layer3' },
      { id: 'c2', layer: 'layer3' },
    ];
    expect(proposeBisect(job, ['b1', 'b2', 'c1', 'c2'], [])?.remove).toEqual(['layer3']);
    // Removing b1 alone halves {b1, c1} exactly; removing layer 3 does too, and follows the job's shape.
    expect(proposeBisect(job, ['b1', 'c1'], [])?.remove).toEqual(['layer3']);
  });

  it('never removes every operator of the job, and always takes out some suspects and keeps some', () => {
    const layers = ['layer1', 'layer2', 'layer3'];
    const jobArb = fc
      .array(fc.constantFrom(...layers), { minLength: 1, maxLength: 9 })
      .map((ls) => ls.map((layer, i) => ({ id: `op${i}`, layer })));
    fc.assert(
      fc.property(
        jobArb.chain((job) =>
          fc.tuple(
            fc.constant(job),
            fc.subarray(job.map((op) => op.id)),
            fc.subarray([...layers, ...job.map((op) => op.id)]),
          ),
        ),
        ([job, suspectIds, removed]) => {
          const proposal = proposeBisect(job, suspectIds, removed);
          const inJob = job.filter((op) => !removed.includes(op.id) && !removed.includes(op.layer));
          const live = suspectIds.filter((id) => inJob.some((op) => op.id === id));
          if (live.length <= 1) expect(proposal).toBeNull();
          if (!proposal) return;
          const cut = inJob.filter(
            (op) => proposal.remove.includes(op.id) || proposal.remove.includes(op.layer),
          );
          expect(cut.length).toBeGreaterThan(0);
          expect(cut.length).toBeLessThan(inJob.length);
          expect(proposal.removedSuspects.length).toBeGreaterThan(0);
          expect(proposal.keptSuspects.length).toBeGreaterThan(0);
          expect([...proposal.removedSuspects, ...proposal.keptSuspects].sort()).toEqual([...live].sort());
          for (const target of proposal.remove) expect(removed).not.toContain(target);
        },
      ),
      { numRuns: 300 },
    );
  });
});
