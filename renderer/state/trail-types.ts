// The trail slice's shape: the timeline's filters, its loaded pages, new events and the chain's verification.
import type { AuditEvent } from '../../shared/contract/entities';
import type { TrailEvent, VerifyResult } from '../../shared/contract/trail-entities';
import type { AuditCategory } from '../../shared/domain/audit-kinds';
import type { RuleId } from '../../shared/domain/rules';

export interface TrailFilters {
  ruleIds: RuleId[];
  categories: AuditCategory[];
  text: string;
}

export interface TrailSlice {
  trailInvestigationId: string | null;
  trailFilters: TrailFilters;
  /** Events matching the filters (null until the first page answers). */
  trailTotal: number | null;
  /** The seq every page is read at, so pages line up while new events arrive. */
  trailUpToSeq: number | null;
  /** Loaded pages by page number (page n holds rows n*TRAIL_PAGE ...). */
  trailPages: Record<number, TrailEvent[]>;
  /** Events of this investigation written after trailUpToSeq: shown as "n new", loaded on request. */
  trailNewEvents: number;
  trailLoading: boolean;
  verifyResult: VerifyResult | null;
  /**
   * The investigation on screen when the chain was verified: the result is shown only with it, so switching to
   * another investigation never leaves the last one's banner up.
   */
  verifiedInvestigationId: string | null;
  verifying: boolean;
  openTrail(investigationId: string): Promise<void>;
  setTrailFilters(change: Partial<TrailFilters>): Promise<void>;
  /** Fetches the pages covering rows first..last that are not loaded or on their way. */
  loadTrailRows(first: number, last: number): Promise<void>;
  /** Reloads from the newest event, taking in what arrived since. */
  refreshTrail(): Promise<void>;
  receiveTrailEvent(event: AuditEvent): void;
  describeEvent(eventId: string, body: string): Promise<boolean>;
  jumpToEvent(event: TrailEvent): void;
  verifyAudit(): Promise<void>;
  dismissVerifyResult(): void;
}
