// `npm run check:security`: runs Electronegativity over electron/, package.json and the rendered index.html, prints
// every finding, and exits 1 on any HIGH or MEDIUM one (the tool itself exits 0 whatever it finds). It tries the
// network (translations, Electron's release list) and copes offline; a hard time limit keeps it from hanging.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatFindings, judge, type ScanResult, scanResultSchema } from './security-findings';
import { stageScanInput } from './security-scan-input';

const TIME_LIMIT_MS = 45_000;
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/** The Electron version actually installed: Electronegativity judges defaults and fixes by it. */
function installedElectronVersion(): string {
  const manifest = createRequire(import.meta.url).resolve('electron/package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function runChild(input: string, electronVersion: string, output: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(here, 'electronegativity-child.ts'), input, electronVersion, output],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`Electronegativity did not finish within ${TIME_LIMIT_MS / 1000} s; stopped it.\n${log}`),
      );
    }, TIME_LIMIT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // Its own notes ("No connectivity?", missing translations) are worth a line, not a failure.
      const notes = [...new Set(log.split('\n').map((line) => line.trim()))].filter(Boolean);
      for (const note of notes) console.log(`  electronegativity: ${note}`);
      if (code === 0) resolve();
      else reject(new Error(`Electronegativity exited with ${signal ?? code}.`));
    });
  });
}

async function main(): Promise<number> {
  const started = performance.now();
  const stage = stageScanInput(root);
  const outDir = mkdtempSync(join(tmpdir(), 'peel-electronegativity-out-'));
  try {
    const electronVersion = installedElectronVersion();
    const output = join(outDir, 'findings.json');
    await runChild(stage, electronVersion, output);
    const scan: ScanResult = scanResultSchema.parse(JSON.parse(readFileSync(output, 'utf8')));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Electronegativity: ${scan.atomicChecks + scan.globalChecks} checks on electron/, package.json and ` +
        `renderer/index.html (Electron ${electronVersion}), ${scan.findings.length} finding(s), ${seconds} s.`,
    );
    console.log(formatFindings(scan.findings));
    for (const error of scan.errors) {
      console.log(`  ${error.tolerable ? 'warning' : 'error'}: ${error.file}: ${error.message}`);
    }
    const verdict = judge(scan);
    if (!verdict.passed) {
      for (const reason of verdict.reasons) console.error(`check:security: ${reason}`);
      return 1;
    }
    console.log('check:security: no HIGH or MEDIUM findings.');
    return 0;
  } finally {
    rmSync(stage, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`check:security: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
