// The page's first scripts (main.tsx, and start-app.tsx with everything it imports statically) run before the home
// screen's first render. Building the contract's zod schemas there cost about a third of that work at start, and
// the page never validates with them, so no module on that path may bring zod in: a value it needs from a file of
// schemas belongs in a file without them (as shared/contract/run-preview-points.ts).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** Static imports and re-exports that bring values (not `import type`, not all-type name lists), by specifier. */
function valueImports(source: string): string[] {
  const found: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(statement)) {
    const [, , typeOnly, names = '', specifier = ''] = match;
    if (typeOnly) continue;
    const list = /^\{([\s\S]*)\}$/.exec(names.trim());
    if (list) {
      const entries = list[1]!
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean);
      if (entries.length > 0 && entries.every((entry) => entry.startsWith('type '))) continue;
    }
    found.push(specifier);
  }
  for (const match of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push(match[1]!);
  return found;
}

function resolveLocal(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (/\.(ts|tsx)$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Every module reached by value imports from `entries`, and which of them import `pkg`. */
function modulesImporting(entries: string[], pkg: string): string[] {
  const seen = new Set<string>();
  const importers: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of valueImports(readFileSync(file, 'utf8'))) {
      if (specifier === pkg || specifier.startsWith(`${pkg}/`)) importers.push(file);
      else if (specifier.startsWith('.')) {
        const next = resolveLocal(file, specifier);
        if (next) visit(next);
      }
    }
  };
  for (const entry of entries) visit(entry);
  return importers.map((file) => file.slice(resolve(here, '..').length + 1));
}

describe("the page's first scripts", () => {
  it('tell value imports from type-only ones', () => {
    const source = [
      "import type { A } from './a';",
      "import { type B, type C } from './b';",
      "import { D, type E } from './d';",
      "export { F } from './f';",
      "export type { G } from './g';",
      "import './styles.css';",
      "import * as z from 'zod';",
    ].join('\n');
    expect(valueImports(source)).toEqual(['./d', './f', 'zod', './styles.css']);
  });

  it('bring no zod schemas', () => {
    const entries = [join(here, 'main.tsx'), join(here, 'start-app.tsx')];
    expect(modulesImporting(entries, 'zod')).toEqual([]);
  });
});
