// What the main thread and the bundle check's thread (bundle-check-worker.ts) say to each other.
import type { PeelErrorShape } from '../../../shared/contract/errors';
import type { ReadBundle } from '../services/exchange/bundle-check';
import type { CarriedRun } from '../services/exchange/carried-series';

/** A bundle to check: its text (an import sent as text) or its bytes, transferred (a file read from disk). */
export interface BundleCheckRequest {
  jobId: number;
  text?: string;
  bytes?: Uint8Array;
  fileName?: string;
}

export type BundleCheckReply =
  | {
      jobId: number;
      ok: true;
      /** The bundle parsed and checked up to its records; carried runs' base64 and events left out (see `carried`). */
      read: ReadBundle;
      carried: Map<string, CarriedRun>;
      /** The text's SHA-256, when it was sent as text. */
      sha256: string | null;
    }
  | { jobId: number; ok: false; error: PeelErrorShape };
