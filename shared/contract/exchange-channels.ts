// Handing an investigation over: exports (Markdown, HTML, PDF, CSV, JSON bundle) and importing a bundle, which
// recreates the investigation read-only and lets a colleague continue it in a branch of their own.
import { z } from 'zod';
import { channel } from './channel';
import { AuditEvent, Id, Investigation, trailPageRequest } from './entities';
import {
  ExchangeMark,
  ExchangeStatus,
  ExportFormat,
  ImportInfo,
  RenderedExport,
  SavedExport,
  TextExportFormat,
} from './exchange-entities';
import { LIMITS } from './limits';
import { text } from './text-schemas';

export const exchangeChannels = {
  'exports.render': channel(
    () =>
      z.strictObject({
        investigationId: Id,
        format: TextExportFormat,
        /** "print": the HTML is for the browser's print (recorded as a PDF export). */
        purpose: z.enum(['download', 'print']).optional(),
      }),
    () => RenderedExport,
    'Render an export (Markdown with its graph files, HTML, CSV or the JSON bundle) and record it in the trail.',
  ),
  'exports.save': channel(
    () => z.strictObject({ investigationId: Id, format: ExportFormat }),
    () => SavedExport,
    'Desktop app: ask where to save, write the export there (PDF printed from the HTML) and record it. ' +
      "Browser mode, PDF only: print it with headless Chromium into the data folder's exports/ and return it to download.",
  ),
  'bundles.import': channel(
    () =>
      z.strictObject({
        text: z
          .string()
          .max(
            LIMITS.bundleChars,
            `bundle is too large: the limit is ${LIMITS.bundleChars.toLocaleString('en-US')} characters`,
          ),
        /** The file it came from, for messages. */
        fileName: text('file name', 260).optional(),
      }),
    () => ImportInfo,
    'Import a JSON bundle: verified in full (schema, version, chain) before anything is written; read-only once in.',
  ),
  'bundles.importFile': channel(
    () => z.strictObject({ path: z.string().min(1).max(4000) }),
    () => z.object({ jobId: Id, fileName: z.string() }),
    'Import a JSON bundle from a file on disk in the background (streamed; one import at a time); progress and the result are pushed.',
  ),
  'bundles.cancelImport': channel(
    () => z.strictObject({ jobId: Id }),
    () => z.object({ cancelled: z.boolean() }),
    'Stop the bundle import in progress before it writes anything.',
  ),
  'imports.status': channel(
    () => z.strictObject({ investigationId: Id }),
    () => ExchangeStatus,
    'Whether an investigation was imported (where from, its hand-over, its chain checked again) or continues one.',
  ),
  'imports.marks': channel(
    () => z.strictObject({}),
    () => z.array(ExchangeMark),
    'Which investigations are imported or continue an import, for the list.',
  ),
  'imports.trail': channel(
    trailPageRequest,
    () => z.array(AuditEvent),
    "An imported investigation's own audit trail as it arrived, newest first, a page at a time.",
  ),
  'imports.continue': channel(
    () => z.strictObject({ investigationId: Id, title: text('title', LIMITS.titleLength).optional() }),
    () => Investigation,
    'Continue an imported investigation in a new local one: its records carried over, its experiments as parents.',
  ),
} as const;
