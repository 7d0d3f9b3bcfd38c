// Finds every module a source file imports (import/export-from/import =/require/import()/import types) and every use
// of the clock or Math.random, with line numbers, using TypeScript's own parser so comments and strings never count.
// TypeScript 7 has no in-process parser; its (still "unstable") sync API runs the native tsgo binary, and a virtual
// file system hands it exactly the sources we pass, so a test can scan in-memory examples the same way.

import { type Node, type SourceFile, SyntaxKind } from 'typescript/unstable/ast';
import { API } from 'typescript/unstable/sync';

export interface ImportRef {
  /** The module specifier exactly as written, e.g. '../electron/ipc' or 'node:fs'. */
  specifier: string;
  line: number;
}

export interface GlobalUse {
  /** 'Math.random', 'Date.now', 'performance.now' or 'new Date' / 'Date()'. */
  name: string;
  line: number;
}

export interface ScannedFile {
  /** Repository-relative path with forward slashes. */
  path: string;
  imports: ImportRef[];
  globals: GlobalUse[];
  /** Syntax errors: a file that does not parse may hide imports, so the check must not pass it silently. */
  syntaxErrors: { line: number; message: string }[];
}

const TSCONFIG = '__peel-import-scan.tsconfig.json';
const CLOCK_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  Math: ['random'],
  Date: ['now'],
  performance: ['now'],
};

/**
 * Parses `sources` (repository-relative path -> text) as one program rooted at `root` (which need not exist:
 * nothing is read from disk) and returns what each file imports and which clock/randomness globals it touches.
 */
export function scanSources(root: string, sources: ReadonlyMap<string, string>): ScannedFile[] {
  const base = root.replace(/\\/g, '/').replace(/\/$/, '');
  const byAbsolute = new Map<string, string>();
  for (const [path, text] of sources) byAbsolute.set(`${base}/${path}`, text);
  const tsconfig = JSON.stringify({
    // noResolve + noLib: we only want syntax, so tsgo never looks past the files we hand it.
    compilerOptions: { noLib: true, noResolve: true, types: [], allowJs: true, jsx: 'preserve' },
    files: [...sources.keys()],
  });
  byAbsolute.set(`${base}/${TSCONFIG}`, tsconfig);
  const normalise = (file: string) => file.replace(/\\/g, '/');
  const isDirectory = (dir: string) => {
    const prefix = `${normalise(dir).replace(/\/$/, '')}/`;
    for (const file of byAbsolute.keys()) if (file.startsWith(prefix)) return true;
    return false;
  };

  const api = new API({
    cwd: base,
    fs: {
      readFile: (file) => byAbsolute.get(normalise(file)) ?? null,
      fileExists: (file) => byAbsolute.has(normalise(file)),
      directoryExists: isDirectory,
    },
  });
  try {
    const snapshot = api.updateSnapshot({ openProject: `${base}/${TSCONFIG}` });
    const project = snapshot.getProject(`${base}/${TSCONFIG}`);
    if (!project) throw new Error('import-scan: tsgo did not open the virtual project');
    return [...sources.keys()].map((path) => {
      const sourceFile = project.program.getSourceFile(`${base}/${path}`);
      if (!sourceFile) throw new Error(`import-scan: tsgo did not load ${path}`);
      const syntaxErrors = project.program
        .getSyntacticDiagnostics(`${base}/${path}`)
        .map((d) => ({ line: lineOf(sourceFile, d.pos), message: d.text }));
      return { path, ...collect(sourceFile), syntaxErrors };
    });
  } finally {
    api.close();
  }
}

function lineOf(sourceFile: SourceFile, position: number): number {
  return sourceFile.getLineAndCharacterOfPosition(position).line + 1;
}

function stringValue(node: Node | undefined): string | null {
  if (!node) return null;
  if (node.kind === SyntaxKind.StringLiteral || node.kind === SyntaxKind.NoSubstitutionTemplateLiteral) {
    return (node as Node & { text: string }).text;
  }
  return null;
}

function identifierText(node: Node | undefined): string | null {
  return node?.kind === SyntaxKind.Identifier ? (node as Node & { text: string }).text : null;
}

/** The module specifier node if `node` is an import of any form, else undefined. */
function moduleSpecifierOf(node: Node): Node | undefined {
  switch (node.kind) {
    case SyntaxKind.ImportDeclaration:
    case SyntaxKind.ExportDeclaration:
      return (node as Node & { moduleSpecifier?: Node }).moduleSpecifier;
    case SyntaxKind.ExternalModuleReference:
      return (node as Node & { expression: Node }).expression;
    case SyntaxKind.ImportType: {
      const argument = (node as Node & { argument: Node }).argument;
      return argument.kind === SyntaxKind.LiteralType
        ? (argument as Node & { literal: Node }).literal
        : undefined;
    }
    case SyntaxKind.CallExpression: {
      const call = node as Node & { expression: Node; arguments: readonly Node[] };
      const isImport = call.expression.kind === SyntaxKind.ImportKeyword;
      const isRequire = identifierText(call.expression) === 'require';
      return isImport || isRequire ? call.arguments[0] : undefined;
    }
    default:
      return undefined;
  }
}

/** 'Math.random' for the property access Math.random (called or not: an alias would escape a call-only rule). */
function clockMemberOf(node: Node): string | null {
  if (node.kind !== SyntaxKind.PropertyAccessExpression) return null;
  const access = node as Node & { expression: Node; name: Node };
  const object = identifierText(access.expression);
  const member = identifierText(access.name);
  if (!object || !member) return null;
  return CLOCK_MEMBERS[object]?.includes(member) ? `${object}.${member}` : null;
}

function collect(sourceFile: SourceFile): Pick<ScannedFile, 'imports' | 'globals'> {
  const imports: ImportRef[] = [];
  const globals: GlobalUse[] = [];
  const visit = (node: Node): void => {
    const specifierNode = moduleSpecifierOf(node);
    const specifier = stringValue(specifierNode);
    if (specifierNode && specifier !== null) {
      imports.push({ specifier, line: lineOf(sourceFile, specifierNode.getStart(sourceFile)) });
    }
    const member = clockMemberOf(node);
    if (member) globals.push({ name: member, line: lineOf(sourceFile, node.getStart(sourceFile)) });
    const callee = (node as Node & { expression?: Node }).expression;
    if (identifierText(callee) === 'Date') {
      // new Date() reads the clock; Date() without new returns the current time as a string.
      if (node.kind === SyntaxKind.NewExpression) {
        globals.push({ name: 'new Date', line: lineOf(sourceFile, node.getStart(sourceFile)) });
      } else if (node.kind === SyntaxKind.CallExpression) {
        globals.push({ name: 'Date()', line: lineOf(sourceFile, node.getStart(sourceFile)) });
      }
    }
    node.forEachChild(visit);
  };
  sourceFile.forEachChild(visit);
  return { imports, globals };
}
