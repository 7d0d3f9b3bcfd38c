// The exchange slice's shape: exporting the open investigation, importing bundles and what an import is.
import type { AuditEvent } from '../../shared/contract/entities';
import type { ExchangeMark, ExchangeStatus, ExportFormat } from '../../shared/contract/exchange-entities';

export interface ExchangeSlice {
  /** Import and branch status of the open investigation. */
  exchange: ExchangeStatus | null;
  exchangeMarks: Record<string, ExchangeMark>;
  exporting: ExportFormat | null;
  importing: boolean;
  importProblem: string | null;
  importedTrail: AuditEvent[];
  loadExchange(investigationId: string): Promise<void>;
  loadExchangeMarks(): Promise<void>;
  exportInvestigation(format: ExportFormat): Promise<void>;
  importBundle(text: string, fileName?: string): Promise<boolean>;
  clearImportProblem(): void;
  loadImportedTrail(): Promise<void>;
  continueImported(): Promise<void>;
}
