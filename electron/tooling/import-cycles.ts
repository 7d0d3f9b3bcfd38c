// Finds import cycles among the repository's own files: a cycle means no file in it can be read (or changed)
// without the others, so the rule is none anywhere. Strongly connected components (Tarjan) over resolved imports.
import { posix } from 'node:path';
import type { ScannedFile } from './import-scan';

export interface ImportCycle {
  /** The files of one strongly connected component, sorted. */
  files: string[];
  /** One closed walk through them, as `a -> b -> ... -> a`, so a reader sees where to cut. */
  path: string[];
}

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.js', '/index.ts', '/index.tsx'];

/** The repository file a relative specifier written in `from` points at, if it is one of `known`. */
export function resolveImport(
  from: string,
  specifier: string,
  known: ReadonlySet<string>,
): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  for (const extension of EXTENSIONS) {
    const candidate = `${base}${extension}`;
    if (known.has(candidate)) return candidate;
  }
  return undefined;
}

export function importGraph(files: readonly ScannedFile[]): Map<string, string[]> {
  const known = new Set(files.map((file) => file.path));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = new Set<string>();
    for (const ref of file.imports) {
      const target = resolveImport(file.path, ref.specifier, known);
      if (target && target !== file.path) targets.add(target);
    }
    graph.set(file.path, [...targets].sort());
  }
  return graph;
}

export function findImportCycles(files: readonly ScannedFile[]): ImportCycle[] {
  const graph = importGraph(files);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  // Iterative Tarjan: the import graph of a large repository is deep enough to overflow recursion.
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1) components.push(component.sort());
      }
    }
  }
  return components.map((files) => ({ files, path: cycleThrough(graph, files) }));
}

/** A shortest cycle through the component's first file (breadth-first inside the component). */
function cycleThrough(graph: Map<string, string[]>, component: string[]): string[] {
  const members = new Set(component);
  const start = component[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let at = node; at !== start; at = previous.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start];
}

export function formatCycle(cycle: ImportCycle): string {
  return `import cycle of ${cycle.files.length} files: ${cycle.path.join(' -> ')}\n  all of: ${cycle.files.join(', ')}`;
}
