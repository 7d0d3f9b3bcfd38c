// The memory keys the config editor offers, grouped as Flink's memory model groups them, with Flink's defaults,
// and how the fields' text becomes the overrides sent for a preview.
import { TM_FRACTIONS, TM_OPTIONS } from '../../../shared/sim/memory/memory-options';

export type FieldKind = 'size' | 'fraction' | 'text';

export interface MemoryField {
  key: string;
  label: string;
  kind: FieldKind;
  /** Flink's default as its docs write it; null when the key has none. */
  defaultText: string | null;
  hint?: string;
}

export interface MemoryFieldGroup {
  id: string;
  title: string;
  /** The JVM flag the group's sizes end up in, shown beside the title. */
  flag?: string;
  fields: MemoryField[];
}

const size = (
  option: { key: string; defaultText: string | null },
  label: string,
  hint?: string,
): MemoryField => ({
  key: option.key,
  label,
  kind: 'size',
  // Flink's default network max is Long.MAX_VALUE bytes: "no limit" to a person.
  defaultText: option.defaultText?.startsWith('9223372036854775807') ? 'no limit' : option.defaultText,
  ...(hint ? { hint } : {}),
});
const fraction = (option: { key: string; defaultText: string }, label: string): MemoryField => ({
  key: option.key,
  label,
  kind: 'fraction',
  defaultText: option.defaultText,
});

export const MEMORY_FIELD_GROUPS: readonly MemoryFieldGroup[] = [
  {
    id: 'total',
    title: 'Total',
    fields: [
      size(
        TM_OPTIONS.totalProcess,
        'Total process size',
        'The YARN container size; the rest is derived from it.',
      ),
      size(TM_OPTIONS.totalFlink, 'Total Flink size'),
    ],
  },
  {
    id: 'direct',
    title: 'Direct memory',
    flag: '-XX:MaxDirectMemorySize',
    fields: [
      size(TM_OPTIONS.taskOffHeap, 'Task off-heap', "The job's own DirectByteBuffers count against this."),
      size(TM_OPTIONS.frameworkOffHeap, 'Framework off-heap'),
      fraction(TM_FRACTIONS.network, 'Network fraction'),
      size(TM_OPTIONS.networkMin, 'Network min'),
      size(TM_OPTIONS.networkMax, 'Network max'),
    ],
  },
  {
    id: 'heap',
    title: 'JVM heap and managed',
    fields: [
      size(TM_OPTIONS.taskHeap, 'Task heap', 'Set together with managed size for fine-grained mode.'),
      size(TM_OPTIONS.frameworkHeap, 'Framework heap'),
      fraction(TM_FRACTIONS.managed, 'Managed fraction'),
      size(TM_OPTIONS.managedSize, 'Managed size'),
    ],
  },
  {
    id: 'jvm',
    title: 'JVM',
    fields: [
      size(TM_OPTIONS.jvmMetaspace, 'JVM metaspace'),
      fraction(TM_FRACTIONS.jvmOverhead, 'JVM overhead fraction'),
      size(TM_OPTIONS.jvmOverheadMin, 'JVM overhead min'),
      size(TM_OPTIONS.jvmOverheadMax, 'JVM overhead max'),
      {
        key: 'env.java.opts',
        label: 'JVM options',
        kind: 'text',
        defaultText: null,
        hint: '-XX:+DisableExplicitGC turns System.gc() off: unreachable direct buffers then wait for a full GC.',
      },
    ],
  },
];

export const MEMORY_FIELDS: readonly MemoryField[] = MEMORY_FIELD_GROUPS.flatMap((group) => group.fields);

/** The fields' starting text: the value in effect, or empty (the placeholder shows Flink's default). */
export function initialDraft(config: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(MEMORY_FIELDS.map((field) => [field.key, config[field.key] ?? '']));
}

/**
 * Overrides to send: the ones already in effect plus every field whose text differs from the value in effect.
 * An emptied size or fraction means "leave it" (an override cannot unset a key); an emptied JVM options field
 * sets them empty, which Flink accepts.
 */
export function overridesFromDraft(
  draft: Readonly<Record<string, string>>,
  config: Readonly<Record<string, string>>,
  base: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const overrides: Record<string, string> = { ...base };
  for (const field of MEMORY_FIELDS) {
    const text = (draft[field.key] ?? '').trim();
    const current = config[field.key] ?? '';
    if (text === current.trim()) continue;
    if (text === '' && field.kind !== 'text') continue;
    overrides[field.key] = text;
  }
  return overrides;
}

/** Keys whose field differs from the value in effect. */
export function editedKeys(
  draft: Readonly<Record<string, string>>,
  config: Readonly<Record<string, string>>,
): string[] {
  const overrides = overridesFromDraft(draft, config);
  return MEMORY_FIELDS.filter((field) => field.key in overrides).map((field) => field.key);
}

/**
 * The fields a refused configuration is about: the keys the preview names, or else the field keys its message
 * mentions (the message always names the key; `keys` may be empty).
 */
export function fieldsNamedBy(failure: { message: string; keys: readonly string[] }): string[] {
  const named = MEMORY_FIELDS.filter((field) => failure.keys.includes(field.key)).map((field) => field.key);
  if (named.length > 0) return named;
  const mentioned = (key: string) =>
    new RegExp(`(^|[^\\w.-])${key.replaceAll('.', '\\.')}(?![\\w-]|\\.\\w)`).test(failure.message);
  return MEMORY_FIELDS.filter((field) => mentioned(field.key))
    .map((field) => ({ key: field.key, at: failure.message.indexOf(field.key) }))
    .sort((a, b) => a.at - b.at)
    .map((found) => found.key);
}
