import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLoader } from '../load/index.js';
import { inspect, pos as nodePos, end as nodeEnd, type CallExpr, type Expr, type File, type Node } from '../syntax/ast.js';
import { repoRoot, requireGo } from '../testutil/go.js';
import { dumpFile } from './dump.js';
import { unquote } from './checker.js';
import { Program, type CheckedPackage } from './program.js';
import {
  ArrayType, Chan, ChanDir, Func, MapType, Named, Package, Pointer, Signature, Slice, Struct, Tuple, Typ, TypeName, Var,
  SelectionKind, calleeOf, isMapType, isSyncMap, isSyncMutex, isSyncRWMutex, isWaitGroup, isAtomicType, methodSet,
  lookupFieldOrMethod, typeString, identical, newField,
} from './index.js';

const fixtureDir = join(repoRoot, 'src', 'types', 'testdata', 'mod');

function checkFixture(pkgDir: string): { program: Program; cp: CheckedPackage; src: string; file: File } {
  const loader = createLoader({ cwd: fixtureDir, tests: false });
  const { packages } = loader.packages([join(fixtureDir, pkgDir)]);
  assert.equal(packages.length, 1, `one package in ${pkgDir}`);
  const program = new Program(loader);
  const [cp] = program.check(packages[0]!);
  const file = cp!.files[0]!;
  return { program, cp: cp!, src: readFileSync(file.name, 'utf8'), file: file.file };
}

/** The first expression of `kind` whose source text is `text` (after `after`, when given). */
function find<K extends Node['kind']>(f: File, src: string, kind: K, text: string, after = ''): Extract<Node, { kind: K }> {
  const base = f.FileStart;
  const from = after ? src.indexOf(after) : 0;
  assert.ok(from >= 0, `marker ${after}`);
  let found: Node | undefined;
  inspect(f, (n) => {
    if (found) return false;
    if (n.kind === kind) {
      const s = nodePos(n) - base;
      if (s >= from && src.slice(s, nodeEnd(n) - base) === text) found = n;
    }
    return true;
  });
  assert.ok(found, `no ${kind} "${text}"`);
  return found as Extract<Node, { kind: K }>;
}

test('typeString writes types as go/types does', () => {
  const pkg = new Package('net/http', 'http');
  const cookie = new Named(new TypeName(0, pkg, 'Cookie'), new Struct([]));
  assert.equal(typeString(new MapType(Typ.String, new Pointer(cookie))), 'map[string]*net/http.Cookie');
  const sig = new Signature(null, new Tuple([new Var(0, null, '', Typ.Int)]), new Tuple([new Var(0, null, '', Typ.String), new Var(0, null, '', Typ.Int)]), false);
  assert.equal(typeString(sig), 'func(int) (string, int)');
  assert.equal(typeString(new Chan(ChanDir.SendRecv, new Chan(ChanDir.RecvOnly, Typ.Int))), 'chan (<-chan int)');
  assert.equal(typeString(new Chan(ChanDir.SendOnly, new Slice(Typ.Byte))), 'chan<- []byte');
  assert.equal(typeString(new ArrayType(Typ.Uint8, 4)), '[4]uint8');
  const st = new Struct([newField(0, null, 'a', Typ.Int, false), newField(0, null, 'Cookie', new Pointer(cookie), true)], ['json:"a"', null]);
  assert.equal(typeString(st), 'struct{a int "json:\\"a\\""; *net/http.Cookie}');
  const variadic = new Signature(null, new Tuple([new Var(0, null, 'xs', new Slice(Typ.Int))]), new Tuple([]), true);
  assert.equal(typeString(variadic), 'func(xs ...int)');
  assert.ok(identical(new MapType(Typ.String, Typ.Int), new MapType(Typ.String, Typ.Int)));
  assert.ok(!identical(new MapType(Typ.String, Typ.Int), new MapType(Typ.String, Typ.Int64)));
});

test('maps, locks, embedding and callees in the cache fixture', () => {
  const { cp, src, file } = checkFixture('cache');
  const info = cp.info;
  assert.deepEqual(cp.errors, []);

  const items = find(file, src, 'SelectorExpr', 'c.items', 'func (c *Cache) Get');
  assert.equal(info.typeOf(items)?.toString(), 'map[string]*net/http.Cookie');
  assert.ok(isMapType(info.typeOf(items)));
  const sel = info.selection(items)!;
  assert.equal(sel.kind, SelectionKind.FieldVal);
  assert.deepEqual(sel.index, [1]);
  assert.equal(sel.indirect, true);

  const mu = find(file, src, 'SelectorExpr', 'c.mu', 'func (c *Cache) Get');
  assert.ok(isSyncRWMutex(info.typeOf(mu)));
  assert.ok(!isSyncMutex(info.typeOf(mu)));

  // c.Lock() reaches (*sync.Mutex).Lock through the embedded inner struct.
  const lockCall = find(file, src, 'CallExpr', 'c.Lock()');
  const lock = calleeOf(info, lockCall)!;
  assert.equal((lock.obj as Func).fullName(), '(*sync.Mutex).Lock');
  assert.equal(lock.static, true);
  assert.deepEqual(lock.selection!.index, [2, 0, 0]);

  // c.Miss() reaches (*stats).Miss through an embedded pointer; its declaration is known.
  const miss = calleeOf(info, find(file, src, 'CallExpr', 'c.Miss()'))!;
  assert.equal((miss.obj as Func).fullName(), '(*example.com/fixture/cache.stats).Miss');
  assert.equal(miss.decl?.Name.Name, 'Miss');

  const store = calleeOf(info, find(file, src, 'CallExpr', 'c.m.Store(k, v)'))!;
  assert.equal((store.obj as Func).fullName(), '(*sync.Map).Store');
  assert.ok(isSyncMap(info.typeOf(find(file, src, 'SelectorExpr', 'c.m', 'c.m.Store'))));
  assert.ok(isWaitGroup(info.typeOf(find(file, src, 'SelectorExpr', 'c.wg', 'c.wg.Add'))));
  assert.ok(isAtomicType(info.typeOf(find(file, src, 'SelectorExpr', 'c.count', 'c.count.Add'))));
  const lenCall = find(file, src, 'CallExpr', 'len(c.items)');
  assert.equal(calleeOf(info, lenCall)!.obj.name, 'len');

  // Method value and method expression.
  assert.equal(info.typeOf(find(file, src, 'SelectorExpr', 'c.Get', 'get :='))?.toString(), 'func(k string) (*net/http.Cookie, bool)');
  const putExpr = find(file, src, 'SelectorExpr', '(*Cache).Put');
  assert.equal(info.selection(putExpr)!.kind, SelectionKind.MethodExpr);
  assert.equal(info.typeOf(putExpr)?.toString(), 'func(c *example.com/fixture/cache.Cache, k string, v *net/http.Cookie)');

  // The channel's buffer size is a constant.
  const mk = find(file, src, 'CallExpr', 'make(chan int, 4)');
  assert.equal(info.typeAndValue(mk.Args[1]!)?.value?.kind, 'int');
  assert.equal(info.typeOf(find(file, src, 'SelectorExpr', 'c.ch', 'c.ch <-'))?.toString(), 'chan<- int');

  // Method sets: *Cache has Get, Put, Len, Lock, Unlock, Miss; Cache (a value) has Lock? no: pointer receivers.
  const cacheT = cp.pkg.scope.lookup('Cache')!.type;
  const ptrNames = methodSet(new Pointer(cacheT)).map((m) => m.obj.name);
  for (const n of ['Get', 'Put', 'Len', 'Lock', 'Unlock', 'TryLock', 'Miss']) assert.ok(ptrNames.includes(n), `*Cache has ${n}: ${ptrNames}`);
  const valNames = methodSet(cacheT).map((m) => m.obj.name);
  assert.ok(!valNames.includes('Get'));
  assert.ok(valNames.includes('Miss'), 'Miss comes through the embedded *stats');
  const r = lookupFieldOrMethod(cacheT, true, cp.pkg, 'hits');
  assert.ok(r !== null && typeof r === 'object');
  assert.deepEqual(r.index, [2, 1]);
  assert.equal(r.obj.name, 'hits');
});

test('generics, iterators and the other expression forms in the gen fixture', () => {
  const { cp, src, file } = checkFixture('gen');
  const info = cp.info;
  assert.deepEqual(cp.errors, []);
  const ident = (text: string, after: string): Expr => find(file, src, 'Ident', text, after);
  assert.equal(info.typeOf(ident('l', 'l := &List'))?.toString(), '*example.com/fixture/gen.List[string]');
  assert.equal(info.typeOf(ident('v', 'for i, v := range l.All()'))?.toString(), 'string');
  assert.equal(info.typeOf(ident('i', 'for i := range 10'))?.toString(), 'int');
  assert.equal(info.typeOf(ident('ks', 'ks :='))?.toString(), '[]string');
  assert.equal(info.typeOf(ident('n', 'n := Sum'))?.toString(), 'int');
  assert.equal(info.typeOf(ident('f', 'f := Sum'))?.toString(), 'func(xs ...float64) float64');
  assert.equal(info.typeOf(ident('grid', 'grid :='))?.toString(), '[][]example.com/fixture/gen.Square');
  assert.equal(info.typeOf(ident('m', 'm, ok :='))?.toString(), 'map[string]int');
  assert.equal(info.typeOf(ident('ok', 'm, ok :='))?.toString(), 'bool');
  assert.equal(info.typeOf(ident('arr', 'var arr'))?.toString(), '[8]byte');
  assert.equal(info.typeOf(ident('s', 's := fmt'))?.toString(), 'string');
  // The symbolic variable of a type switch is one implicit object per clause.
  const push = calleeOf(info, find(file, src, 'CallExpr', 'l.Push("a")'))!;
  assert.equal(push.origin.name, 'Push');
  assert.equal(push.decl?.Name.Name, 'Push');
  const sum = calleeOf(info, find(file, src, 'CallExpr', 'Sum(1, 2, 3)'))!;
  assert.equal(sum.decl?.Name.Name, 'Sum');
  assert.ok(info.instances.size >= 3);
  const items = find(file, src, 'SelectorExpr', 'l.items', 'func (l *List[T]) Push');
  assert.equal(info.typeOf(items)?.toString(), '[]T');
});

test('code that does not type-check gives unknown types, never an exception', () => {
  const { cp, src, file } = checkFixture('broken');
  const info = cp.info;
  assert.ok(cp.errors.length > 0);
  assert.ok(isMapType(info.typeOf(find(file, src, 'SelectorExpr', 't.data'))));
  assert.ok(isSyncMutex(info.typeOf(find(file, src, 'SelectorExpr', 't.mu', 't.mu.Lock'))));
  assert.equal(info.typeOf(find(file, src, 'SelectorExpr', 't.ext')), Typ.Invalid);
  const call: CallExpr = find(file, src, 'CallExpr', 'x.Field.Method()');
  assert.equal(calleeOf(info, call), null);
});

test('malformed declarations in memory do not throw', () => {
  // A named type whose underlying type refers to itself, and an import cycle of one.
  const loader = createLoader({ cwd: fixtureDir, tests: false });
  const program = new Program(loader);
  const { packages } = loader.packages([join(fixtureDir, 'gen')]);
  assert.doesNotThrow(() => program.check(packages[0]!, { tests: true }));
});

test('a package imported without bodies and checked later gets the types a fresh check gives', (t) => {
  if (!requireGo(t)) return;
  // cache imports sync: with skipImportBodies, sync is first parsed for its
  // declarations only; checking it afterwards must fill its bodies in by position.
  const loader = createLoader({ cwd: fixtureDir, tests: false });
  const program = new Program(loader, { skipImportBodies: true });
  program.check(loader.packages([join(fixtureDir, 'cache')]).packages[0]!);
  const sync = loader.resolveImport('sync', join(fixtureDir, 'cache'))!;
  for (const f of sync.goFiles) assert.equal(program.parses.get(f), 1, `${f} parsed once, for cache's use of sync`);
  const [filled] = program.check(sync);
  for (const f of sync.goFiles) assert.equal(program.parses.get(f), 2, `${f} parsed again for its bodies`);

  const fresh = new Program(createLoader({ cwd: fixtureDir, tests: false }));
  const [direct] = fresh.check(fresh.loader.resolveImport('sync', join(fixtureDir, 'cache'))!);
  const records = (p: Program, cp: CheckedPackage): string[] => {
    const out: string[] = [];
    for (const f of cp.files) dumpFile(p.fset, cp.info, f.file, (r) => out.push(JSON.stringify(r)));
    return out;
  };
  const a = records(program, filled!);
  const b = records(fresh, direct!);
  assert.ok(b.length > 1000, `sync has many records (${b.length})`);
  assert.deepEqual(a, b);
  assert.deepEqual(filled!.errors, direct!.errors);
});

test('an import is read only once an importer looks into it', (t) => {
  if (!requireGo(t)) return;
  const loader = createLoader({ cwd: fixtureDir, tests: false });
  const program = new Program(loader, { skipImportBodies: true });
  const cacheDir = join(fixtureDir, 'cache');
  program.check(loader.packages([cacheDir]).packages[0]!);
  const sync = loader.resolveImport('sync', cacheDir)!;
  const read = (path: string, from: string) => loader.resolveImport(path, from)!.goFiles.some((f) => program.parses.has(f));
  assert.ok(read('sync', cacheDir) && read('net/http', cacheDir), 'what cache uses is read');
  // sync imports internal/race for its function bodies only, which cache never looks into.
  assert.ok(!read('internal/race', sync.dir), 'internal/race is not read');
});

test('bodies checked on demand answer every question as a full check does', (t) => {
  if (!requireGo(t)) return;
  for (const dir of ['cache', 'gen']) {
    const records = (p: Program, cp: CheckedPackage): string[] => {
      const out: string[] = [];
      for (const f of cp.files) dumpFile(p.fset, cp.info, f.file, (r) => out.push(JSON.stringify(r)));
      return out;
    };
    const fullLoader = createLoader({ cwd: fixtureDir, tests: false });
    const full = new Program(fullLoader);
    const [whole] = full.check(fullLoader.packages([join(fixtureDir, dir)]).packages[0]!);
    const lazyLoader = createLoader({ cwd: fixtureDir, tests: false });
    const lazy = new Program(lazyLoader, { skipImportBodies: true });
    const [prepared] = lazy.prepare(lazyLoader.packages([join(fixtureDir, dir)]).packages[0]!, { bodiesOnDemand: true });
    // dumpFile asks about every node in source order: each body is checked when first asked about.
    const a = records(lazy, prepared!.check());
    const b = records(full, whole!);
    assert.ok(b.length > 100, `${dir} has records (${b.length})`);
    assert.deepEqual(a, b, dir);
  }
});

test('a released Info answers nothing, and the next package reuses its position index', (t) => {
  if (!requireGo(t)) return;
  const records = (p: Program, cp: CheckedPackage): string[] => {
    const out: string[] = [];
    for (const f of cp.files) dumpFile(p.fset, cp.info, f.file, (r) => out.push(JSON.stringify(r)));
    return out;
  };
  const typed = (rs: string[]): number => rs.filter((r) => (JSON.parse(r) as { type: string }).type !== '').length;
  // net/http's source is larger than the packages checked after it, so their indexes are
  // views of the one net/http gave back, and they overlap its records: a slot left set
  // points at a row the new Info does not have.
  const loader = createLoader({ cwd: fixtureDir, tests: false });
  const program = new Program(loader);
  const [http] = program.check(loader.resolveImport('net/http', join(fixtureDir, 'cache'))!);
  assert.ok(typed(records(program, http!)) > 10000, 'net/http is typed before release');
  program.release(http!);
  assert.equal(typed(records(program, http!)), 0, 'after release, nothing is recorded');
  const cacheDir = join(fixtureDir, 'cache');
  for (const path of ['encoding/json', 'strconv', 'example.com/fixture/gen']) {
    const [reused] = program.check(loader.resolveImport(path, cacheDir)!);
    const freshLoader = createLoader({ cwd: fixtureDir, tests: false });
    const fresh = new Program(freshLoader);
    const [direct] = fresh.check(freshLoader.resolveImport(path, cacheDir)!);
    const a = records(program, reused!);
    assert.ok(typed(a) > 100, `${path} has typed records (${typed(a)})`);
    assert.deepEqual(a, records(fresh, direct!), path);
    fresh.release(direct!);
    program.release(reused!);
  }
});

test('string literals: the value Go gives them', () => {
  const cases: [string, string][] = [
    ['"plain"', 'plain'],
    ['"a\\x41\\101\\u00e9\\U0001F600\\n\\t\\"\\\\"', 'aAA\u00e9\u{1F600}\n\t"\\'],
    ['"\\a\\b\\f\\r\\v\\\'"', '\x07\b\f\r\v\''],
    ['"\\xe2\\x82\\xac"', '\u20ac'], // the bytes of one UTF-8 character, one escape each
    ['"é😀 and \\x20"', 'é😀 and  '],
    ['`raw \\n\r\nline`', 'raw \\n\nline'], // carriage returns are dropped from raw strings
  ];
  for (const [lit, want] of cases) assert.equal(unquote(lit), want, lit);
});
