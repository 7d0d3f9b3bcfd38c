// Finding records by id, with a not-found error that names what was asked for.
import type { Investigation } from '../../../shared/contract/entities';
import { notFound } from '../../../shared/contract/errors';
import type { ServiceContext } from './context';

export function requireInvestigation(ctx: ServiceContext, id: string): Investigation {
  const investigation = ctx.store.investigations.get(id);
  if (!investigation) throw notFound('investigation', id);
  return investigation;
}
