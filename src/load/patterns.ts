// Expansion of go-command style patterns into Go source files:
//
//   ./...  dir/...   every directory at or below dir (see below) that holds .go files
//   dir              the .go files directly in dir
//   file.go          that file
//
// As the go command does, `...` does not descend into directories named testdata or
// vendor, nor into those whose name starts with '.' or '_', and does not follow
// symbolic links to directories; in any directory, files whose name starts with '.'
// or '_' are ignored. Paths come back as written in the pattern (relative patterns
// give paths relative to cwd), sorted, without duplicates.

import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/** A pattern that matches nothing or names something that is not there. */
export class PatternError extends Error {}

export interface ExpandedPatterns {
  /** Directories holding at least one matched .go file, in order, without duplicates. */
  dirs: string[];
  /** Every matched .go file (including _test.go files), sorted within each directory. */
  files: string[];
  /** The matched files grouped by directory (same order as `dirs`). */
  filesByDir: Map<string, string[]>;
}

/** Whether `...` walks into a directory of this name (go command rules). */
export function walkable(name: string): boolean {
  return name !== 'testdata' && name !== 'vendor' && !name.startsWith('.') && !name.startsWith('_');
}

function isGoFileName(name: string): boolean {
  return name.endsWith('.go') && !name.startsWith('.') && !name.startsWith('_');
}

/** The .go files directly in dir (sorted), as paths joined to dir as written. */
function goFilesIn(dir: string, cwd: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(resolve(cwd, dir), { withFileTypes: true })) {
    if (!isGoFileName(e.name)) continue;
    if (e.isFile()) out.push(join(dir, e.name));
    else if (e.isSymbolicLink()) {
      // A symlink to a regular file counts as a file, as for the go command.
      try {
        if (statSync(resolve(cwd, dir, e.name)).isFile()) out.push(join(dir, e.name));
      } catch {
        // dangling link: ignore
      }
    }
  }
  return out.sort();
}

function walk(dir: string, cwd: string, visit: (dir: string) => void): void {
  visit(dir);
  let entries;
  try {
    entries = readdirSync(resolve(cwd, dir), { withFileTypes: true });
  } catch {
    return; // unreadable directory: nothing below it
  }
  const subdirs = entries.filter((e) => e.isDirectory() && walkable(e.name)).map((e) => e.name).sort();
  for (const name of subdirs) walk(join(dir, name), cwd, visit);
}

/**
 * Expands patterns (relative to cwd) into directories and .go files. Throws
 * PatternError for a pattern that names nothing or matches no Go files.
 */
export function expandPatterns(patterns: string[], cwd: string): ExpandedPatterns {
  const filesByDir = new Map<string, string[]>();
  const seen = new Set<string>();
  const add = (dir: string, files: string[]): void => {
    const fresh = files.filter((f) => !seen.has(resolve(cwd, f)));
    if (fresh.length === 0) return;
    for (const f of fresh) seen.add(resolve(cwd, f));
    const list = filesByDir.get(dir);
    if (list) list.push(...fresh);
    else filesByDir.set(dir, fresh);
  };

  for (const pattern of patterns) {
    if (pattern === '') throw new PatternError('empty pattern');
    let matched = 0;
    if (pattern === '...' || pattern.endsWith('/...')) {
      const root = pattern === '...' ? '.' : pattern.slice(0, -4) || '/';
      const st = statOrNull(resolve(cwd, root));
      if (!st) throw new PatternError(`${pattern}: directory ${root} does not exist`);
      if (!st.isDirectory()) throw new PatternError(`${pattern}: ${root} is not a directory`);
      walk(root, cwd, (dir) => {
        const files = goFilesIn(dir, cwd);
        matched += files.length;
        add(dir, files);
      });
      if (matched === 0) throw new PatternError(`pattern ${pattern} matched no Go files`);
    } else if (pattern.includes('...')) {
      throw new PatternError(`${pattern}: only patterns ending in /... are supported`);
    } else {
      const st = statOrNull(resolve(cwd, pattern));
      if (!st) {
        const hint = !isAbsolute(pattern) && !pattern.startsWith('.') && !pattern.endsWith('.go') ? ' (import paths are not supported: give a directory, e.g. ./' + pattern + ')' : '';
        throw new PatternError(`${pattern}: no such file or directory${hint}`);
      }
      if (st.isDirectory()) {
        const files = goFilesIn(pattern, cwd);
        if (files.length === 0) throw new PatternError(`${pattern}: no Go files in directory`);
        add(pattern, files);
      } else if (pattern.endsWith('.go')) {
        const dir = join(pattern, '..');
        add(dir, [pattern]);
      } else {
        throw new PatternError(`${pattern}: not a .go file or a directory`);
      }
    }
  }
  const dirs = [...filesByDir.keys()];
  return { dirs, files: dirs.flatMap((d) => filesByDir.get(d)!), filesByDir };
}

function statOrNull(p: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}
