// "Check the plug with the real config": paste or open the job's flink-conf.yaml / config.yaml (and the last good
// one), give the container size, and see the memory Flink derives, what incidents usually hide, and what changed.
import { useId, useState } from 'react';
import { formatBytes } from '../../../shared/sim/analysis/format-bytes';
import { parseMemorySize } from '../../../shared/sim/config/memory-size';
import { usePeel } from '../../state/store';
import { MemoryModelBar } from '../memory-model/MemoryModelBar';
import { ConfigDiffTable } from './ConfigDiffTable';
import { readPickedFile } from './read-file';

function containerBytesOf(text: string): { bytes?: number; error?: string } {
  if (text.trim() === '') return {};
  try {
    return { bytes: parseMemorySize(text.trim(), 'container size') };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

export function ConfigCheckSection() {
  const id = useId();
  const check = usePeel((s) => s.configCheck);
  const checkRealConfig = usePeel((s) => s.checkRealConfig);
  const simulateWithConfig = usePeel((s) => s.simulateWithConfig);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | undefined>();
  const [lastGood, setLastGood] = useState('');
  const [lastGoodName, setLastGoodName] = useState<string | undefined>();
  const [container, setContainer] = useState('');
  const container_ = containerBytesOf(container);
  const submit = () =>
    void checkRealConfig({
      config: { text, ...(fileName ? { fileName } : {}) },
      ...(lastGood.trim()
        ? { lastGood: { text: lastGood, ...(lastGoodName ? { fileName: lastGoodName } : {}) } }
        : {}),
      ...(container_.bytes ? { containerBytes: container_.bytes } : {}),
    });
  return (
    <section className="real-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Check the plug with the real config</h3>
      <div className="real-config-inputs">
        <label className="field">
          <span>The job's config (flink-conf.yaml or config.yaml)</span>
          <textarea
            aria-label="Real Flink config"
            rows={8}
            value={text}
            spellCheck={false}
            placeholder="taskmanager.memory.process.size: 4096m"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <input
          type="file"
          aria-label="Open the job's config file"
          onChange={(e) =>
            void readPickedFile(e.target.files?.[0]).then((file) => {
              if (!file) return;
              setText(file.text);
              setFileName(file.name);
            })
          }
        />
        <label className="field">
          <span>Last good config (optional: shows every key that changed)</span>
          <textarea
            aria-label="Last good Flink config"
            rows={4}
            value={lastGood}
            spellCheck={false}
            onChange={(e) => setLastGood(e.target.value)}
          />
        </label>
        <input
          type="file"
          aria-label="Open the last good config file"
          onChange={(e) =>
            void readPickedFile(e.target.files?.[0]).then((file) => {
              if (!file) return;
              setLastGood(file.text);
              setLastGoodName(file.name);
            })
          }
        />
        <label className="field">
          <span>Container size (e.g. 4g)</span>
          <input
            aria-label="Container size"
            value={container}
            onChange={(e) => setContainer(e.target.value)}
            aria-invalid={container_.error ? true : undefined}
          />
        </label>
        {container_.error && <p className="error-text">{container_.error}</p>}
        <button
          type="button"
          className="button primary"
          disabled={text.trim() === '' || container_.error !== undefined}
          onClick={submit}
        >
          Check config
        </button>
      </div>
      {check && (
        <section className="real-config-result" aria-label="Config check">
          <p className="muted small">
            {check.fileName} ({check.dialect}), {Object.keys(check.config).length} keys, sha256{' '}
            <code>{check.contentSha256.slice(0, 12)}…</code> recorded in the trail
          </p>
          {check.findings.length === 0 ? (
            <p className="real-ok">No findings: the limits and JVM options look as intended.</p>
          ) : (
            <ul className="real-findings" aria-label="Findings">
              {check.findings.map((f) => (
                <li key={f.id} className={`real-finding ${f.severity}`}>
                  <strong>{f.severity === 'error' ? 'Error' : 'Warning'}</strong> {f.message}
                  {f.line !== undefined && <span className="muted small"> (line {f.line})</span>}
                </li>
              ))}
            </ul>
          )}
          {check.memory && (
            <MemoryModelBar
              memory={check.memory}
              containerLimitBytes={check.containerBytes ?? check.memory.totalProcessMemory}
              sources="closed"
              label="TaskManager memory of the real config"
            />
          )}
          {check.memory && (
            <p className="small">
              -XX:MaxDirectMemorySize = <strong>{formatBytes(check.memory.maxDirectMemory)}</strong>; JVM
              args: <code>{check.memory.jvmArgs}</code>
            </p>
          )}
          {check.parseWarnings.length > 0 && (
            <ul className="muted small">
              {check.parseWarnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          {check.diff && <ConfigDiffTable diff={check.diff} />}
          {check.memory && (
            <button type="button" className="button" onClick={() => void simulateWithConfig(check.config)}>
              Simulate with this config
            </button>
          )}
        </section>
      )}
    </section>
  );
}
