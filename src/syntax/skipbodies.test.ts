// ParseOptions.skipFuncBodies: a declaration-only parse must give the same tree as a
// full parse with every function declaration's statements removed (the same nodes at
// the same positions), because the type checker declares an imported package's objects
// from it and fills the bodies in later by position.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requireGo } from '../testutil/go.js';
import type * as ast from './ast.js';
import { astToJson } from './astjson.js';
import { FileSet } from './position.js';
import { parseFile } from './parser.js';

const enc = new TextEncoder();

/** The full parse's tree with each function declaration's statements dropped, as JSON. */
function withoutStatements(file: ast.File): string {
  for (const d of file.Decls) if (d.kind === 'FuncDecl' && d.Body) (d.Body as { List: ast.Stmt[] }).List = [];
  return astToJson(file, file.FileStart);
}

interface Compared {
  same: boolean;
  /** Bodies with statements that the skipping parse left empty. */
  skipped: number;
  /** Bodies it parsed after all (braces not matched by bytes, a line directive). */
  parsed: number;
  sameErrors: boolean;
}

function compare(name: string, src: Uint8Array): Compared {
  const full = parseFile(new FileSet(), name, src, { comments: false });
  const skip = parseFile(new FileSet(), name, src, { comments: false, skipFuncBodies: true });
  let skipped = 0;
  let parsed = 0;
  full.file.Decls.forEach((d, i) => {
    const s = skip.file.Decls[i];
    if (d.kind !== 'FuncDecl' || !d.Body || s?.kind !== 'FuncDecl' || !s.Body) return;
    if (s.Body.List.length > 0) parsed++;
    else if (d.Body.List.length > 0) skipped++;
  });
  return {
    same: withoutStatements(full.file) === withoutStatements(skip.file),
    skipped,
    parsed,
    sameErrors: (full.errors.length === 0) === (skip.errors.length === 0),
  };
}

test('skipped bodies: braces inside literals and comments do not count', () => {
  const src = [
    'package p',
    '',
    'var lit = func() int { return len("}") }',
    '',
    'func a() string {',
    '\ts := "}\\"}"',
    "\tr := '}'",
    "\tq := '\\''",
    '\traw := `}',
    '}`',
    '\t// }',
    '\t/* } { */',
    '\tm := map[string]struct{}{"x": {}}',
    '\tif len(m) > 0 { return s + string(r) + string(q) + raw }',
    '\treturn ""',
    '}',
    '',
    'type T struct{ n int }',
    '',
    'func (t *T) b() { t.n++ }',
    '',
    'func c() {}',
    '',
    'func d()',
    '',
    'var after = 1',
    '',
  ].join('\n');
  const r = compare('a.go', enc.encode(src));
  assert.ok(r.same, 'same tree apart from statements');
  assert.equal(r.skipped, 2, 'a and (*T).b skipped');
  assert.equal(r.parsed, 0);
  assert.ok(r.sameErrors);
});

test('skipped bodies: a line directive or unmatched braces make the body parsed as usual', () => {
  const directive = 'package p\n\nfunc f() {\n//line other.go:10\n\tg()\n}\n\nfunc g() { f() }\n';
  const r = compare('line.go', enc.encode(directive));
  assert.ok(r.same);
  assert.equal(r.parsed, 1, 'the body holding //line is parsed');
  assert.equal(r.skipped, 1);

  const unmatched = 'package p\n\nfunc f() {\n\tif x {\n}\n';
  const u = compare('open.go', enc.encode(unmatched));
  assert.ok(u.same && u.sameErrors, 'an unclosed body reports its error as a full parse does');

  const unclosedString = 'package p\n\nfunc f() {\n\ts := "}\n}\n\nfunc g() {}\n';
  const s = compare('str.go', enc.encode(unclosedString));
  assert.ok(s.same && s.sameErrors);
});

function goFilesUnder(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'testdata') goFilesUnder(p, out);
    } else if (e.isFile() && e.name.endsWith('.go')) out.push(p);
  }
  return out;
}

test('skipped bodies: every file of GOROOT/src (testdata aside) gives the full tree minus statements', (t) => {
  const go = requireGo(t);
  if (!go) return;
  let files = 0;
  let skipped = 0;
  let parsed = 0;
  const differ: string[] = [];
  for (const p of goFilesUnder(join(go.goroot, 'src'))) {
    const r = compare(p, readFileSync(p));
    files++;
    skipped += r.skipped;
    parsed += r.parsed;
    if (!r.same || !r.sameErrors) differ.push(p);
  }
  t.diagnostic(`${files} files, ${skipped} bodies skipped, ${parsed} parsed after all`);
  assert.deepEqual(differ.slice(0, 10), []);
  assert.ok(skipped > 10_000, 'bodies were skipped');
});
