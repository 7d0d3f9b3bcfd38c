// `npm run export -- --db FILE --investigation ID --format md|html|pdf|csv|json --out PATH`: the same exports as
// the app, without the UI. Opens the database read-only (so nothing is recorded in its trail); the PDF is the HTML
// printed by headless Chromium. Exit 0: written; 1: the export failed (e.g. no Chromium for a PDF); 2: bad
// arguments, a database that cannot be opened, or an unknown investigation (the message names the argument).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ExportFormat, type TextExportFormat } from '../../shared/contract/exchange-entities';
import { currentUserName } from '../backend/backend';
import { createServiceContext } from '../backend/services/context';
import { findChromium, printHtmlToPdf } from '../backend/services/exchange/chromium-pdf';
import { writeExportFiles, writeFileWhole } from '../backend/services/exchange/export-file';
import { exportFileName, prepareExport } from '../backend/services/exchange/render-export';
import { exportMeta } from '../backend/services/exchange/report-data';
import { openStore, type PeelStore } from '../backend/store/store';
import { createLabRuntime } from '../backend/workers/lab-runtime';
import { inProcessRunner } from '../backend/workers/simulation-runner';

const USAGE =
  'usage: npm run export -- --db FILE --investigation ID --format md|html|pdf|csv|json --out PATH\n' +
  '  --db             the Peel database (opened read-only)\n' +
  '  --investigation  the investigation id (see the list this prints when it is wrong)\n' +
  '  --format         md (with a <name>-assets folder of graphs), html, pdf (needs Chromium), csv (audit events), json (bundle)\n' +
  '  --out            the file to write, or an existing folder to write it into';

class UsageError extends Error {}

interface Args {
  db: string;
  investigation: string;
  format: ExportFormat;
  out: string;
}

function parseArgs(argv: readonly string[]): Args {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!['--db', '--investigation', '--format', '--out'].includes(arg)) {
      throw new UsageError(`unknown argument '${arg}'`);
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg}: expects a value`);
    values.set(arg, value);
    i++;
  }
  for (const flag of ['--db', '--investigation', '--format', '--out']) {
    if (!values.has(flag)) throw new UsageError(`${flag} is required`);
  }
  const format = ExportFormat.safeParse(values.get('--format'));
  if (!format.success) {
    throw new UsageError(
      `--format: '${values.get('--format')}' is not one of ${ExportFormat.options.join(', ')}`,
    );
  }
  const db = values.get('--db')!;
  if (!existsSync(db)) throw new UsageError(`--db: there is no file ${db}`);
  return {
    db,
    investigation: values.get('--investigation')!,
    format: format.data,
    out: values.get('--out')!,
  };
}

function peelVersion(): string {
  try {
    return (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    ).version;
  } catch {
    return 'unknown';
  }
}

function requireKnownInvestigation(store: PeelStore, args: Args): void {
  if (store.investigations.get(args.investigation)) return;
  const known = store.investigations
    .list()
    .slice(0, 20)
    .map((i) => `  ${i.id}  ${i.title}`)
    .join('\n');
  throw new UsageError(
    `--investigation: there is no investigation '${args.investigation}' in ${args.db}${known ? `; it holds:\n${known}` : ' (it holds none)'}`,
  );
}

/** --out names the file, or a folder (an existing one, or any path ending in a slash) to write it into. */
function outputPath(args: Args, title: string): string {
  const out = resolve(args.out);
  const folder = /[\\/]$/.test(args.out) || (existsSync(out) && statSync(out).isDirectory());
  if (!folder) return out;
  mkdirSync(out, { recursive: true });
  return join(out, exportFileName(title, args.format));
}

async function main(): Promise<number> {
  let args: Args;
  let store: PeelStore;
  try {
    args = parseArgs(process.argv.slice(2));
    store = openStore(args.db, { readonly: true });
  } catch (error) {
    console.error(`export: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  try {
    requireKnownInvestigation(store, args);
    const ctx = createServiceContext(store, {
      user: currentUserName(),
      lab: createLabRuntime(inProcessRunner),
    });
    const meta = exportMeta(ctx, peelVersion(), 'cli');
    const title = store.investigations.get(args.investigation)!.title;
    const path = outputPath(args, title);
    if (args.format === 'pdf') {
      const chromium = findChromium();
      if (!chromium.path) {
        console.error(
          `export: --format pdf needs Chromium to print the HTML report, and none was found (looked at ${chromium.looked.join(', ')}). ` +
            'Install Chromium or set PEEL_CHROMIUM to its path; or export --format html and print it from a browser.',
        );
        return 1;
      }
      const prepared = await prepareExport(ctx, args.investigation, 'html', meta);
      const scratch = mkdtempSync(join(tmpdir(), 'peel-export-'));
      try {
        const html = join(scratch, 'report.html');
        await writeFileWhole(html, prepared.text());
        printHtmlToPdf(chromium.path, html, path);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
      console.log(path);
    } else {
      const name = path.split(/[\\/]/).pop()!;
      const prepared = await prepareExport(
        ctx,
        args.investigation,
        args.format as TextExportFormat,
        meta,
        name,
      );
      for (const file of (await writeExportFiles(path, prepared)).files) console.log(file);
    }
    const head = store.audit.head();
    console.error(`export: ended with chain head ${head.seq} ${head.hash}`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`export: ${error.message}`);
      return 2;
    }
    console.error(`export: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    store.close();
  }
}

main().then((code) => {
  process.exitCode = code;
});
