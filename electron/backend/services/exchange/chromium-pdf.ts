// Prints an HTML file to PDF with headless Chromium (the command line's PDF export, and browser mode's, where no
// Electron printToPDF exists): Debian's /usr/bin/chromium or whatever PEEL_CHROMIUM names, a fresh profile each
// time, no network, no header or footer lines.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileWhole } from './export-file';

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

function chromiumArgs(profile: string, htmlPath: string, pdfPath: string): string[] {
  return [
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
  ];
}

function isPdf(pdfPath: string): boolean {
  return existsSync(pdfPath) && readFileSync(pdfPath).subarray(0, 5).toString() === '%PDF-';
}

function printFailed(chromium: string, status: number | null, output: string): Error {
  const tail = output.trim().split('\n').slice(-5).join('\n');
  return new Error(`Chromium (${chromium}) did not print the PDF (exit ${status ?? 'none'}):\n${tail}`);
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
    const result = spawnSync(chromium, chromiumArgs(profile, htmlPath, pdfPath), {
      encoding: 'utf8',
      timeout: timeoutMs,
    });
    if (result.status !== 0 || !isPdf(pdfPath)) {
      throw printFailed(chromium, result.status, `${result.error?.message ?? ''}\n${result.stderr ?? ''}`);
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * Prints an HTML document (the report's text) to `pdfPath` without blocking the process: the browser-mode host
 * answers other calls while Chromium prints. Throws with Chromium's own output when it fails.
 */
export async function printReportToPdf(
  chromium: string,
  /** The report's text, whole or as the pieces of a streamed export (written to a scratch file as they come). */
  html: string | AsyncIterable<string | Uint8Array>,
  pdfPath: string,
  timeoutMs = 120_000,
): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'peel-chromium-'));
  const profile = join(scratch, 'profile');
  const htmlPath = join(scratch, 'report.html');
  try {
    await writeFileWhole(htmlPath, typeof html === 'string' ? [html] : html);
    const { status, output } = await new Promise<{ status: number | null; output: string }>((done) => {
      let output = '';
      const child = spawn(chromium, chromiumArgs(profile, htmlPath, pdfPath), {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const timer = setTimeout(() => {
        output += `\nno PDF after ${Math.round(timeoutMs / 1000)} s: stopped`;
        child.kill('SIGKILL');
      }, timeoutMs);
      child.stderr?.on('data', (chunk) => {
        output = `${output}${String(chunk)}`.slice(-20_000);
      });
      child.on('error', (error) => {
        clearTimeout(timer);
        done({ status: null, output: `${output}\n${error.message}` });
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        done({ status: code, output });
      });
    });
    if (status !== 0 || !isPdf(pdfPath)) throw printFailed(chromium, status, output);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
