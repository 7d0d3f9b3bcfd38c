// Prints an HTML file to PDF with headless Chromium (the command line's PDF export): Debian's /usr/bin/chromium or
// whatever PEEL_CHROMIUM names, a fresh profile each time, no network, no header or footer lines.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export interface ChromiumLookup {
  path: string | null;
  /** Every place looked at, for the message when none is there. */
  looked: string[];
}

export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  candidates: readonly string[] = CANDIDATES,
): ChromiumLookup {
  const looked = [...(env.PEEL_CHROMIUM ? [env.PEEL_CHROMIUM] : []), ...candidates];
  return { path: looked.find((candidate) => existsSync(candidate)) ?? null, looked };
}

/** Prints `htmlPath` to `pdfPath`; throws with Chromium's own output when it fails. */
export function printHtmlToPdf(
  chromium: string,
  htmlPath: string,
  pdfPath: string,
  timeoutMs = 120_000,
): void {
  const profile = mkdtempSync(join(tmpdir(), 'peel-chromium-'));
  try {
    const result = spawnSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        `--user-data-dir=${profile}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${pdfPath}`,
        pathToFileURL(htmlPath).href,
      ],
      { encoding: 'utf8', timeout: timeoutMs },
    );
    const ok =
      result.status === 0 &&
      existsSync(pdfPath) &&
      readFileSync(pdfPath).subarray(0, 5).toString() === '%PDF-';
    if (!ok) {
      const output = `${result.error?.message ?? ''}\n${result.stderr ?? ''}`
        .trim()
        .split('\n')
        .slice(-5)
        .join('\n');
      throw new Error(
        `Chromium (${chromium}) did not print the PDF (exit ${result.status ?? 'none'}):\n${output}`,
      );
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
