// stale-len-loop finds its loops without walking every node: it skips declarations
// whose bytes never spell `for`, and walks only the statements of a function without a
// function literal. The proof that nothing is missed: over the repository's Go code and
// (with Go installed) GOROOT/src, the loops found are exactly those a walk of every node
// finds, in the same order.

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePackageUnit } from '../../analysis/pass.js';
import { parseFile } from '../../syntax/parser.js';
import { FileSet } from '../../syntax/position.js';
import { findGo } from '../../testutil/go.js';
import { loopsWorthALook, loopsWorthALookByWalking } from './index.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

function goFilesUnder(dir: string, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && e.name !== 'dist' && !e.name.startsWith('.')) goFilesUnder(p, out);
    else if (e.isFile() && e.name.endsWith('.go')) out.push(p);
  }
  return out;
}

test('stale-len-loop finds the same loops as a walk of every node', () => {
  const files = ['src', 'fixtures', 'examples'].flatMap((d) => goFilesUnder(join(repo, d)));
  const go = findGo();
  if (go !== null) files.push(...goFilesUnder(join(go.goroot, 'src', 'runtime')), ...goFilesUnder(join(go.goroot, 'src', 'go')));
  assert.ok(files.length > 50);
  let loops = 0;
  for (const name of files) {
    const fset = new FileSet();
    const src = readFileSync(name);
    const { file } = parseFile(fset, name, src);
    const unit = makePackageUnit({
      importPath: 'example.com/p', dir: dirname(name), goVersion: '1.22', module: null, inGoroot: false, fset,
      files: [{ name, ast: file, src, isTest: false }],
    });
    const want = loopsWorthALookByWalking(file);
    const got = loopsWorthALook(unit, file);
    assert.equal(got.length, want.length, name);
    got.forEach((l, i) => assert.equal(l, want[i], `${name}: loop ${i}`));
    loops += got.length;
  }
  assert.ok(loops > 20, `only ${loops} loops worth a look in the corpus`);
});
