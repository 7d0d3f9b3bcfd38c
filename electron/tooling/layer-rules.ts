// Peel's dependency rules as a table (shared -> nothing, renderer -> shared, electron -> shared; only the Electron
// edges import 'electron'; the simulator never reads the clock), and the function that checks one scanned file.
import { isBuiltin } from 'node:module';
import { posix } from 'node:path';
import type { ScannedFile } from './import-scan';

/** What an import points at: a folder of this repository, a Node builtin, or an npm package. */
export type ImportTarget =
  | { kind: 'layer'; layer: string; path: string }
  | { kind: 'builtin'; name: string }
  | { kind: 'package'; name: string };

interface FileScope {
  /** Folder prefix the rule covers, e.g. 'shared/'. */
  under: string;
  /** Exact paths inside that folder the rule does not cover, each with its reason in the rule table. */
  except?: readonly string[];
  /** Whether foo.test.ts files are covered too. */
  tests: boolean;
}

export interface LayerRule {
  id: string;
  scope: FileScope;
  /** Layers (top-level folders) the files may not import from. */
  forbiddenLayers?: readonly string[];
  /** Folders (path prefixes ending in '/') inside a layer that the files may not import from. */
  forbiddenFolders?: readonly string[];
  /** Files in a forbidden layer that test files (only) may still import, without extension. */
  testsMayImport?: readonly string[];
  /** npm packages (and their subpaths) the files may not import. */
  forbiddenPackages?: readonly string[];
  forbidNodeBuiltins?: boolean;
  /** Globals that make code nondeterministic (see import-scan's GlobalUse names). */
  forbidClockAndRandom?: boolean;
  /** Shown with every violation: the rule in words. */
  rule: string;
}

/**
 * electron/ is split by where code runs, and the layer is read from the folder (VS Code's electron-main /
 * electron-sandbox split): main/ is Electron's main process and preload, the only code that imports 'electron';
 * backend/ is the core both hosts run (Electron and browser mode); cli/, bench/ and tooling/ are command-line
 * programs on top of it.
 */
export const ELECTRON_MAIN = 'electron/main/';
export const ELECTRON_BACKEND = 'electron/backend/';
const ELECTRON_PROGRAMS = [
  'electron/main/',
  'electron/cli/',
  'electron/bench/',
  'electron/tooling/',
] as const;

const NODE_OR_UI_PACKAGES = ['electron', 'better-sqlite3', 'react', 'react-dom'] as const;

export const LAYER_RULES: readonly LayerRule[] = [
  {
    id: 'shared-imports-no-app-layer',
    scope: { under: 'shared/', tests: true },
    forbiddenLayers: ['electron', 'renderer'],
    rule: 'shared/ is used by both sides, so it imports nothing from electron/ or renderer/',
  },
  {
    id: 'shared-is-portable',
    scope: { under: 'shared/', tests: false },
    forbiddenPackages: NODE_OR_UI_PACKAGES,
    forbidNodeBuiltins: true,
    rule: 'shared/ runs in Node and in the browser, so it uses no Node builtin, electron, better-sqlite3 or React',
  },
  {
    id: 'sim-is-pure',
    scope: { under: 'shared/sim/', tests: false },
    forbidClockAndRandom: true,
    rule: 'the simulator is pure: seeded PRNG and simulated time, never Math.random, Date or performance.now',
  },
  {
    id: 'renderer-not-electron',
    scope: { under: 'renderer/', tests: true },
    forbiddenLayers: ['electron'],
    // The slice tests drive the real services over the contract (real SQLite, fixed clock) instead of a mock;
    // that harness is test-only and never reaches the bundle. Nothing else in electron/ is open to them.
    testsMayImport: ['electron/backend/services/test-backend', 'electron/backend/services/lab/test-lab'],
    forbiddenPackages: ['electron', 'better-sqlite3'],
    rule: 'renderer/ reaches the backend only through the contract (window.peel or HTTP), never electron/ code',
  },
  {
    id: 'renderer-is-browser-code',
    // vite.config.ts is the renderer's build script: it runs in Node, never in the page.
    scope: { under: 'renderer/', except: ['renderer/vite.config.ts'], tests: false },
    forbidNodeBuiltins: true,
    rule: 'renderer/ is browser code and cannot use Node builtins',
  },
  {
    id: 'electron-module-at-edges',
    scope: { under: 'electron/', except: [ELECTRON_MAIN], tests: true },
    forbiddenPackages: ['electron'],
    rule: `only ${ELECTRON_MAIN} imports 'electron'; backend, cli, bench and tooling run in plain Node`,
  },
  {
    id: 'backend-is-the-core',
    scope: { under: ELECTRON_BACKEND, tests: true },
    forbiddenFolders: ELECTRON_PROGRAMS,
    rule: `${ELECTRON_BACKEND} is the core both hosts run: it imports nothing from electron/main, cli, bench or tooling`,
  },
  {
    id: 'state-not-features',
    scope: { under: 'renderer/state/', tests: false },
    forbiddenFolders: ['renderer/features/'],
    rule: 'renderer/state/ holds the store and its actions; features render it, so state imports no feature folder',
  },
  {
    id: 'charts-are-a-library',
    scope: { under: 'renderer/charts/', tests: true },
    forbiddenFolders: ['renderer/features/', 'renderer/state/'],
    rule: 'renderer/charts/ is a charting library: it knows series and events, not features or the store',
  },
  {
    id: 'electron-not-renderer',
    scope: { under: 'electron/', tests: true },
    forbiddenLayers: ['renderer'],
    rule: 'dependencies point one way: electron/ uses shared/, never renderer/ code',
  },
];

export interface Violation {
  path: string;
  line: number;
  ruleId: string;
  message: string;
}

/** A test, or a test's support file (`foo.test-support.ts`: set-up shared by tests, never imported by app code). */
export function isTestFile(path: string): boolean {
  return /\.test(-support)?\.[cm]?[jt]sx?$/.test(path);
}

function inScope(path: string, scope: FileScope): boolean {
  if (!path.startsWith(scope.under)) return false;
  if (scope.except?.some((except) => (except.endsWith('/') ? path.startsWith(except) : path === except)))
    return false;
  return scope.tests || !isTestFile(path);
}

/** Classifies `specifier` as written in `fromPath` (repository-relative). */
export function resolveTarget(fromPath: string, specifier: string): ImportTarget {
  if (specifier.startsWith('.')) {
    const path = posix.normalize(posix.join(posix.dirname(fromPath), specifier));
    return { kind: 'layer', layer: path.split('/')[0] ?? '', path };
  }
  if (specifier.startsWith('node:') || isBuiltin(specifier)) return { kind: 'builtin', name: specifier };
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
  return { kind: 'package', name };
}

function importViolation(rule: LayerRule, target: ImportTarget, fromTest: boolean): string | null {
  if (target.kind === 'layer' && rule.forbiddenLayers?.includes(target.layer)) {
    const withoutExtension = target.path.replace(/\.[cm]?[jt]sx?$/, '');
    if (fromTest && rule.testsMayImport?.includes(withoutExtension)) return null;
    return `imports ${target.path} (${target.layer}/)`;
  }
  if (target.kind === 'layer' && rule.forbiddenFolders?.some((folder) => target.path.startsWith(folder))) {
    return `imports ${target.path}`;
  }
  if (target.kind === 'builtin' && rule.forbidNodeBuiltins) {
    return `imports the Node builtin '${target.name}'`;
  }
  if (target.kind === 'package' && rule.forbiddenPackages?.includes(target.name)) {
    return `imports '${target.name}'`;
  }
  return null;
}

export function checkFile(file: ScannedFile, rules: readonly LayerRule[] = LAYER_RULES): Violation[] {
  const violations: Violation[] = file.syntaxErrors.map((error) => ({
    path: file.path,
    line: error.line,
    ruleId: 'parse',
    message: `cannot be parsed (${error.message}), so its imports cannot be checked`,
  }));
  for (const rule of rules) {
    if (!inScope(file.path, rule.scope)) continue;
    for (const ref of file.imports) {
      const what = importViolation(rule, resolveTarget(file.path, ref.specifier), isTestFile(file.path));
      if (!what) continue;
      violations.push({ path: file.path, line: ref.line, ruleId: rule.id, message: `${what}: ${rule.rule}` });
    }
    if (rule.forbidClockAndRandom) {
      for (const use of file.globals) {
        const message = `uses ${use.name}: ${rule.rule}`;
        violations.push({ path: file.path, line: use.line, ruleId: rule.id, message });
      }
    }
  }
  return violations.sort((a, b) => a.line - b.line);
}

export function formatViolation(violation: Violation): string {
  return `${violation.path}:${violation.line}: ${violation.message} [${violation.ruleId}]`;
}
