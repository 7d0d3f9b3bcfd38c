// Schemas of handing an investigation over: the hand-over summary (what is ruled out, what is next), export results,
// and what Peel keeps about an imported investigation and the local branches that continue it.
import { z } from 'zod';
import { EpochMs, Id, InvestigationStatus } from './entities';

export const Sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hash: 64 lower-case hex digits')
  .describe('SHA-256, 64 lower-case hex digits');

export const ChainHead = z
  .strictObject({
    count: z
      .number()
      .int()
      .nonnegative()
      .describe('Events in the database chain up to and including the head (the head event’s seq).'),
    hash: Sha256Hex.describe('Hash of the head event (64 zeros for an empty chain).'),
  })
  .describe('The head of the database’s audit chain when the export was written.');
export type ChainHead = z.infer<typeof ChainHead>;

const Finding = z.strictObject({
  statement: z.string(),
  reason: z.string().nullable().describe('Why, as recorded when its fate was decided.'),
  runSeq: z.number().int().nullable().describe('The run that decided it (its number in the investigation).'),
});

const OperatorFinding = z.strictObject({
  operator: z.string(),
  layer: z.string(),
  reason: z.string().describe('The runs that show it ("ran without a leak in run #4").'),
});

export const Handover = z
  .strictObject({
    status: InvestigationStatus,
    resolution: z
      .strictObject({ at: EpochMs, by: z.string(), reason: z.string() })
      .nullable()
      .describe('How it was resolved, when it is.'),
    ruledOut: z
      .strictObject({
        hypotheses: z.array(Finding).describe('Refuted hypotheses.'),
        operators: z.array(OperatorFinding).describe('Operators the lab’s coverage map cleared.'),
      })
      .describe('What has been ruled out, and on what evidence.'),
    established: z.array(Finding).describe('Supported hypotheses.'),
    implicated: z
      .array(OperatorFinding)
      .describe('Operators present in every leaking run and absent from clean ones.'),
    suspects: z.array(z.string()).describe('Operators not yet cleared.'),
    openHypotheses: z.array(z.string()),
    nextStep: z
      .strictObject({ ruleId: z.string(), title: z.string(), detail: z.string() })
      .describe('The next step Peel suggests from where the investigation stands.'),
  })
  .describe('The hand-over summary: read first by whoever picks the investigation up.');
export type Handover = z.infer<typeof Handover>;

export const TextExportFormat = z.enum(['md', 'html', 'csv', 'json']);
export type TextExportFormat = z.infer<typeof TextExportFormat>;
export const ExportFormat = z.enum(['md', 'html', 'pdf', 'csv', 'json']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportAsset = z.object({
  /** Relative to the main file, e.g. `worked-example-assets/run-3-direct.svg`. */
  path: z.string(),
  mimeType: z.string(),
  text: z.string(),
});
export type ExportAsset = z.infer<typeof ExportAsset>;

export const RenderedExport = z.object({
  format: TextExportFormat,
  fileName: z.string(),
  mimeType: z.string(),
  text: z.string(),
  /** Files that go beside the main one (the Markdown postmortem's graphs). */
  assets: z.array(ExportAsset),
  head: ChainHead,
  bytes: z.number().int(),
});
export type RenderedExport = z.infer<typeof RenderedExport>;

export const SavedExport = z.object({
  format: ExportFormat,
  /** False when the person cancelled the save dialog (nothing was written or recorded). */
  saved: z.boolean(),
  path: z.string().nullable(),
  files: z.array(z.string()),
  head: ChainHead.nullable(),
  bytes: z.number().int(),
  /** Browser mode's PDF: the file's bytes (base64), for the page to offer as a download of what was saved. */
  pdfBase64: z.string().optional(),
});
export type SavedExport = z.infer<typeof SavedExport>;

export const ChainCheck = z.object({
  ok: z.boolean(),
  /** Links checked (hash-only links of other investigations included). */
  links: z.number().int(),
  /** This investigation's events whose content was re-hashed. */
  events: z.number().int(),
  message: z.string(),
});
export type ChainCheck = z.infer<typeof ChainCheck>;

export const ImportInfo = z.object({
  investigationId: Id,
  originalId: z.string(),
  title: z.string(),
  exportedBy: z.string(),
  exportedAt: EpochMs,
  exportedFrom: z.object({ app: z.string(), version: z.string(), host: z.string(), database: z.string() }),
  /** The event of its chain that recorded this export (who, when, from where); null when the bundle was written by
   * the command line, which records nothing, so `exportedBy` is only what the file says. */
  exportRecorded: z.object({ seq: z.number().int().positive() }).nullable(),
  importedBy: z.string(),
  importedAt: EpochMs,
  head: ChainHead,
  eventCount: z.number().int(),
  bundleSha256: Sha256Hex,
  handover: Handover,
  /** The stored chain, verified again when read. */
  chain: ChainCheck,
  branches: z.array(
    z.object({ investigationId: Id, title: z.string(), createdAt: EpochMs, createdBy: z.string() }),
  ),
});
export type ImportInfo = z.infer<typeof ImportInfo>;

export const BranchInfo = z.object({
  investigationId: Id,
  importedInvestigationId: Id,
  importedTitle: z.string(),
  importedHead: ChainHead,
  exportedBy: z.string(),
  createdAt: EpochMs,
  createdBy: z.string(),
});
export type BranchInfo = z.infer<typeof BranchInfo>;

export const ExchangeStatus = z.object({
  /** Set when the investigation was imported from a bundle: it is read-only. */
  imported: ImportInfo.nullable(),
  /** Set when the investigation continues an imported one. */
  branch: BranchInfo.nullable(),
});
export type ExchangeStatus = z.infer<typeof ExchangeStatus>;

export const ExchangeMark = z.object({
  investigationId: Id,
  kind: z.enum(['imported', 'branch']),
  /** "imported from alice" / "continues alice's investigation". */
  label: z.string(),
});
export type ExchangeMark = z.infer<typeof ExchangeMark>;
