// Imported investigations are read-only: they are a colleague's record, kept as it arrived. Every change in Peel is
// committed with an audit event naming its investigation (commit.ts), so refusing those events refuses every write
// channel at once, including ones added later.
import { PeelError } from '../../../shared/contract/errors';
import type { AuditKind } from '../../../shared/domain/audit-kinds';
import type { PeelStore } from '../store/store';

/** The one event an imported investigation gets locally: the record of its import. */
const ALLOWED_ON_IMPORTED: ReadonlySet<AuditKind> = new Set(['investigation.imported']);

function readOnlyError(store: PeelStore, investigationId: string): PeelError {
  const imported = store.imports.get(investigationId);
  const title = store.investigations.get(investigationId)?.title ?? investigationId;
  const from = imported ? ` from ${imported.exportedBy}'s bundle` : '';
  return new PeelError(
    'forbidden',
    `“${title}” was imported${from} and is read-only; nothing was written. Continue it in a new branch ` +
      '(“Continue in a new branch” on its hand-over) to change anything.',
    { investigationId, readOnly: true },
  );
}

/** Throws when `investigationId` names an imported investigation. */
export function requireWritable(store: PeelStore, investigationId: string | null): void {
  if (investigationId !== null && store.imports.isImported(investigationId)) {
    throw readOnlyError(store, investigationId);
  }
}

/** The guard commit() applies to every audit event it writes. */
export function guardAuditedWrite(store: PeelStore, investigationId: string | null, kind: AuditKind): void {
  if (!ALLOWED_ON_IMPORTED.has(kind)) requireWritable(store, investigationId);
}
