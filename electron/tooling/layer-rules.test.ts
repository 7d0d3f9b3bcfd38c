import { beforeAll, describe, expect, it } from 'vitest';
import { type ScannedFile, scanSources } from './import-scan';
import { checkFile, formatViolation, resolveTarget, type Violation } from './layer-rules';

// Small in-memory files, scanned by the same parser the real check uses. Each line is numbered by its position.
const EXAMPLES: Record<string, string[]> = {
  // Allowed.
  'shared/contract/ok.ts': [
    "import { z } from 'zod';",
    "import { RULES } from '../domain/rules';",
    "// import { app } from 'electron'; comments do not count",
    'const text = "require(\'node:fs\') inside a string does not count";',
    'export const schema = z.string().describe(text + RULES);',
  ],
  'shared/sim/engine.test.ts': [
    "import { readFileSync } from 'node:fs';",
    'const seed = Math.random() + Date.now();',
  ],
  'renderer/App.tsx': [
    "import { useState } from 'react';",
    "import type { PeelBridge } from '../shared/contract/bridge';",
  ],
  'renderer/vite.config.ts': ["import { dirname } from 'node:path';"],
  'renderer/state/slice.test.ts': [
    "import { createTestBackend } from '../../electron/backend/services/test-backend';",
  ],
  'electron/main/menu.ts': ["import { Menu } from 'electron';"],
  'electron/cli/start.ts': ["import { openBackend } from '../backend/backend';"],
  'electron/backend/services/audit.ts': [
    "import Database from 'better-sqlite3';",
    "import { join } from 'node:path';",
  ],
  // Forbidden.
  'shared/domain/reaches-up.ts': [
    "import { APP_ORIGIN } from '../../electron/main/ipc';",
    '',
    "export * from '../../renderer/App';",
  ],
  'shared/contract/node-only.ts': [
    "import { readFileSync } from 'node:fs';",
    "import path from 'path';",
    "const Database = require('better-sqlite3');",
    "const react = await import('react');",
    "type Window = import('electron').BrowserWindow;",
  ],
  'shared/sim/clock.ts': [
    'const a = Math.random();',
    'const b = Date.now();',
    'const c = new Date();',
    'const d = performance.now();',
    'const random = Math.random;',
  ],
  'renderer/features/leaky.tsx': [
    "import { ipcRenderer } from 'electron';",
    "import '../../electron/backend/store/store';",
    "import fs from 'node:fs';",
  ],
  'renderer/state/backend.test.ts': ["import { openBackend } from '../../electron/backend/backend';"],
  'electron/backend/services/window-aware.ts': ["import type { WebContents } from 'electron';"],
  'electron/backend/store/legacy.ts': ["import electron = require('electron');"],
  'electron/backend/host/renders.ts': ["import { App } from '../../../renderer/App';"],
  'electron/backend/services/reaches-up.ts': [
    "import { buildMenu } from '../../main/menu';",
    "import { runBench } from '../../bench/bench-row';",
  ],
  'renderer/state/reaches-feature.ts': ["import { LabView } from '../features/lab/LabView';"],
  'renderer/charts/reaches-store.ts': ["import { usePeel } from '../state/store';"],
  'shared/domain/broken.ts': ["import { from 'zod';"],
};

let byPath: Map<string, ScannedFile>;

beforeAll(() => {
  const sources = new Map(Object.entries(EXAMPLES).map(([path, lines]) => [path, lines.join('\n')]));
  byPath = new Map(scanSources('/virtual/peel', sources).map((file) => [file.path, file]));
});

function violations(path: string): Pick<Violation, 'line' | 'ruleId'>[] {
  const file = byPath.get(path);
  if (!file) throw new Error(`${path} was not scanned`);
  return checkFile(file).map(({ line, ruleId }) => ({ line, ruleId }));
}

describe('allowed imports', () => {
  it.each([
    'shared/contract/ok.ts',
    'shared/sim/engine.test.ts',
    'renderer/App.tsx',
    'renderer/vite.config.ts',
    'renderer/state/slice.test.ts',
    'electron/main/menu.ts',
    'electron/cli/start.ts',
    'electron/backend/services/audit.ts',
  ])('%s passes', (path) => {
    expect(violations(path)).toEqual([]);
  });
});

describe('forbidden imports', () => {
  it('shared/ may not import electron/ or renderer/ code', () => {
    expect(violations('shared/domain/reaches-up.ts')).toEqual([
      { line: 1, ruleId: 'shared-imports-no-app-layer' },
      { line: 3, ruleId: 'shared-imports-no-app-layer' },
    ]);
  });

  it('shared/ may not use Node builtins, better-sqlite3, React or electron in any import form', () => {
    expect(violations('shared/contract/node-only.ts')).toEqual(
      [1, 2, 3, 4, 5].map((line) => ({ line, ruleId: 'shared-is-portable' })),
    );
  });

  it('shared/sim/ may not read the clock or Math.random, even through an alias', () => {
    expect(violations('shared/sim/clock.ts')).toEqual(
      [1, 2, 3, 4, 5].map((line) => ({ line, ruleId: 'sim-is-pure' })),
    );
  });

  it('renderer/ may not import electron, electron/ code or Node builtins', () => {
    expect(violations('renderer/features/leaky.tsx')).toEqual([
      { line: 1, ruleId: 'renderer-not-electron' },
      { line: 2, ruleId: 'renderer-not-electron' },
      { line: 3, ruleId: 'renderer-is-browser-code' },
    ]);
  });

  it('renderer tests get the test backend only, not the rest of electron/', () => {
    expect(violations('renderer/state/backend.test.ts')).toEqual([
      { line: 1, ruleId: 'renderer-not-electron' },
    ]);
  });

  it("only the Electron edge modules import 'electron', type-only and import = require included", () => {
    expect(violations('electron/backend/services/window-aware.ts')).toEqual([
      { line: 1, ruleId: 'electron-module-at-edges' },
    ]);
    expect(violations('electron/backend/store/legacy.ts')).toEqual([
      { line: 1, ruleId: 'electron-module-at-edges' },
    ]);
  });

  it('electron/ may not import renderer/ code', () => {
    expect(violations('electron/backend/host/renders.ts')).toEqual([
      { line: 1, ruleId: 'electron-not-renderer' },
    ]);
  });

  it('electron/backend/ is the core: it imports nothing from main/, cli/, bench/ or tooling/', () => {
    expect(violations('electron/backend/services/reaches-up.ts')).toEqual([
      { line: 1, ruleId: 'backend-is-the-core' },
      { line: 2, ruleId: 'backend-is-the-core' },
    ]);
  });

  it('renderer/state/ imports no feature folder, and the chart library neither features nor the store', () => {
    expect(violations('renderer/state/reaches-feature.ts')).toEqual([
      { line: 1, ruleId: 'state-not-features' },
    ]);
    expect(violations('renderer/charts/reaches-store.ts')).toEqual([
      { line: 1, ruleId: 'charts-are-a-library' },
    ]);
  });

  it('a file that does not parse fails the check instead of passing unread', () => {
    expect(violations('shared/domain/broken.ts').map((v) => v.ruleId)).toContain('parse');
  });

  it('names file, line, import and rule in the report', () => {
    const [first] = checkFile(byPath.get('renderer/features/leaky.tsx') as ScannedFile);
    expect(first && formatViolation(first)).toBe(
      "renderer/features/leaky.tsx:1: imports 'electron': renderer/ reaches the backend only through the contract " +
        '(window.peel or HTTP), never electron/ code [renderer-not-electron]',
    );
  });
});

describe('resolveTarget', () => {
  it('resolves relative paths to their top-level folder and bare names to their package', () => {
    expect(resolveTarget('shared/sim/engine/run.ts', '../../../electron/ipc')).toEqual({
      kind: 'layer',
      layer: 'electron',
      path: 'electron/ipc',
    });
    expect(resolveTarget('electron/main.ts', 'electron/main')).toEqual({ kind: 'package', name: 'electron' });
    expect(resolveTarget('renderer/a.ts', '@tanstack/react-virtual/x')).toEqual({
      kind: 'package',
      name: '@tanstack/react-virtual',
    });
    expect(resolveTarget('shared/a.ts', 'fs/promises')).toEqual({ kind: 'builtin', name: 'fs/promises' });
  });
});
