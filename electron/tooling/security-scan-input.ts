// Builds the folder Electronegativity scans: electron/ as it is, package.json (Electron version, fuses/flags), and
// renderer/index.html with its CSP <meta> filled in the way Vite's build fills it. The scanner only recognises a
// CSP written in HTML or in onHeadersReceived, not the header app-protocol.ts sends, so it must see the <meta>.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/content-security-policy';

const CSP_PLACEHOLDER = '%PEEL_CSP%';

/** The policy as the <meta> carries it (renderer/vite.config.ts drops frame-ancestors, which only works as a header). */
export function metaContentSecurityPolicy(policy: string = CONTENT_SECURITY_POLICY): string {
  return policy
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
}

export function renderIndexHtml(source: string): string {
  if (!source.includes(CSP_PLACEHOLDER)) {
    throw new Error(
      `renderer/index.html has no ${CSP_PLACEHOLDER} placeholder: the scan would miss Peel's CSP`,
    );
  }
  return source.replace(CSP_PLACEHOLDER, metaContentSecurityPolicy());
}

/** Copies the scan input into a new temporary folder and returns its path; the caller removes it. */
export function stageScanInput(root: string): string {
  const stage = mkdtempSync(join(tmpdir(), 'peel-electronegativity-'));
  cpSync(join(root, 'electron'), join(stage, 'electron'), { recursive: true });
  cpSync(join(root, 'package.json'), join(stage, 'package.json'));
  mkdirSync(join(stage, 'renderer'));
  const html = readFileSync(join(root, 'renderer', 'index.html'), 'utf8');
  writeFileSync(join(stage, 'renderer', 'index.html'), renderIndexHtml(html));
  return stage;
}
