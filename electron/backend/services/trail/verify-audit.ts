// Verifies a Peel database's audit trail: the whole hash chain and the append-only triggers. Used by the app's
// Verify button (audit.verify) and by `npm run verify`, which opens the file read-only; this reads and never writes.
import type { StateCheck, VerifyResult } from '../../../../shared/contract/trail-entities';
import { loadMigrations } from '../../store/migrations';
import type { PeelStore } from '../../store/store';
import { type ExpectedHead, verifyChain } from './chain-verifier';
import { checkTriggers, expectedTriggers } from './trigger-check';
import { verifyState } from './verify-state';

export interface VerifyOptions {
  /** A head printed in an export: finds a cut tail, which the chain alone cannot show. */
  expected?: ExpectedHead;
  /** When the check ran (UTC ms); the service passes its clock. */
  now?: number;
  migrationsDir?: string;
}

const triggersByDir = new Map<string | undefined, Map<string, string>>();

/** The migrations do not change while Peel runs: read them once per folder. */
function triggersFromMigrations(dir: string | undefined): Map<string, string> {
  let triggers = triggersByDir.get(dir);
  if (!triggers) {
    triggers = expectedTriggers(loadMigrations(dir));
    triggersByDir.set(dir, triggers);
  }
  return triggers;
}

export function verifyDatabase(store: PeelStore, options: VerifyOptions = {}): VerifyResult {
  const started = performance.now();
  const chain = verifyChain(store.auditChain, options.expected);
  const triggers = checkTriggers(triggersFromMigrations(options.migrationsDir), store.auditChain.triggers());
  // The state is re-derived from the chain only once the chain itself holds: a broken chain vouches for nothing.
  const state: StateCheck =
    chain.firstBad === null
      ? verifyState(store)
      : { ok: false, investigations: 0, skipped: [], firstMismatch: null };
  return {
    ok: chain.firstBad === null && triggers.ok && state.ok,
    ...chain,
    triggers,
    state,
    checkedAt: options.now ?? Date.now(),
    wallMs: performance.now() - started,
  };
}
