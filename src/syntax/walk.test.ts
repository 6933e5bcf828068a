// inspect and forEachChild name each node kind's child fields one by one (ast.ts,
// eachChild). The proof that the table is complete and in go/ast.Walk's order: over
// every node of a corpus, the children they give must be exactly the node-valued
// fields of the node itself, in declaration order (as go/ast.Walk: a File's Imports are
// reached through its Decls, its Comments are not walked).

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type File, type Node, forEachChild, inspect } from './ast.js';
import { parseFile } from './parser.js';
import { FileSet } from './position.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The children of n read from its own fields, without any table. */
function fieldChildren(n: Node): Node[] {
  const out: Node[] = [];
  for (const [key, v] of Object.entries(n)) {
    if (key === 'kind' || v === null || typeof v !== 'object') continue;
    if (n.kind === 'File' && (key === 'Imports' || key === 'Comments')) continue;
    for (const c of Array.isArray(v) ? v : [v]) {
      assert.ok(c !== null && typeof c === 'object' && typeof (c as Node).kind === 'string', `${n.kind}.${key} holds something that is not a node`);
      out.push(c as Node);
    }
  }
  return out;
}

/** Every node kind of ast.ts, so that the corpus is known to cover them all. */
const ALL_KINDS = [
  'Comment', 'CommentGroup', 'Field', 'FieldList', 'BadExpr', 'Ident', 'Ellipsis', 'BasicLit', 'FuncLit', 'CompositeLit',
  'ParenExpr', 'SelectorExpr', 'IndexExpr', 'IndexListExpr', 'SliceExpr', 'TypeAssertExpr', 'CallExpr', 'StarExpr',
  'UnaryExpr', 'BinaryExpr', 'KeyValueExpr', 'ArrayType', 'StructType', 'FuncType', 'InterfaceType', 'MapType', 'ChanType',
  'BadStmt', 'DeclStmt', 'EmptyStmt', 'LabeledStmt', 'ExprStmt', 'SendStmt', 'IncDecStmt', 'AssignStmt', 'GoStmt',
  'DeferStmt', 'ReturnStmt', 'BranchStmt', 'BlockStmt', 'IfStmt', 'CaseClause', 'SwitchStmt', 'TypeSwitchStmt',
  'CommClause', 'SelectStmt', 'ForStmt', 'RangeStmt', 'ImportSpec', 'ValueSpec', 'TypeSpec', 'BadDecl', 'GenDecl',
  'FuncDecl', 'File',
];

/** Go source using every node kind (the Bad ones come from the broken files below). */
const EVERY_KIND = `// Package p uses every construct.
package p

import (
	"fmt" // a trailing comment
	str "strings"
)

// T is documented.
type T[P any, Q ~int] struct {
	// a field doc
	A, B int \`json:"a"\` // a field comment
	C    []P
	D    [3]Q
	E    map[string]chan<- int
	F    func(...int) (int, error)
	G    interface {
		M()
		~int | string
	}
	*T[P, Q]
}

const c, d = 1, 2

var v = &T[int, int]{A: 1, C: []int{1, 2}}

func (t *T[P, Q]) M(xs ...int) (n int, err error) {
	defer func() { recover() }()
	go fmt.Println(str.ToUpper("x"))
	var i interface{} = t
	switch x := i.(type) {
	case *T[P, Q]:
		_ = x
	default:
	}
	switch n {
	case 1, 2:
		fallthrough
	case 3:
	}
	ch := make(chan int, 1)
	select {
	case ch <- 1:
	case y, ok := <-ch:
		_, _ = y, ok
	default:
	}
L:
	for i := 0; i < len(xs); i++ {
		if xs[i] > 0 {
			continue L
		} else if -xs[i] < 0 {
			break L
		} else {
			goto L
		}
	}
	for k, e := range xs[1:2:3] {
		n += k * e
		n++
		;
	}
	{
	}
	return (n), nil
}
`;

const BROKEN = ['package p\nfunc f() { ] }\n', 'package p\nfunc f() { x := ; if }\n', 'package p\nfunc f() { 1 +; ) }\nvar = \n', 'package p\n)\nfunc', 'package p\nfunc f() { a, b := range }\n'];

function corpus(): File[] {
  const fset = new FileSet();
  const files: File[] = [];
  const add = (name: string, src: Uint8Array) => files.push(parseFile(fset, name, src).file);
  add('every.go', new TextEncoder().encode(EVERY_KIND));
  BROKEN.forEach((src, i) => add(`broken${i}.go`, new TextEncoder().encode(src)));
  // The repository's own Go code: check testdata, labelled fixtures, examples, stubs.
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory() && e.name !== 'node_modules' && e.name !== 'dist' && !e.name.startsWith('.')) walk(p);
      else if (e.isFile() && e.name.endsWith('.go')) add(p, readFileSync(p));
    }
  };
  for (const d of ['src', 'fixtures', 'examples', 'tools']) walk(join(repo, d));
  return files;
}

test('forEachChild and inspect give each node its own node-valued fields, in order', () => {
  const files = corpus();
  assert.ok(files.length > 50, `expected the repository's Go files, found ${files.length}`);
  const seen = new Set<string>();
  let nodes = 0;
  for (const file of files) {
    const stack: Node[] = [file];
    while (stack.length > 0) {
      const n = stack.pop()!;
      nodes++;
      seen.add(n.kind);
      const want = fieldChildren(n);
      const got: Node[] = [];
      forEachChild(n, (c) => got.push(c));
      assert.equal(got.length, want.length, `${n.kind}: ${got.length} children, its fields hold ${want.length}`);
      got.forEach((c, i) => assert.equal(c, want[i], `${n.kind}: child ${i} is a ${c.kind}, its fields say ${want[i]!.kind}`));
      for (let i = want.length - 1; i >= 0; i--) stack.push(want[i]!);
    }
  }
  assert.deepEqual(ALL_KINDS.filter((k) => !seen.has(k)), [], 'kinds the corpus never built');
  assert.ok(nodes > 10_000);
});

test('inspect visits in go/ast.Inspect order, prunes where visit says false, and leaves after the children', () => {
  for (const file of corpus()) {
    const want: string[] = [];
    const reference = (n: Node) => {
      want.push(`+${n.kind}`);
      if (n.kind === 'FuncLit' || n.kind === 'CompositeLit') return; // pruned
      for (const c of fieldChildren(n)) reference(c);
      want.push(`-${n.kind}`);
    };
    reference(file);
    const got: string[] = [];
    inspect(
      file,
      (n) => {
        got.push(`+${n.kind}`);
        return n.kind !== 'FuncLit' && n.kind !== 'CompositeLit';
      },
      (n) => {
        got.push(`-${n.kind}`);
      },
    );
    assert.deepEqual(got, want);
  }
});
