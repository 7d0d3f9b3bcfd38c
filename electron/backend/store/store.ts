// The store: one open database and one module per aggregate. The only place in Peel that speaks SQL.
import type Database from 'better-sqlite3';
import { createAuditChainStore } from './audit-chain-store';
import { createAuditStore } from './audit-store';
import { createBundleStore } from './bundle-store';
import { createChecklistStore } from './checklist-store';
import { type OpenOptions, openDatabase } from './database';
import { createEventDescriptionsStore } from './event-descriptions-store';
import { createExperimentsStore } from './experiments-store';
import { createHypothesesStore } from './hypotheses-store';
import { createHypothesisRevisionsStore } from './hypothesis-revisions-store';
import { createImportStagingStore } from './import-staging-store';
import { createImportsStore } from './imports-store';
import { createInvestigationsStore } from './investigations-store';
import { createMetricImportsStore } from './metric-imports-store';
import { createNotesStore } from './notes-store';
import { createRunsStore } from './runs-store';
import { createTrailStore } from './trail-store';
import { createTrainingStore } from './training-store';

export type PeelStore = ReturnType<typeof createStore>;

function createStore(db: Database.Database, path: string) {
  const runs = createRunsStore(db);
  return {
    path,
    db,
    schemaVersion: () => db.pragma('user_version', { simple: true }) as number,
    /** Runs `work` in one transaction (nested calls join the outer one): all of it commits, or none. */
    transaction<T>(work: () => T): T {
      try {
        return db.transaction(work)();
      } finally {
        // Committed or rolled back: the runs it wrote are read once more, so run lists never carry them twice.
        if (!db.inTransaction) runs.settle();
      }
    },
    /**
     * Runs `work` in one transaction committed without its own sync of the log. Only for writes that nothing
     * acknowledges yet and that a later ordinary (synchronous=FULL) commit makes durable: in WAL mode that commit
     * syncs the whole log file, these frames included. Used to write a run's series ahead of the run's record.
     */
    transactionUnsynced<T>(work: () => T): T {
      db.pragma('synchronous = NORMAL');
      try {
        return db.transaction(work)();
      } finally {
        db.pragma('synchronous = FULL');
      }
    },
    close: () => db.close(),
    investigations: createInvestigationsStore(db),
    checklist: createChecklistStore(db),
    notes: createNotesStore(db),
    hypotheses: createHypothesesStore(db),
    audit: createAuditStore(db),
    experiments: createExperimentsStore(db),
    runs,
    bundles: createBundleStore(db),
    imports: createImportsStore(db),
    importStaging: createImportStagingStore(db),
    auditChain: createAuditChainStore(db),
    hypothesisRevisions: createHypothesisRevisionsStore(db),
    eventDescriptions: createEventDescriptionsStore(db),
    trail: createTrailStore(db),
    metricImports: createMetricImportsStore(db),
    training: createTrainingStore(db),
  };
}

export function openStore(path: string, options: OpenOptions = {}): PeelStore {
  return createStore(openDatabase(path, options), path);
}
