// Every component subscribes to the store narrowly: `usePeel(selector)` re-renders when the selector's answer
// changes (compared with Object.is), so a component reading the whole store, or a selector answering a fresh
// object or array each time, re-renders on every change anywhere (or loops). This reads each renderer source file
// and names the file and line of any such subscription; a selector wrapped in useShallow may answer a new object.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const rendererRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The text between the parentheses of the call that opens at `open` (strings never hold parentheses here). */
function argumentText(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '(') depth++;
    else if (source[i] === ')' && --depth === 0) return source.slice(open + 1, i);
  }
  return source.slice(open + 1);
}

const FRESH_ANSWER: { pattern: RegExp; why: string }[] = [
  { pattern: /=>\s*\(?\s*[{[]/, why: 'answers an object or array literal' },
  { pattern: /(\?\?|\|\|)\s*(\[\s*\]|\{\s*\})/, why: 'falls back to a fresh empty array or object' },
  {
    pattern: /\.(map|filter|slice|concat|flatMap|sort|toSorted)\(/,
    why: 'answers an array built on each call',
  },
  { pattern: /Object\.(keys|values|entries|fromEntries)\(/, why: 'answers an array built on each call' },
];

/** Each whole-store or fresh-answer subscription in `source`, as "path:line: what is wrong". */
function wideSubscriptions(path: string, source: string): string[] {
  const problems: string[] = [];
  for (const match of source.matchAll(/\busePeel\s*\(/g)) {
    const line = source.slice(0, match.index).split('\n').length;
    const selector = argumentText(source, match.index + match[0].length - 1).trim();
    if (selector === '') problems.push(`${path}:${line}: usePeel() subscribes to the whole store`);
    else if (!selector.startsWith('useShallow(')) {
      const fresh = FRESH_ANSWER.find(({ pattern }) => pattern.test(selector));
      if (fresh)
        problems.push(`${path}:${line}: the selector ${fresh.why}; wrap it in useShallow or narrow it`);
    }
  }
  return problems;
}

function rendererSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : rendererSources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('the check', () => {
  it('names the file and line of each wide subscription', () => {
    const source = [
      'const all = usePeel();',
      'const pair = usePeel((s) => ({ a: s.a, b: s.b }));',
      'const list = usePeel((s) => s.detail?.notes ?? []);',
      'const ids = usePeel((s) => s.runs.map((run) => run.id));',
      'const tuple = usePeel((s) => [s.a, s.b]);',
      'const keys = usePeel((state) => Object.keys(state.plans));',
    ].join('\n');
    expect(wideSubscriptions('x.tsx', source)).toEqual([
      'x.tsx:1: usePeel() subscribes to the whole store',
      'x.tsx:2: the selector answers an object or array literal; wrap it in useShallow or narrow it',
      'x.tsx:3: the selector falls back to a fresh empty array or object; wrap it in useShallow or narrow it',
      'x.tsx:4: the selector answers an array built on each call; wrap it in useShallow or narrow it',
      'x.tsx:5: the selector answers an object or array literal; wrap it in useShallow or narrow it',
      'x.tsx:6: the selector answers an array built on each call; wrap it in useShallow or narrow it',
    ]);
  });

  it('lets narrow selectors, named selectors and useShallow through', () => {
    const source = [
      'const title = usePeel((s) => s.detail?.investigation.title);',
      'const run = usePeel((s) => s.runSeries[run.id]);',
      'const scenario = usePeel((s) => s.scenarios.find((c) => c.id === id));',
      'const checklist = usePeel(selectChecklist);',
      'const inputs = usePeel(useShallow((s) => ({ a: s.a, b: s.b })));',
      'usePeel.getState().loadInfo();',
    ].join('\n');
    expect(wideSubscriptions('x.tsx', source)).toEqual([]);
  });
});

describe('the renderer', () => {
  it('subscribes to the store narrowly everywhere', () => {
    const files = rendererSources(rendererRoot);
    expect(files.length).toBeGreaterThan(50);
    const problems = files.flatMap((file) =>
      wideSubscriptions(relative(rendererRoot, file).split(sep).join('/'), readFileSync(file, 'utf8')),
    );
    expect(problems).toEqual([]);
  });
});
