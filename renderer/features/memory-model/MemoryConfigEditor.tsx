// Edit the TaskManager's memory keys and see the breakdown they give before anything runs: fields start from the
// configuration in effect, edits go out (debounced) as overrides for a preview, Flink's error lands under the
// fields it names, and Apply hands the overrides back.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { MemoryBreakdown, MemoryPreview } from '../../../shared/contract/lab-entities';
import { MemoryPreviewPanel } from './MemoryPreviewPanel';
import {
  editedKeys,
  fieldsNamedBy,
  initialDraft,
  MEMORY_FIELD_GROUPS,
  MEMORY_FIELDS,
  type MemoryField,
  overridesFromDraft,
} from './memory-fields';
import './memory-colors.css';
import './memory-model.css';

export interface MemoryConfigEditorProps {
  /** The configuration in effect (JobPlan.config): the fields start from it. */
  config: Readonly<Record<string, string>>;
  /** The memory it gives (JobPlan.memory, JobPlan.containerLimitBytes). */
  memory: MemoryBreakdown;
  containerLimitBytes: number;
  /** Overrides already in effect (LabState.configOverrides); edits are added on top. */
  overrides?: Readonly<Record<string, string>>;
  /** The preview (lab.previewMemory) of the overrides last passed to onChange; null before there is one. */
  preview: MemoryPreview | null;
  /** Called with the full overrides after the user stops typing for `debounceMs`. */
  onChange: (overrides: Record<string, string>) => void;
  onApply: (overrides: Record<string, string>) => void;
  debounceMs?: number;
  applyLabel?: string;
  /** Disables Apply while the caller is saving. */
  busy?: boolean;
}

interface FieldProps {
  field: MemoryField;
  value: string;
  current: string | undefined;
  error: string | null;
  onEdit: (key: string, value: string) => void;
}

function Field({ field, value, current, error, onEdit }: FieldProps) {
  const id = useId();
  const edited = value.trim() !== (current ?? '').trim() && (value.trim() !== '' || field.kind === 'text');
  const hint = edited
    ? `was ${current === undefined ? `default${field.defaultText ? ` ${field.defaultText}` : ''}` : current === '' ? 'empty' : current}`
    : current === undefined
      ? field.defaultText
        ? `Flink default ${field.defaultText}`
        : 'not set'
      : (field.hint ?? 'set by the scenario');
  return (
    <div className={`memedit-field${edited ? ' edited' : ''}${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        <span className="memedit-label">{field.label}</span>
        <code className="memedit-key">{field.key}</code>
      </label>
      <input
        id={id}
        value={value}
        spellCheck={false}
        autoComplete="off"
        placeholder={
          field.defaultText ? `default ${field.defaultText}` : field.kind === 'text' ? 'none' : 'not set'
        }
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(event) => onEdit(field.key, event.target.value)}
      />
      <span id={`${id}-hint`} className="memedit-hint">
        {hint}
      </span>
      {error && (
        <span id={`${id}-error`} className="memedit-field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export function MemoryConfigEditor({
  config,
  memory,
  containerLimitBytes,
  overrides: base = {},
  preview,
  onChange,
  onApply,
  debounceMs = 250,
  applyLabel = 'Use for new experiments',
  busy = false,
}: MemoryConfigEditorProps) {
  const configKey = JSON.stringify(config);
  const baseKey = JSON.stringify(base);
  const [draft, setDraft] = useState(() => initialDraft(config));
  const lastSent = useRef(baseKey);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  // A new configuration in effect (after Apply, or another scenario) restarts the form from it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on content, not on the caller's object identity
  useEffect(() => {
    setDraft(initialDraft(config));
    lastSent.current = baseKey;
  }, [configKey, baseKey]);

  const overrides = useMemo(() => overridesFromDraft(draft, config, base), [draft, config, base]);
  const overridesKey = JSON.stringify(overrides);
  useEffect(() => {
    if (overridesKey === lastSent.current) return;
    const timer = setTimeout(() => {
      lastSent.current = overridesKey;
      onChangeRef.current(JSON.parse(overridesKey) as Record<string, string>);
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [overridesKey, debounceMs]);

  const edited = editedKeys(draft, config).length > 0;
  const failure = preview && !preview.ok ? preview : null;
  const named = failure ? fieldsNamedBy(failure) : [];
  const firstNamed = named[0];
  // The whole message under the first field it names; the others point there instead of repeating it.
  const errorFor = (field: MemoryField): string | null => {
    if (!failure || !named.includes(field.key)) return null;
    if (field.key === firstNamed) return failure.message;
    const first = MEMORY_FIELDS.find((f) => f.key === firstNamed);
    return `Named in the error under ${first?.label ?? firstNamed}.`;
  };
  const onEdit = (key: string, value: string) => setDraft((d) => ({ ...d, [key]: value }));

  return (
    <section className="memedit" aria-label="TaskManager memory configuration">
      <div className="memedit-groups">
        {MEMORY_FIELD_GROUPS.map((group) => (
          <fieldset key={group.id} className={`memedit-group memedit-group-${group.id}`}>
            <legend>
              {group.title}
              {group.flag && <code>{group.flag}</code>}
            </legend>
            {group.fields.map((field) => (
              <Field
                key={field.key}
                field={field}
                value={draft[field.key] ?? ''}
                current={config[field.key]}
                error={errorFor(field)}
                onEdit={onEdit}
              />
            ))}
          </fieldset>
        ))}
      </div>
      {failure && firstNamed === undefined && (
        <p className="memedit-error" role="alert">
          {failure.message}
        </p>
      )}
      <div className="memedit-actions">
        <span className="memedit-status" aria-live="polite">
          {!edited
            ? 'Nothing changed yet: edit a value to see the memory it gives.'
            : failure
              ? 'Flink would refuse this configuration.'
              : preview?.ok
                ? `${editedKeys(draft, config).length} key${editedKeys(draft, config).length === 1 ? '' : 's'} changed.`
                : 'Computing the breakdown…'}
        </span>
        <button
          type="button"
          className="button"
          disabled={!edited}
          onClick={() => setDraft(initialDraft(config))}
        >
          Reset
        </button>
        <button
          type="button"
          className="button primary"
          disabled={!edited || busy || !!failure}
          onClick={() => onApply(overrides)}
        >
          {applyLabel}
        </button>
      </div>
      <MemoryPreviewPanel current={{ memory, containerLimitBytes }} preview={preview} edited={edited} />
    </section>
  );
}
