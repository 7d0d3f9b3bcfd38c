// The Content-Security-Policy every Peel page is served with (as a header, and as a <meta> copy in index.html):
// only Peel's own scripts, styles and fonts; no inline script, no eval, no remote anything, no framing. One inline
// style is allowed by its hash: the exported HTML report's stylesheet, because a report opened from Peel for the
// browser's print (a blob: tab) inherits this policy and must still be laid out for paper.

/** base64 SHA-256 of shared/report/report-css.ts's REPORT_CSS (a test recomputes it: update both together). */
export const REPORT_STYLE_SHA256 = 'L9hZU+/pXwhcKELydf/W8fe8uKZ3ydW295uNie3hA5Y=';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self' 'sha256-${REPORT_STYLE_SHA256}'`,
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
