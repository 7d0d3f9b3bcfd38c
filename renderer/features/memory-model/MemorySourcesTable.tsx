// The config behind the memory bar, as a table: each component's size, how Flink derived it, and every key it
// read with its value (set, or Flink's default), then the JVM arguments and Flink's own notes.
import type { MemoryBreakdown } from '../../../shared/contract/lab-entities';
import { MEMORY_PARTS } from './memory-parts';
import { keyedSettings, settingValue, sizeWithBytes } from './memory-text';

const MODES: Record<string, string> = {
  'total-process': 'derived from the total process size (taskmanager.memory.process.size)',
  'total-flink': 'derived from the total Flink memory (taskmanager.memory.flink.size)',
  'fine-grained': 'derived from task heap and managed sizes (fine-grained)',
};

const DERIVED = [
  { name: 'jvmHeap', label: 'JVM heap (-Xmx, -Xms)' },
  { name: 'maxDirectMemory', label: 'JVM direct (-XX:MaxDirectMemorySize)' },
  { name: 'totalFlinkMemory', label: 'Total Flink memory' },
  { name: 'totalProcessMemory', label: 'Total process memory' },
] as const;

function Row({
  memory,
  name,
  label,
  swatch,
}: {
  memory: MemoryBreakdown;
  name: keyof MemoryBreakdown['sources'] & string;
  label: string;
  swatch?: string;
}) {
  const source = memory.sources[name];
  const bytes = memory[name as keyof MemoryBreakdown] as number;
  const settings = keyedSettings(source);
  return (
    <tr>
      <th scope="row">
        {swatch && <span className={`membar-swatch ${swatch}`} aria-hidden="true" />}
        {label}
      </th>
      <td className="membar-num">{sizeWithBytes(bytes)}</td>
      <td>
        {source?.how}
        {source?.capped && <span className="membar-tag capped">capped to {source.capped}</span>}
      </td>
      <td>
        {settings.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <ul className="membar-keys">
            {settings.map((setting) => (
              <li key={setting.key}>
                <code>
                  {setting.key}: {settingValue(setting)}
                </code>
                <span className={`membar-tag ${setting.isDefault ? 'default' : 'set'}`}>
                  {setting.isDefault ? 'default' : 'set'}
                </span>
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

export function MemorySourcesTable({ memory, open }: { memory: MemoryBreakdown; open: boolean }) {
  return (
    <details className="membar-sources" open={open}>
      <summary>Config keys behind each part</summary>
      <p className="membar-sources-intro">
        Memory {MODES[memory.mode] ?? memory.mode}. JVM arguments: <code>{memory.jvmArgs}</code>.{' '}
        {memory.networkBuffers} network buffers of {memory.segmentSize / 1024} KiB.
      </p>
      <div className="membar-table-scroll">
        <table className="membar-table">
          <thead>
            <tr>
              <th scope="col">Component</th>
              <th scope="col">Size</th>
              <th scope="col">How Flink derives it</th>
              <th scope="col">Keys read</th>
            </tr>
          </thead>
          <tbody>
            {MEMORY_PARTS.map((info) => (
              <Row
                key={info.part}
                memory={memory}
                name={info.part}
                label={info.label}
                swatch={`group-${info.group} part-${info.part}${info.reserved ? ' reserved' : ''}`}
              />
            ))}
          </tbody>
          <tbody className="membar-derived">
            {DERIVED.map((row) => (
              <Row key={row.name} memory={memory} name={row.name} label={row.label} />
            ))}
          </tbody>
        </table>
      </div>
      {memory.notes.length > 0 && (
        <ul className="membar-notes" aria-label="Flink's notes from the derivation">
          {memory.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </details>
  );
}
