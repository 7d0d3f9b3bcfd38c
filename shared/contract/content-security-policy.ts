// The Content-Security-Policy every Peel page is served with (as a header, and as a <meta> copy in index.html):
// only Peel's own scripts, styles and fonts; no inline script, no eval, no remote anything, no framing.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
