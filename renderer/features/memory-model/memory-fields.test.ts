import { describe, expect, it } from 'vitest';
import { planJob } from '../../../shared/sim/engine/job-plan';
import { editedKeys, fieldsNamedBy, initialDraft, MEMORY_FIELDS, overridesFromDraft } from './memory-fields';

const config = planJob({ scenario: 'offheap-map-leak' }).config;

describe('memory fields', () => {
  it("offer the keys the brief names, with Flink's defaults", () => {
    const keys = MEMORY_FIELDS.map((f) => f.key);
    for (const key of [
      'taskmanager.memory.process.size',
      'taskmanager.memory.task.off-heap.size',
      'taskmanager.memory.network.fraction',
      'taskmanager.memory.network.min',
      'taskmanager.memory.network.max',
      'taskmanager.memory.managed.fraction',
      'taskmanager.memory.framework.off-heap.size',
      'env.java.opts',
    ]) {
      expect(keys).toContain(key);
    }
    const field = (key: string) => MEMORY_FIELDS.find((f) => f.key === key);
    expect(field('taskmanager.memory.network.fraction')?.defaultText).toBe('0.1');
    expect(field('taskmanager.memory.network.max')?.defaultText).toBe('no limit');
    expect(field('taskmanager.memory.task.off-heap.size')?.defaultText).toBe('0');
  });

  it("start from the scenario's values", () => {
    const draft = initialDraft(config);
    expect(draft['taskmanager.memory.process.size']).toBe('6g');
    expect(draft['taskmanager.memory.task.off-heap.size']).toBe('512m');
    expect(draft['env.java.opts']).toBe('-XX:+DisableExplicitGC');
    expect(draft['taskmanager.memory.network.fraction']).toBe('');
  });
});

describe('overridesFromDraft', () => {
  it('sends only what changed, on top of the overrides already in effect', () => {
    const draft = { ...initialDraft(config), 'taskmanager.memory.task.off-heap.size': ' 2g ' };
    expect(overridesFromDraft(draft, config, { 'taskmanager.numberOfTaskSlots': '2' })).toEqual({
      'taskmanager.numberOfTaskSlots': '2',
      'taskmanager.memory.task.off-heap.size': '2g',
    });
    expect(editedKeys(draft, config)).toEqual(['taskmanager.memory.task.off-heap.size']);
  });

  it('treats an emptied size as unchanged but an emptied JVM options field as set empty', () => {
    const draft = { ...initialDraft(config), 'taskmanager.memory.process.size': '', 'env.java.opts': '' };
    expect(overridesFromDraft(draft, config)).toEqual({ 'env.java.opts': '' });
  });

  it('sets a key the scenario leaves at its default', () => {
    const draft = { ...initialDraft(config), 'taskmanager.memory.network.fraction': '0.2' };
    expect(overridesFromDraft(draft, config)).toEqual({ 'taskmanager.memory.network.fraction': '0.2' });
  });
});

describe('fieldsNamedBy', () => {
  it('takes the keys the preview names', () => {
    expect(fieldsNamedBy({ message: 'x', keys: ['taskmanager.memory.network.min', 'nope'] })).toEqual([
      'taskmanager.memory.network.min',
    ]);
  });

  it('finds the keys in the message when the preview names none, in the order mentioned', () => {
    const message =
      "configOverrides.taskmanager.memory.process.size: TaskManager memory configuration failed: Cannot read memory size from config option 'taskmanager.memory.process.size'.";
    expect(fieldsNamedBy({ message, keys: [] })).toEqual(['taskmanager.memory.process.size']);
    const e2 =
      "Inconsistently configured Key: 'taskmanager.memory.network.fraction' , default: 0.1 (fallback keys: [{key=taskmanager.network.memory.fraction, isDeprecated=true}])";
    expect(fieldsNamedBy({ message: e2, keys: [] })).toEqual(['taskmanager.memory.network.fraction']);
  });

  it('does not mistake a longer key for a field', () => {
    expect(fieldsNamedBy({ message: "bad value for 'env.java.opts.taskmanager'", keys: [] })).toEqual([]);
  });
});
