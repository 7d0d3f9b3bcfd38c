// The bundle-import slice's shape: an import from a file on disk running in the background (one at a time), with
// its progress, and why the last one imported nothing.
export interface BundleImportJob {
  jobId: string;
  fileName: string;
  fraction: number;
  message: string;
}

export interface BundleImportSlice {
  bundleJob: BundleImportJob | null;
  bundleJobProblem: string | null;
  importBundleFile(path: string): Promise<void>;
  cancelBundleImport(): Promise<void>;
  receiveBundleProgress(payload: {
    jobId: string;
    fileName: string;
    fraction: number;
    message: string;
  }): void;
  receiveBundleFinished(payload: {
    jobId: string;
    fileName: string;
    investigationId: string | null;
    error: { code: string; message: string } | null;
  }): void;
}
