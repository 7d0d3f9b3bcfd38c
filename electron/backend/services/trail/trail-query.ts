// The timeline: a page of an investigation's trail, newest first, filtered by rule, kind category and text,
// with each event's description. Pages are read as of one seq so they line up while new events arrive.
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import type { TrailEvent } from '../../../../shared/contract/trail-entities';
import { AUDIT_KIND_NAMES, type AuditCategory, categoryOf } from '../../../../shared/domain/audit-kinds';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';
import { ftsQuery, searchTextOf } from './search-text';

const DEFAULT_PAGE = 200;
const INDEX_BATCH = 2_000;

/** The kinds of the chosen categories; null (no filter) when none is chosen. */
export function kindsOf(categories: readonly AuditCategory[] | undefined): string[] | null {
  if (!categories || categories.length === 0) return null;
  const chosen = new Set(categories);
  return AUDIT_KIND_NAMES.filter((kind) => chosen.has(categoryOf(kind)));
}

/**
 * Brings the search index up to the newest event. The index is derived, so it is filled when a search needs it
 * rather than on every write: a write stays one small transaction, and events written by any path (an import,
 * an older Peel) become searchable all the same.
 */
export function indexTrailForSearch(ctx: ServiceContext): number {
  let indexed = 0;
  for (;;) {
    const batch = ctx.store.trail.unindexedEvents(ctx.store.trail.searchIndexedUpTo(), INDEX_BATCH);
    if (batch.length === 0) return indexed;
    const descriptions = ctx.store.eventDescriptions.forEvents(batch.map((event) => event.id));
    ctx.store.transaction(() => {
      for (const event of batch)
        ctx.store.trail.putSearchText(
          event.seq,
          searchTextOf(event, descriptions.get(event.id)?.body ?? null),
          event.hash,
        );
    });
    indexed += batch.length;
  }
}

export function withDescriptions(ctx: ServiceContext, events: ResponseOf<'audit.list'>): TrailEvent[] {
  const descriptions = ctx.store.eventDescriptions.forEvents(events.map((event) => event.id));
  return events.map((event) => ({ ...event, description: descriptions.get(event.id) ?? null }));
}

export function queryTrail(
  ctx: ServiceContext,
  request: RequestOf<'audit.query'>,
): ResponseOf<'audit.query'> {
  requireInvestigation(ctx, request.investigationId);
  const upToSeq = request.upToSeq ?? ctx.store.audit.head().seq;
  const match = request.text ? ftsQuery(request.text) : null;
  if (match) indexTrailForSearch(ctx);
  const filter = {
    investigationId: request.investigationId,
    upToSeq,
    kinds: kindsOf(request.categories),
    ruleIds: request.ruleIds && request.ruleIds.length > 0 ? request.ruleIds : null,
    match,
  };
  const offset = request.offset ?? 0;
  const events = ctx.store.trail.page(filter, offset, request.limit ?? DEFAULT_PAGE);
  return { events: withDescriptions(ctx, events), total: ctx.store.trail.count(filter), offset, upToSeq };
}
