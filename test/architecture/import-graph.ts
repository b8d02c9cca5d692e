/**
 * The import graph of the hand-written sources, read with the TypeScript compiler's own import
 * scanner (`ts.preProcessFile`), so what counts as an import is exactly what tsc resolves:
 * `import`, `import type`, `export ... from` and dynamic `import()` of a relative path.
 * Packages (`node:*`, chevrotain, ...) are outside the graph: only project files are nodes.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** File → the project files it imports, both as paths relative to the repository root. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

function sourceFiles(root: string, dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(root, path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** `./x.js` names `./x.ts` (or `.tsx`, or `.d.ts`) under ESM resolution with TypeScript sources. */
function resolveImport(root: string, from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(root, dirname(from), specifier).replace(/\.js$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`, `${base}.d.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate)) return relative(root, candidate);
  }
  throw new Error(`${from}: cannot resolve import '${specifier}'`);
}

export function importGraph(root: string, dirs: readonly string[]): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const file of dirs.flatMap((dir) => sourceFiles(root, dir)).sort()) {
    const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
    const targets = info.importedFiles.flatMap(
      ({ fileName }) => resolveImport(root, file, fileName) ?? [],
    );
    graph.set(file, [...new Set(targets)].sort());
  }
  return graph;
}

/** A file's folder: the node that stands for it in the folder graph. */
export function folderOf(file: string): string {
  return dirname(file);
}

/** Collapse files into their folders; an import inside one folder is no folder edge. */
export function folderGraph(graph: ImportGraph): ImportGraph {
  const folders = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    const from = folderOf(file);
    const edges = folders.get(from) ?? new Set<string>();
    folders.set(from, edges);
    for (const target of targets) if (folderOf(target) !== from) edges.add(folderOf(target));
  }
  return new Map([...folders].map(([folder, edges]) => [folder, [...edges].sort()]));
}

/**
 * The strongly connected components with more than one node (Tarjan's algorithm): each is a set
 * of nodes that all reach each other, which is what "a cycle" means for layering. Nodes within a
 * component are sorted and the components are sorted by their first node, so the result is stable.
 */
export function cycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) ?? 0);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}
