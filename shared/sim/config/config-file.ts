// Reads Flink configuration files: the legacy flat flink-conf.yaml (<= 1.20) and the YAML 1.2 config.yaml
// (1.19+, the only one in 2.x). The file name picks the dialect, as Flink does: exactly `flink-conf.yaml` is legacy,
// any other name is read as standard YAML.
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type Scalar } from 'yaml';
import type { FlinkConfig } from './flink-config';
import { FlinkConfigError } from './flink-config-error';
import { javaDoubleToString, javaTrim } from './java-text';

export type ConfigDialect = 'legacy-flink-conf' | 'standard-yaml';

export interface ParsedConfigFile {
  config: FlinkConfig;
  dialect: ConfigDialect;
  /** Lines the legacy parser skipped, as Flink logs them ("<file>:<line>: ..."). Always empty for config.yaml. */
  warnings: string[];
}

export function dialectForFile(fileName: string): ConfigDialect {
  const baseName = fileName.split(/[\\/]/).pop() ?? fileName;
  return baseName === 'flink-conf.yaml' ? 'legacy-flink-conf' : 'standard-yaml';
}

/** Parses a config file's text; `fileName` picks the dialect and names the file in messages. */
export function parseFlinkConfigFile(text: string, fileName: string): FlinkConfig {
  return parseFlinkConfigFileDetailed(text, fileName).config;
}

export function parseFlinkConfigFileDetailed(text: string, fileName: string): ParsedConfigFile {
  const dialect = dialectForFile(fileName);
  if (dialect === 'legacy-flink-conf') return { dialect, ...parseLegacyFlinkConf(text, fileName) };
  return { dialect, config: parseStandardYaml(text, fileName), warnings: [] };
}

// GlobalConfiguration.loadLegacyYAMLResource: text before the first '#', split at the first ": ", both sides
// trimmed; lines without ": " or with an empty side are skipped with a warning; a later duplicate wins.
function parseLegacyFlinkConf(text: string, fileName: string): { config: FlinkConfig; warnings: string[] } {
  const config = new Map<string, string>();
  const warnings: string[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    const hash = line.indexOf('#');
    const conf = javaTrim(hash < 0 ? line : line.slice(0, hash));
    if (conf === '') return;
    const separator = conf.indexOf(': ');
    if (separator < 0) {
      warnings.push(
        `Error while trying to split key and value in configuration file ${fileName}:${lineNo}: Line is not a key-value pair (missing space after ':'?)`,
      );
      return;
    }
    const key = javaTrim(conf.slice(0, separator));
    const value = javaTrim(conf.slice(separator + 2));
    if (key === '' || value === '') {
      warnings.push(
        `Error after splitting key and value in configuration file ${fileName}:${lineNo}: Key or value was empty`,
      );
      return;
    }
    config.set(key, value);
  });
  return { config, warnings };
}

interface FlatEntry {
  value: string;
  line: number;
}

function parseStandardYaml(text: string, fileName: string): FlinkConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    version: '1.2',
    uniqueKeys: true,
    intAsBigInt: true,
    prettyErrors: false,
    lineCounter,
  });
  const lineOf = (offset: number | undefined): number => lineCounter.linePos(offset ?? 0).line;
  const firstError = doc.errors[0];
  if (firstError !== undefined) {
    const line = firstError.linePos?.[0]?.line ?? lineOf(firstError.pos[0]);
    const detail =
      firstError.code === 'DUPLICATE_KEY'
        ? `duplicate key '${keyTextAt(text, firstError.pos[0])}' (keys must be unique in standard YAML)`
        : firstError.message;
    throw new FlinkConfigError(`${fileName} line ${line}: ${detail}`, { line });
  }
  const flat = new Map<string, FlatEntry>();
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return new Map();
  if (!isMap(root)) {
    const line = lineOf(root.range?.[0]);
    throw new FlinkConfigError(`${fileName} line ${line}: the file must be a mapping of keys to values`, {
      line,
    });
  }
  flattenMap(root, '', flat, fileName, lineOf);
  return new Map([...flat].map(([key, entry]) => [key, entry.value]));
}

// Nested maps become dotted keys, as Flink's GlobalConfiguration.flatten does. `a: {b: 1}` next to `a.b: 2` is
// reported as a duplicate: Flink would keep one of them depending on hash order.
function flattenMap(
  map: Node,
  prefix: string,
  flat: Map<string, FlatEntry>,
  fileName: string,
  lineOf: (offset: number | undefined) => number,
): void {
  if (!isMap(map)) return;
  for (const pair of map.items) {
    const keyNode = pair.key as Node | null;
    const line = lineOf(keyNode?.range?.[0]);
    const keyText = isScalar(keyNode) ? scalarText(keyNode) : null;
    if (keyText === null) {
      throw new FlinkConfigError(`${fileName} line ${line}: keys must be plain scalars`, { line });
    }
    const key = prefix + keyText;
    const valueNode = pair.value as Node | null;
    if (isMap(valueNode)) {
      flattenMap(valueNode, `${key}.`, flat, fileName, lineOf);
      continue;
    }
    const value = valueNode === null ? null : isSeq(valueNode) ? flowText(valueNode) : scalarText(valueNode);
    if (value === null) {
      throw new FlinkConfigError(`${fileName} line ${line}: key '${key}' has no value`, {
        keys: [key],
        line,
      });
    }
    const earlier = flat.get(key);
    if (earlier !== undefined) {
      throw new FlinkConfigError(
        `${fileName} line ${line}: duplicate key '${key}' (also set on line ${earlier.line} after flattening nested keys)`,
        { keys: [key], line },
      );
    }
    flat.set(key, { value, line });
  }
}

// The text Flink's converters see: they call toString() on the Java object SnakeYAML built.
function scalarText(node: Node): string | null {
  if (!isScalar(node)) return null;
  const value = (node as Scalar).value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return javaDoubleToString(value);
  return String(value);
}

// Lists reach Flink as YAML flow text ("[a, b]"), the form YamlParserUtils.toYAMLString writes.
function flowText(node: Node): string {
  if (isSeq(node)) return `[${node.items.map((item) => flowText(item as Node)).join(', ')}]`;
  if (isMap(node)) {
    const pairs = node.items.map((pair) => `${flowText(pair.key as Node)}: ${flowText(pair.value as Node)}`);
    return `{${pairs.join(', ')}}`;
  }
  return scalarText(node) ?? 'null';
}

function keyTextAt(text: string, offset: number): string {
  const rest = text.slice(offset);
  const quoted = /^("[^"]*"|'[^']*')/.exec(rest);
  if (quoted?.[1] !== undefined) return quoted[1].slice(1, -1);
  return (/^[^:\n]*/.exec(rest)?.[0] ?? '').trim();
}
