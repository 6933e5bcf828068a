// Runs `go list` and compares its file selection with the loader's: the anchor of the
// loader's tests and of the GOROOT agreement figure.

import { execFileSync } from 'node:child_process';
import { basename } from 'node:path';
import type { SourcePackage } from './package.js';

export interface GoListPackage {
  ImportPath: string;
  Dir: string;
  Name?: string;
  GoFiles?: string[];
  CgoFiles?: string[];
  TestGoFiles?: string[];
  XTestGoFiles?: string[];
  IgnoredGoFiles?: string[];
  Standard?: boolean;
  Error?: { Err: string };
}

/** `go list -e -json args…` in `cwd`, offline and without GOFLAGS from the caller's environment. */
export function goList(cwd: string, args: string[], env: Record<string, string> = {}): GoListPackage[] {
  const fields = 'ImportPath,Dir,Name,GoFiles,CgoFiles,TestGoFiles,XTestGoFiles,IgnoredGoFiles,InvalidGoFiles,Standard,Error';
  const out = execFileSync('go', ['list', '-e', `-json=${fields}`, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GOPROXY: 'off', GOFLAGS: '', GOTOOLCHAIN: 'local', ...env },
  });
  // Each package is a JSON object whose closing brace sits alone at the start of a line.
  return out
    .split(/\n}\n?/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => JSON.parse(s + '\n}') as GoListPackage);
}

export interface Comparison {
  compared: number;
  agreeing: number;
  disagreements: string[];
  onlyGo: string[];
  onlyOurs: string[];
  /** Packages with a malformed //go:build line: go list's file lists for them depend on how it was asked. */
  notComparable: string[];
}

function names(files: string[]): string {
  return files.map((f) => basename(f)).sort().join(' ');
}

/** Compares file lists per directory; go's GoFiles and CgoFiles together are our goFiles. */
export function compareSelections(ours: SourcePackage[], theirs: GoListPackage[], withTests = true): Comparison {
  const byDir = new Map(ours.map((p) => [p.dir, p]));
  const result: Comparison = { compared: 0, agreeing: 0, disagreements: [], onlyGo: [], onlyOurs: [], notComparable: [] };
  const goDirs = new Set<string>();
  for (const g of theirs) {
    goDirs.add(g.Dir);
    const p = byDir.get(g.Dir);
    if (!p) {
      result.onlyGo.push(g.ImportPath);
      continue;
    }
    if (g.Error?.Err.includes('//go:build')) {
      result.notComparable.push(g.ImportPath);
      continue;
    }
    result.compared++;
    const problems: string[] = [];
    const check = (what: string, mine: string[], go: string[]): void => {
      const a = names(mine);
      const b = names(go);
      if (a !== b) problems.push(`${what}: racewatch [${a}] go [${b}]`);
    };
    check('GoFiles', p.goFiles, [...(g.GoFiles ?? []), ...(g.CgoFiles ?? [])]);
    if (withTests) {
      check('TestGoFiles', p.testGoFiles, g.TestGoFiles ?? []);
      check('XTestGoFiles', p.xTestGoFiles, g.XTestGoFiles ?? []);
    }
    check('IgnoredGoFiles', p.ignoredGoFiles, g.IgnoredGoFiles ?? []);
    if ((g.Name ?? '') !== p.name) problems.push(`Name: racewatch ${p.name} go ${g.Name ?? ''}`);
    if (g.ImportPath !== p.importPath) problems.push(`ImportPath: racewatch ${p.importPath} go ${g.ImportPath}`);
    if (problems.length === 0) result.agreeing++;
    else result.disagreements.push(`${g.ImportPath}: ${problems.join('; ')}`);
  }
  for (const p of ours) if (!goDirs.has(p.dir)) result.onlyOurs.push(p.importPath);
  return result;
}
