import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, REPORT_STYLE_SHA256 } from '../contract/content-security-policy';
import { REPORT_CSS } from './report-css';

describe('the report stylesheet and the CSP', () => {
  it('allows exactly the report stylesheet by its hash (update REPORT_STYLE_SHA256 when the CSS changes)', () => {
    expect(createHash('sha256').update(REPORT_CSS, 'utf8').digest('base64')).toBe(REPORT_STYLE_SHA256);
    expect(CONTENT_SECURITY_POLICY).toContain(`style-src 'self' 'sha256-${REPORT_STYLE_SHA256}'`);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });
});
