// The causes a drill can hide and the fixes a trainee can name, as one list shared by every drill: the diagnosis
// form offers all of them whatever the drill, so the list itself says nothing about the answer.

export const DEFECT_KINDS = [
  'map-not-freed-in-close',
  'map-kept-in-static',
  'unsafe-map-not-freed',
  'rpc-fresh-buffers',
  'platform-leak',
  'direct-memory-too-small',
  'onheap-map-swap',
  'async-queue-kept-on-close',
] as const;
export type DefectKind = (typeof DEFECT_KINDS)[number];

export const FIX_KINDS = [
  'free-map-in-close',
  'drop-static-reference',
  'update-map-in-place',
  'pool-rpc-buffers',
  'release-queue-on-close',
  'raise-task-off-heap',
  'upgrade-platform',
] as const;
export type FixKind = (typeof FIX_KINDS)[number];

/** What a fix is applied to: one operator that has the capability, the job's configuration, or the platform. */
export type FixScope = 'map-operator' | 'rpc-operator' | 'job' | 'platform';

/** Where a defect can sit: an operator with a reference-data map, one with an async RPC client, or nowhere. */
export type DefectSite = 'map-operator' | 'rpc-operator' | 'platform';

export interface DefectKindInfo {
  id: DefectKind;
  /** The cause as the diagnosis form lists it. */
  label: string;
  site: DefectSite;
  /** Fix kinds that switch it off (the first is the one the answer names). */
  fixedBy: FixKind[];
  /** The built-in scenario that tells this story (the drill generalises it to other pipelines). */
  scenarioFamily: string;
  /** What the simulator's analysis shows when the defect is at work (see symptom.ts). */
  symptom: 'direct-leak' | 'resident-leak' | 'direct-spikes' | 'direct-ooms' | 'old-gen-churn';
  /** Only a slow sink brings it on: the sink is then a trigger, and removing it hides the problem. */
  needsBackPressure: boolean;
}

export const DEFECT_KIND_INFO: Record<DefectKind, DefectKindInfo> = {
  'map-not-freed-in-close': {
    id: 'map-not-freed-in-close',
    label: 'An off-heap map dropped in close() without being freed',
    site: 'map-operator',
    fixedBy: ['free-map-in-close'],
    scenarioFamily: 'offheap-map-leak',
    symptom: 'direct-leak',
    needsBackPressure: false,
  },
  'map-kept-in-static': {
    id: 'map-kept-in-static',
    label: 'Old maps kept reachable in a static field',
    site: 'map-operator',
    fixedBy: ['drop-static-reference', 'free-map-in-close'],
    scenarioFamily: 'offheap-map-leak',
    symptom: 'direct-leak',
    needsBackPressure: false,
  },
  'unsafe-map-not-freed': {
    id: 'unsafe-map-not-freed',
    label: 'A map on Unsafe (native) memory not freed in close()',
    site: 'map-operator',
    fixedBy: ['free-map-in-close'],
    scenarioFamily: 'offheap-map-leak',
    symptom: 'resident-leak',
    needsBackPressure: false,
  },
  'rpc-fresh-buffers': {
    id: 'rpc-fresh-buffers',
    label: 'Fresh direct buffers for every RPC call (spikes with large payloads)',
    site: 'rpc-operator',
    fixedBy: ['pool-rpc-buffers'],
    scenarioFamily: 'rpc-payload-spikes',
    symptom: 'direct-spikes',
    needsBackPressure: false,
  },
  'platform-leak': {
    id: 'platform-leak',
    label: 'A leak in the platform under the job (not in its operators)',
    site: 'platform',
    fixedBy: ['upgrade-platform'],
    scenarioFamily: 'platform-netty-leak',
    symptom: 'direct-leak',
    needsBackPressure: false,
  },
  'direct-memory-too-small': {
    id: 'direct-memory-too-small',
    label: 'Direct memory configured too small for peak load',
    site: 'rpc-operator',
    fixedBy: ['raise-task-off-heap'],
    scenarioFamily: 'underprovisioned-direct',
    symptom: 'direct-ooms',
    needsBackPressure: true,
  },
  'onheap-map-swap': {
    id: 'onheap-map-swap',
    label: 'A large on-heap map rebuilt and swapped on every refresh',
    site: 'map-operator',
    fixedBy: ['update-map-in-place'],
    scenarioFamily: 'onheap-swap-gc',
    symptom: 'old-gen-churn',
    needsBackPressure: false,
  },
  'async-queue-kept-on-close': {
    id: 'async-queue-kept-on-close',
    label: 'Async I/O results kept reachable after close() (grows with what back pressure queued)',
    site: 'rpc-operator',
    fixedBy: ['release-queue-on-close'],
    scenarioFamily: 'async-queue-leak',
    symptom: 'direct-leak',
    needsBackPressure: true,
  },
};

export interface FixKindInfo {
  id: FixKind;
  label: string;
  scope: FixScope;
}

export const FIX_KIND_INFO: Record<FixKind, FixKindInfo> = {
  'free-map-in-close': {
    id: 'free-map-in-close',
    label: 'Free the map in close() before dropping it',
    scope: 'map-operator',
  },
  'drop-static-reference': {
    id: 'drop-static-reference',
    label: 'Stop keeping replaced maps in a static list',
    scope: 'map-operator',
  },
  'update-map-in-place': {
    id: 'update-map-in-place',
    label: 'Update the map in place instead of rebuilding it',
    scope: 'map-operator',
  },
  'pool-rpc-buffers': { id: 'pool-rpc-buffers', label: 'Reuse pooled RPC buffers', scope: 'rpc-operator' },
  'release-queue-on-close': {
    id: 'release-queue-on-close',
    label: 'Complete and release the async queue in close()',
    scope: 'rpc-operator',
  },
  'raise-task-off-heap': {
    id: 'raise-task-off-heap',
    label: 'Give taskmanager.memory.task.off-heap.size back what peak load needs',
    scope: 'job',
  },
  'upgrade-platform': {
    id: 'upgrade-platform',
    label: 'Upgrade the platform build (take it to the platform team)',
    scope: 'platform',
  },
};

/** A fix as the trainee applies it: a kind on a target (`free-map-in-close@geo-lookup`, `upgrade-platform@platform`). */
export function fixChoiceId(kind: FixKind, target: string): string {
  return `${kind}@${target}`;
}

export function parseFixChoiceId(id: string): { kind: FixKind; target: string } | null {
  const at = id.indexOf('@');
  if (at <= 0) return null;
  const kind = id.slice(0, at) as FixKind;
  if (!FIX_KINDS.includes(kind)) return null;
  return { kind, target: id.slice(at + 1) };
}
