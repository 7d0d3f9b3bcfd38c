import { describe, expect, it } from 'vitest';
import {
  createFlinkConfig,
  FlinkConfigError,
  getBoolean,
  getDuration,
  getFloat,
  getInt,
  getMemorySize,
  getMemorySizeExact,
  getString,
  hasConfigKey,
  lookupConfigValue,
  withOverrides,
} from './flink-config';

function errorOf(run: () => unknown): FlinkConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof FlinkConfigError) return error;
    throw error;
  }
  throw new Error('expected a FlinkConfigError');
}

describe('withOverrides', () => {
  it('replaces values and sets empty values instead of dropping the key', () => {
    const base = createFlinkConfig({
      'env.java.opts': '-XX:+UseG1GC',
      'taskmanager.memory.process.size': '1g',
    });
    const changed = withOverrides(base, { 'env.java.opts': '', 'taskmanager.memory.process.size': '2g' });
    expect(changed.get('env.java.opts')).toBe('');
    expect(hasConfigKey(changed, 'env.java.opts')).toBe(true);
    expect(getMemorySize(changed, 'taskmanager.memory.process.size')).toBe(2 * 1024 ** 3);
    expect(base.get('taskmanager.memory.process.size')).toBe('1g');
  });
});

describe('deprecated keys', () => {
  it('are read when the current key is absent', () => {
    const config = createFlinkConfig({
      'taskmanager.network.memory.fraction': '0.2',
      'restart-strategy': 'fixed-delay',
    });
    expect(getFloat(config, 'taskmanager.memory.network.fraction')).toBe(Math.fround(0.2));
    expect(getString(config, 'restart-strategy.type')).toBe('fixed-delay');
    expect(lookupConfigValue(config, 'taskmanager.memory.network.fraction')).toEqual({
      key: 'taskmanager.network.memory.fraction',
      value: '0.2',
    });
  });

  it('lose to the current key when both are set, whatever the order', () => {
    const config = createFlinkConfig([
      ['taskmanager.memory.managed.size', '256m'],
      ['taskmanager.memory.size', '1g'],
    ]);
    expect(getMemorySize(config, 'taskmanager.memory.managed.size')).toBe(256 * 1024 ** 2);
    const reversed = createFlinkConfig([
      ['state.checkpoints.num-retained', '5'],
      ['execution.checkpointing.num-retained', '2'],
    ]);
    expect(getInt(reversed, 'execution.checkpointing.num-retained')).toBe(2);
  });

  it("name the option's key in errors, and both keys in `keys`", () => {
    const config = createFlinkConfig({ 'taskmanager.network.memory.min': 'lots' });
    const error = errorOf(() => getMemorySize(config, 'taskmanager.memory.network.min'));
    expect(error.message).toBe("Could not parse value 'lots' for key 'taskmanager.memory.network.min'.");
    expect(error.keys).toEqual(['taskmanager.memory.network.min', 'taskmanager.network.memory.min']);
  });
});

describe('typed getters', () => {
  const config = createFlinkConfig({
    size: '64 mb',
    bytes: '1728',
    delay: '10 s',
    fraction: '0.1',
    suffixed: '0.25f',
    count: '-12',
    flag: 'TRUE',
    broken: 'x1',
  });

  it('convert values as Flink does', () => {
    expect(getMemorySize(config, 'size')).toBe(64 * 1024 ** 2);
    expect(getMemorySize(config, 'bytes')).toBe(1728);
    expect(getMemorySizeExact(config, 'size')).toBe(64n * 1024n ** 2n);
    expect(getDuration(config, 'delay')).toBe(10_000);
    expect(getFloat(config, 'fraction')).toBe(0.10000000149011612);
    expect(getFloat(config, 'suffixed')).toBe(0.25);
    expect(getInt(config, 'count')).toBe(-12);
    expect(getBoolean(config, 'flag')).toBe(true);
  });

  it('return the default, or undefined, for absent keys', () => {
    expect(getMemorySize(config, 'absent')).toBeUndefined();
    expect(getMemorySize(config, 'absent', 7)).toBe(7);
    expect(getDuration(config, 'absent', 1000)).toBe(1000);
    expect(getFloat(config, 'absent', 0.5)).toBe(0.5);
    expect(getInt(config, 'absent', 3)).toBe(3);
    expect(getBoolean(config, 'absent', false)).toBe(false);
    expect(getString(config, 'absent', 'x')).toBe('x');
  });

  it('throw errors naming the key and the value', () => {
    for (const read of [getMemorySize, getDuration, getFloat, getInt, getBoolean]) {
      const error = errorOf(() => read(config, 'broken'));
      expect(error.message).toBe("Could not parse value 'x1' for key 'broken'.");
      expect(error.keys).toEqual(['broken']);
      expect(error.cause).toBeInstanceOf(Error);
    }
    expect(errorOf(() => getInt(createFlinkConfig({ n: '2147483648' }), 'n')).message).toContain(
      "'2147483648'",
    );
    expect(errorOf(() => getInt(createFlinkConfig({ n: '1.0' }), 'n')).message).toContain("'1.0'");
    expect(errorOf(() => getBoolean(createFlinkConfig({ b: 'yes' }), 'b')).cause).toMatchObject({
      message: 'Unrecognized option for boolean: yes. Expected either true or false(case insensitive)',
    });
  });
});
