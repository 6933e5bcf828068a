// Directory walking for `...` patterns, with the go command's rules in module mode:
// below the root, directories named testdata or starting with '.' or '_' are skipped,
// as are vendor directories, nested modules (a go.mod of their own), symlinks and
// the directories a go.mod `ignore` directive names.
// The directory-name rule is patterns.ts's `walkable` (shared with `racewatch parse`, which
// expands patterns without modules); stopping at nested modules and at `ignore`d directories
// is module knowledge, so it lives here.

import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { walkable } from './patterns.js';

export function walkPackageDirs(
  root: string,
  visit: (dir: string) => void,
  readDir: (dir: string) => Dirent[] | null = readDirOrNull,
  ignored: (dir: string) => boolean = () => false,
): void {
  const walk = (dir: string, isRoot: boolean): void => {
    if (!isRoot && ignored(dir)) return;
    const entries = readDir(dir);
    if (!isRoot && entries?.some((e) => e.name === 'go.mod' && !e.isDirectory())) return;
    visit(dir);
    const subdirs = (entries ?? [])
      .filter((e) => e.isDirectory() && walkable(e.name))
      .map((e) => e.name)
      .sort();
    for (const name of subdirs) walk(join(dir, name), false);
  };
  walk(root, true);
}

function readDirOrNull(dir: string): Dirent[] | null {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
}

/** go's pattern matching: `...` matches any string; "x/..." also matches "x". */
export function patternMatcher(pattern: string): (name: string) => boolean {
  let re = '';
  for (const part of pattern.split('...')) {
    if (re !== '') re += '.*';
    re += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  if (pattern.endsWith('/...')) re = re.slice(0, -'/.*'.length) + '(/.*)?';
  const rx = new RegExp(`^${re}$`);
  return (name) => rx.test(name);
}
