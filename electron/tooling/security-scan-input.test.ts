import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { metaContentSecurityPolicy, renderIndexHtml, stageScanInput } from './security-scan-input';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('metaContentSecurityPolicy', () => {
  it('keeps every directive but frame-ancestors, which a <meta> cannot carry', () => {
    expect(metaContentSecurityPolicy("default-src 'none'; frame-ancestors 'none'; script-src 'self'")).toBe(
      "default-src 'none'; script-src 'self'",
    );
  });
});

describe('renderIndexHtml', () => {
  it('refuses a page without the CSP placeholder rather than scanning a page with no policy', () => {
    expect(() => renderIndexHtml('<html><head></head></html>')).toThrow(/PEEL_CSP/);
  });
});

describe('stageScanInput', () => {
  it("stages electron/, package.json and index.html with Peel's CSP in its <meta>", () => {
    const stage = stageScanInput(root);
    try {
      expect(existsSync(join(stage, 'electron', 'main', 'main.ts'))).toBe(true);
      expect(existsSync(join(stage, 'package.json'))).toBe(true);
      const html = readFileSync(join(stage, 'renderer', 'index.html'), 'utf8');
      expect(html).toContain(`content="${metaContentSecurityPolicy()}"`);
      expect(html).toContain("script-src 'self'");
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
  });
});
