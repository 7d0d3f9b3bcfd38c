// How the browser host carries the contract over HTTP: one POST per call, a server-sent event stream for pushes,
// and the per-start token in a header on every API request.
export const TOKEN_HEADER = 'x-peel-token';
export const CALL_PATH_PREFIX = '/api/call/';
export const EVENTS_PATH = '/api/events';
/**
 * Browser mode's way to import a large metrics file: its bytes POSTed as the body (streamed to a temporary file on
 * the host, never read whole), `investigationId` and `name` in the query; answers `{ok, value: {jobId}}` and the
 * import then runs as a background job with progress and cancel. The desktop app opens files by path instead.
 */
export const UPLOAD_METRICS_PATH = '/api/upload/metrics';
/**
 * Browser mode's export download: GET with `investigationId` and `format` (md, html, csv, json) in the query and the
 * token header; the answer is the file itself, streamed as it is read (a Markdown export is a ZIP of the .md and
 * its graphs), named by Content-Disposition, with the chain head it was read at in EXPORT_HEAD_HEADER ("count
 * hash"). A refusal before the first byte is a JSON envelope with an error status.
 */
export const EXPORT_DOWNLOAD_PATH = '/api/download/export';
export const EXPORT_HEAD_HEADER = 'x-peel-export-head';
