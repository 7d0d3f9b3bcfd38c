// The real-incident slice's shape: the real config checked last, the metrics imported into the open investigation,
// the background import in progress (file, Prometheus query, follow) and which runs are real experiments.
import type { RequestOf } from '../../shared/contract/channels';
import type { ConfigCheckView, MetricImport, RealRunInfo } from '../../shared/contract/real-entities';

export interface ImportJobState {
  jobId: string;
  kind: 'file' | 'prometheus' | 'follow';
  fraction: number | null;
  message: string;
}

type WithoutInvestigation<
  C extends 'real.checkConfig' | 'real.queryPrometheus' | 'real.follow' | 'experiments.logReal',
> = Omit<RequestOf<C>, 'investigationId'>;

export interface RealSlice {
  realInvestigationId: string | null;
  configCheck: ConfigCheckView | null;
  metricImports: MetricImport[];
  realRuns: RealRunInfo[];
  importJob: ImportJobState | null;
  /** The last import job's failure, shown beside the import form until the next one. */
  importError: string | null;
  loadReal(investigationId: string): Promise<void>;
  checkRealConfig(request: WithoutInvestigation<'real.checkConfig'>): Promise<boolean>;
  importMetricsText(fileName: string, text: string): Promise<boolean>;
  importMetricsFile(path: string): Promise<boolean>;
  /** Browser mode: a file too large to send as text, uploaded as a stream (progress, cancel) and imported from disk. */
  uploadMetricsFile(file: File): Promise<boolean>;
  /** Desktop app: the native open dialog (in the main process), then the file streamed from disk by path. */
  openMetricsFile(): Promise<boolean>;
  queryPrometheus(request: WithoutInvestigation<'real.queryPrometheus'>): Promise<boolean>;
  followPrometheus(request: WithoutInvestigation<'real.follow'>): Promise<boolean>;
  cancelImport(): Promise<void>;
  logRealExperiment(request: WithoutInvestigation<'experiments.logReal'>): Promise<boolean>;
  /** Starts a simulation with the checked config's keys, derived from the selected experiment. */
  simulateWithConfig(config: Record<string, string>): Promise<boolean>;
  receiveImportProgress(payload: { jobId: string; fraction: number | null; message: string }): void;
  receiveImportFinished(payload: {
    jobId: string;
    investigationId: string;
    importId: string | null;
    error: { code: string; message: string } | null;
  }): void;
}
