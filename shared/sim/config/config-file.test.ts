import { describe, expect, it } from 'vitest';
import { dialectForFile, parseFlinkConfigFile, parseFlinkConfigFileDetailed } from './config-file';
import { FlinkConfigError, getMemorySize } from './flink-config';

function errorOf(run: () => unknown): FlinkConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof FlinkConfigError) return error;
    throw error;
  }
  throw new Error('expected a FlinkConfigError');
}

describe('dialectForFile', () => {
  it('reads exactly flink-conf.yaml as the legacy dialect and anything else as YAML', () => {
    expect(dialectForFile('/opt/flink/conf/flink-conf.yaml')).toBe('legacy-flink-conf');
    expect(dialectForFile('C:\\flink\\conf\\flink-conf.yaml')).toBe('legacy-flink-conf');
    expect(dialectForFile('conf/config.yaml')).toBe('standard-yaml');
    expect(dialectForFile('my-flink-conf.yaml')).toBe('standard-yaml');
  });
});

describe('legacy flink-conf.yaml', () => {
  const text = [
    '# TaskManager settings',
    'taskmanager.memory.process.size: 1600m   # trailing comment',
    'taskmanager.numberOfTaskSlots: 4',
    'taskmanager.memory.process.size: 1728m',
    'not a key value line',
    'jobmanager.rpc.address:localhost',
    'empty.value: ',
    'quoted: "1g"',
    'url: http://host:8081/path # comment',
    '  indented.key  :   spaced value  ',
    'hash.in.value: a#b',
  ].join('\r\n');

  it('keeps flat key: value lines, cuts comments at the first #, and lets the last duplicate win', () => {
    const config = parseFlinkConfigFile(text, 'flink-conf.yaml');
    expect(config.get('taskmanager.memory.process.size')).toBe('1728m');
    expect(config.get('taskmanager.numberOfTaskSlots')).toBe('4');
    expect(config.get('url')).toBe('http://host:8081/path');
    expect(config.get('indented.key')).toBe('spaced value');
    expect(config.get('hash.in.value')).toBe('a');
  });

  it('keeps values as raw strings, quotes included, as Flink does', () => {
    const config = parseFlinkConfigFile(text, 'flink-conf.yaml');
    expect(config.get('quoted')).toBe('"1g"');
    expect(() => getMemorySize(config, 'quoted')).toThrow("Could not parse value '\"1g\"' for key 'quoted'.");
  });

  it('ignores bad lines with a warning naming the line instead of failing', () => {
    const parsed = parseFlinkConfigFileDetailed(text, 'flink-conf.yaml');
    expect(parsed.config.has('jobmanager.rpc.address')).toBe(false);
    expect(parsed.config.has('empty.value')).toBe(false);
    expect(parsed.warnings).toHaveLength(3);
    expect(parsed.warnings[0]).toContain('flink-conf.yaml:5');
    expect(parsed.warnings[1]).toContain('flink-conf.yaml:6');
    expect(parsed.warnings[2]).toContain('flink-conf.yaml:7');
  });
});

describe('config.yaml (YAML 1.2)', () => {
  it('flattens nested keys with dots, equal to the flat spelling', () => {
    const nested = parseFlinkConfigFile(
      'taskmanager:\n  memory:\n    process:\n      size: 1728m\n  numberOfTaskSlots: 1\n',
      'config.yaml',
    );
    const flat = parseFlinkConfigFile(
      'taskmanager.memory.process.size: 1728m\ntaskmanager.numberOfTaskSlots: 1\n',
      'config.yaml',
    );
    expect([...nested]).toEqual([...flat]);
    expect(nested.get('taskmanager.memory.process.size')).toBe('1728m');
  });

  it('reads a bare number for a size key as bytes', () => {
    const config = parseFlinkConfigFile('taskmanager.memory.process.size: 1728\n', 'config.yaml');
    expect(config.get('taskmanager.memory.process.size')).toBe('1728');
    expect(getMemorySize(config, 'taskmanager.memory.process.size')).toBe(1728);
  });

  it("turns typed scalars into the text Java's toString gives Flink", () => {
    const config = parseFlinkConfigFile(
      'a: 0.1\nb: 1e3\nc: true\nd: 0x1F\ne: "quoted # not a comment"\nf: [x, 2]\ng: 12345678901234567890\nh: 1728m # comment\n',
      'config.yaml',
    );
    expect(Object.fromEntries(config)).toEqual({
      a: '0.1',
      b: '1000.0',
      c: 'true',
      d: '31',
      e: 'quoted # not a comment',
      f: '[x, 2]',
      g: '12345678901234567890',
      h: '1728m',
    });
  });

  it('fails on a duplicate key, naming the key and its line', () => {
    const error = errorOf(() =>
      parseFlinkConfigFile(
        'taskmanager:\n  memory:\n    process.size: 1g\n    process.size: 2g\n',
        'config.yaml',
      ),
    );
    expect(error.line).toBe(4);
    expect(error.message).toContain('config.yaml line 4');
    expect(error.message).toContain("duplicate key 'process.size'");
  });

  it('fails when nested and flat spellings of one key collide', () => {
    const error = errorOf(() =>
      parseFlinkConfigFile(
        'taskmanager.memory.process.size: 1g\ntaskmanager:\n  memory.process.size: 2g\n',
        'config.yaml',
      ),
    );
    expect(error.line).toBe(3);
    expect(error.keys).toEqual(['taskmanager.memory.process.size']);
    expect(error.message).toContain('also set on line 1');
  });

  it('fails on a bad line, naming it', () => {
    const error = errorOf(() =>
      parseFlinkConfigFile('taskmanager.memory.process.size: 1g\nthis is not yaml\n', 'conf/config.yaml'),
    );
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/^conf\/config\.yaml line 2: /);
  });

  it('fails on a key without a value and on a file that is not a mapping', () => {
    const empty = errorOf(() => parseFlinkConfigFile('a: 1\nb:\n', 'config.yaml'));
    expect(empty.line).toBe(2);
    expect(empty.message).toContain("key 'b' has no value");
    expect(errorOf(() => parseFlinkConfigFile('- a\n- b\n', 'config.yaml')).message).toContain('mapping');
  });

  it('reads an empty or comment-only file as no settings', () => {
    expect(parseFlinkConfigFile('', 'config.yaml').size).toBe(0);
    expect(parseFlinkConfigFile('# nothing here\n', 'config.yaml').size).toBe(0);
  });
});
