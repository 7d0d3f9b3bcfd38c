import { describe, expect, it } from 'vitest';
import { listScenarios } from '../scenarios/scenario-info';
import { ExperimentParamsError } from './experiment-params';
import { planJob } from './job-plan';

const MIB = 1024 * 1024;

describe('planJob', () => {
  it('plans the seed job from its Flink configuration: one slot per container, a TaskManager per subtask index', () => {
    const plan = planJob({ scenario: 'offheap-map-leak', parallelism: 32 });
    expect(plan.operators).toHaveLength(13);
    expect(plan.subtasks).toBe(416);
    expect(plan.taskManagers).toHaveLength(32);
    expect(plan.taskManagers[0]).toMatchObject({
      id: 'tm-1',
      container: 'container_e01_1700000000000_0001_01_000002',
      slots: 1,
    });
    expect(plan.taskManagers[0]?.subtasks).toContain('currency-convert#0');
    expect(plan.layers).toEqual(['layer1', 'layer2', 'layer3']);
    expect(plan.regions).toBe(1);
    // 6g process, task off-heap 512m: direct limit = framework 128m + task 512m + network (0.1 of total Flink).
    expect(plan.directLimitBytes).toBe(
      plan.memory.frameworkOffHeap + plan.memory.taskOffHeap + plan.memory.network,
    );
    expect(plan.memory.taskOffHeap).toBe(512 * MIB);
    expect(plan.containerLimitBytes).toBe(6 * 1024 * MIB);
    expect(plan.explicitGcDisabled).toBe(true);
    expect(plan.restartStrategy).toMatch(/^exponential-delay/);
    expect(plan.checkpoints).toEqual({ intervalSec: 60, timeoutSec: 600, tolerableFailures: 0 });
    expect(plan.operators.find((op) => op.id === 'currency-convert')?.memory.direct).toBe(true);
    expect(plan.operators.find((op) => op.id === 'join-engagements')?.memory.native).toBe(true);
  });

  it('applies variants, fixes and overrides to the configuration, in that order', () => {
    expect(planJob({ scenario: 'offheap-map-leak', variant: 'explicit-gc' }).explicitGcDisabled).toBe(false);
    const overridden = planJob({ scenario: 'offheap-map-leak', configOverrides: { 'env.java.opts': '' } });
    expect(overridden.explicitGcDisabled).toBe(false);
    expect(planJob({ scenario: 'underprovisioned-direct' }).memory.taskOffHeap).toBe(80 * MIB);
    expect(planJob({ scenario: 'underprovisioned-direct', fixes: ['all'] }).memory.taskOffHeap).toBe(
      512 * MIB,
    );
    const slots = planJob({
      scenario: 'offheap-map-leak',
      parallelism: 8,
      configOverrides: { 'taskmanager.numberOfTaskSlots': '4' },
    });
    expect(slots.taskManagers).toHaveLength(2);
    expect(slots.taskManagers[0]?.subtasks).toHaveLength(52);
  });

  it('describes peeling and the control job', () => {
    expect(planJob({ scenario: 'offheap-map-leak', removed: ['layer3'] }).rewiring[0]).toContain(
      'kvstore-enrich now feeds a discarding sink',
    );
    const control = planJob({ scenario: 'offheap-map-leak', control: true });
    expect(control.operators.map((op) => op.id)).toEqual(['control-source', 'control-sink']);
    expect(control.rewiring[0]).toMatch(/^control job/);
  });

  it('reports a bad Flink key as a parameter error naming the key', () => {
    try {
      planJob({
        scenario: 'offheap-map-leak',
        configOverrides: { 'taskmanager.memory.process.size': 'lots' },
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ExperimentParamsError);
      expect((error as ExperimentParamsError).field).toBe('configOverrides.taskmanager.memory.process.size');
    }
  });
});

describe('listScenarios', () => {
  it('lists the five scenarios with their operators, layers, fixes and variants', () => {
    const scenarios = listScenarios();
    expect(scenarios.map((s) => s.id)).toEqual([
      'offheap-map-leak',
      'rpc-payload-spikes',
      'platform-netty-leak',
      'underprovisioned-direct',
      'onheap-swap-gc',
    ]);
    for (const s of scenarios) {
      expect(s.description.length).toBeGreaterThan(50);
      expect(s.hiddenCause.length).toBeGreaterThan(50);
      expect(s.fixes.length).toBeGreaterThan(0);
      expect(s.layers.map((l) => l.id)).toEqual(['layer1', 'layer2', 'layer3']);
      for (const op of s.operators) expect(op.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
    expect(scenarios[0]?.variants.map((v) => v.id)).toEqual(['explicit-gc', 'unsafe-map', 'static-map']);
    expect(JSON.parse(JSON.stringify(scenarios))).toEqual(scenarios);
  });
});
