import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gooracle, requireGo } from '../testutil/go.js';
import { pos, end, inspect, type Node } from './ast.js';
import { astToJson } from './astjson.js';
import { FileSet } from './position.js';
import { parseFile } from './parser.js';

const enc = new TextEncoder();

// Broken programs, each exercising a different recovery path of go/parser.
const broken: Record<string, string> = {
  'missing-paren.go': 'package p\n\nfunc f( {\n}\n',
  'missing-brace.go': 'package p\n\nfunc f() {\n\tif x {\n}\n',
  'bad-operand.go': 'package p\n\nvar x = 1 + \n',
  'stray-comma.go': 'package p\n\nfunc f() { a, b }\n',
  'newline-in-args.go': 'package p\n\nfunc f() {\n\tg(1,\n\t\t2\n\t)\n}\n',
  'complit-in-if.go': 'package p\n\nfunc f() {\n\tif x == T{} {\n\t}\n}\n',
  'type-params-method.go': 'package p\n\nfunc (T) m[P any]() {}\n',
  'var-in-if.go': 'package p\n\nfunc f() {\n\tif var x = 1; x > 0 {\n\t}\n}\n',
  'import-late.go': 'package p\n\nvar x int\n\nimport "fmt"\n',
  'go-not-call.go': 'package p\n\nfunc f() {\n\tgo x\n}\n',
  'three-index.go': 'package p\n\nvar s = a[1::3]\n',
  'label.go': 'package p\n\nfunc f() {\n\ta.b: x()\n}\n',
  'range-three.go': 'package p\n\nfunc f() {\n\tfor a, b, c := range x {\n\t}\n}\n',
  'switch-assign.go': 'package p\n\nfunc f() {\n\tswitch y = x.(type) {\n\t}\n}\n',
  'no-package.go': 'func main() {}\n',
  'bad-escape.go': 'package p\n\nvar s = "\\q"\n',
  'empty-tparams.go': 'package p\n\nfunc f[]() {}\n',
  'ellipsis.go': 'package p\n\nfunc f(a ...int, b int) {}\n',
  'semicolon-brace.go': 'package p\n\nfunc f()\n{\n}\n',
  'chan-arrow.go': 'package p\n\nvar c <-chan <-int\n',
};

test('errors: same position and message as go/parser on broken programs', (t) => {
  if (!requireGo(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'racewatch-broken-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const paths = Object.entries(broken).map(([name, text]) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  });
  const lines = execFileSync(gooracle(), ['astdump', '-hash', ...paths], { encoding: 'utf8' }).trim().split('\n');
  for (const [i, line] of lines.entries()) {
    const want = JSON.parse(line) as { file: string; error: { offset: number; msg: string } | null };
    const r = parseFile(new FileSet(), paths[i]!, enc.encode(broken[Object.keys(broken)[i]!]!));
    assert.ok(want.error, `${want.file}: go/parser accepts it`);
    const got = r.errors[0];
    assert.ok(got, `${want.file}: we report no error`);
    // The oracle gives the byte offset (its line:col are counted from raw bytes, which
    // differs from go/token at the end of a file ending in a newline).
    assert.deepEqual([got.offset, got.message], [want.error.offset, want.error.msg], want.file);
  }
});

test('generics, all statements and literal forms: tree identical to go/parser', (t) => {
  if (!requireGo(t)) return;
  const text = `// Package g has one of everything.
package g

import (
	"fmt"
	m "math"
	. "strings"
	_ "unsafe"
)

type (
	Number interface{ ~int | ~int64 | float64 }
	List[T any] struct{ next *List[T]; val T }
	Pair[K comparable, V any] = map[K]V
	A [4]int
	Fn func(int, ...string) (bool, error)
)

func Sum[T Number](xs ...T) (s T) {
	for _, x := range xs {
		s += x
	}
	return
}

func (l *List[T]) Push(v T) *List[T] { return &List[T]{l, v} }

func f(ch chan int, done <-chan struct{}) {
	var a = [...]string{0: "x", 2: "z"}
	b := map[string][]int{"k": {1, 2}}
	const big = 1_000_000 + 0x_FF + 0o17 + 0b1010 + 017
	_ = 1.5e-3 + .5 + 0x1p-2 + 2i + 'x' + '\\n' + '\\u00e9' + \`raw
string\`
L:
	for i := 0; i < 10; i++ {
		switch {
		case i%2 == 0:
			continue L
		case i > 8:
			break L
		default:
			fallthrough
		case false:
		}
	}
	select {
	case v := <-ch:
		_ = v
	case ch <- 1:
	case <-done:
		return
	default:
	}
	switch v := any(a).(type) {
	case int, string:
		_ = v
	}
	if x := len(b); x > 0 {
		goto end
	} else if x < 0 {
	} else {
	}
	for range 3 {
	}
	for i := range Sum[int] {
		_ = i
	}
	go func() { defer recover() }()
	p := &struct{ x int }{1}
	p.x++
	p.x--
	var s []int
	_ = s[1:2:3]
	_ = fmt.Sprint(m.Pi, Contains("a", "b"))
	_ = Pair[string, int]{}
end:
}
`;
  const dir = mkdtempSync(join(tmpdir(), 'racewatch-all-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const p = join(dir, 'all.go');
  writeFileSync(p, text);
  const want = JSON.parse(execFileSync(gooracle(), ['astdump', p], { encoding: 'utf8' })) as { error: unknown; ast: unknown };
  assert.equal(want.error, null);
  const r = parseFile(new FileSet(), p, enc.encode(text));
  assert.deepEqual(r.errors, []);
  assert.equal(astToJson(r.file, r.file.FileStart), JSON.stringify(want.ast));

  // pos/end: every node lies within its parent.
  const stack: Node[] = [];
  inspect(
    r.file,
    (n) => {
      const parent = stack[stack.length - 1];
      if (parent && parent.kind !== 'File') assert.ok(pos(parent) <= pos(n) && end(n) <= end(parent), `${n.kind} outside ${parent.kind}`);
      stack.push(n);
      return true;
    },
    () => stack.pop(),
  );
});
