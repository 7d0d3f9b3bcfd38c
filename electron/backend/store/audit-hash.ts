// SHA-256 of an audit event's chain input (see shared/domain/audit-chain.ts for what it covers).
import { createHash } from 'node:crypto';
import { type ChainedFields, chainInput } from '../../../shared/domain/audit-chain';

export function hashEvent(prevHash: string, event: ChainedFields): string {
  return createHash('sha256').update(chainInput(prevHash, event), 'utf8').digest('hex');
}
