// The model summarises only the functions whose summaries it reads (spawning functions,
// concurrent entry methods, handlers, and what they name), not every declaration. On
// packages whose call chains reach the depth bound that can change what a read summary
// holds (it is no longer first made deep inside some unread caller's walk: see
// buildModel); on the labelled fixtures, the examples and the check testdata, whose chains
// are short, it must change nothing, and these tests prove it does not.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createLoader } from '../../load/index.js';
import { parseFile } from '../../syntax/parser.js';
import { FileSet } from '../../syntax/position.js';
import type * as ast from '../../syntax/ast.js';
import { buildJobSyntax, jobsOf } from '../units.js';
import { listLabelledCases } from '../fixtures/manifest.js';
import { findGo, repoRoot } from '../../testutil/go.js';
import { buildModel, mayStartBySyntax, mayStartGoroutines, nameGraph, withWalkerTypes, type ConcurrencyModel, type ModelOptions } from './model.js';
import { importedCode } from './crosspkg.js';
import type { ImportedCode, SourceAccess } from './summarize.js';

function decls(src: string): Map<string, ast.FuncDecl> {
  const { file } = parseFile(new FileSet(), 'x.go', new TextEncoder().encode(src));
  const out = new Map<string, ast.FuncDecl>();
  for (const d of file.Decls) if (d.kind === 'FuncDecl') out.set(d.Name.Name, d);
  return out;
}

test('functions that can start goroutines: by syntax, then through the names they mention', () => {
  const ds = decls(`package p
func spawn() { go work() }
func work() {}
func viaCall() { spawn() }
func viaValue() { f := viaCall; f() }
func group(g interface{ Go(func() error) }) { g.Go(nil) }
func timer() { time.AfterFunc(0, work) }
func handler() { http.HandleFunc("/", nil) }
type T struct{}
func (T) run() { viaValue() }
func quiet() { work() }
`);
  const got = mayStartGoroutines([...ds.values()]);
  const names = [...ds].filter(([, d]) => got.has(d)).map(([n]) => n).sort();
  assert.deepEqual(names, ['group', 'handler', 'run', 'spawn', 'timer', 'viaCall', 'viaValue']);
});

test('a plain name reaches only functions, a selector only methods', () => {
  const { file } = parseFile(
    new FileSet(),
    'x.go',
    new TextEncoder().encode(`package p
type S struct{}
func (S) launch() { go work() }
func launch() {}
func work() {}
func callsFunc() { launch() }
func callsMethod(s S) { s.launch() }
func methodValue(s S) { f := s.launch; f() }
func funcValue() { f := launch; f() }
`),
  );
  const all = file.Decls.filter((d): d is ast.FuncDecl => d.kind === 'FuncDecl');
  const got = mayStartGoroutines(all);
  const label = (d: ast.FuncDecl) => (d.Recv ? 'S.' : '') + d.Name.Name;
  assert.deepEqual(all.filter((d) => got.has(d)).map(label).sort(), ['S.launch', 'callsMethod', 'methodValue']);
});

test('a package that may start a goroutine is told from its bytes: keywords and call names outside comments and literals', () => {
  const starts = (src: string) => mayStartBySyntax(new TextEncoder().encode(src));
  for (const src of [
    'package p\nfunc f() { go g() }',
    'package p\nfunc f() {\n\tgo func() {}()\n}',
    'package p\nfunc f(){go(g)()}',
    'package p\nfunc f(g *errgroup.Group) { g.Go(nil) }',
    'package p\nfunc f() { time.AfterFunc(0, nil) }',
    'package p\nfunc f() { http.HandleFunc("/", nil); http.Handle("/", nil); _ = http.HandlerFunc(nil) }',
    'package p\nvar s = "a\\"" ; func f() { go g() }',
    "package p\nvar r = '\\''; func f() { go g() }",
  ]) {
    assert.ok(starts(src), src);
  }
  for (const src of [
    'package p\n// go g()\nfunc f() {}',
    'package p\n/* go g() */ func f() {}',
    'package p\n//go:build linux\nfunc f() {}',
    'package p\nvar s = "go Go AfterFunc"',
    'package p\nvar s = `go\nHandle`',
    'package p\nvar r = \'g\'',
    'package p\nfunc gopher() { goto done; done: Gone(); Handler(); HandleFuncs() }',
    'package p\nfunc f() { ago := 1; _ = ago; _ = 0x60 }',
  ]) {
    assert.ok(!starts(src), src);
  }
});

function describeRaces(m: ConcurrencyModel): string[] {
  return m.races.map((r) => `${r.kind} ${r.a.pos}-${r.a.end} ${r.a.op} ${r.a.fn} | ${r.b.pos}-${r.b.end} ${r.b.op} ${r.b.fn} | ${r.actx.describe} | ${r.bctx.describe}`);
}

/**
 * Over the corpus, the races of the model as check builds it must be those of the model
 * built with `other`; `each` sees every unit's model as check builds it.
 */
function assertSameRaces(other: ModelOptions, each?: (m: ConcurrencyModel, u: Unit) => void): void {
  let units = 0;
  let races = 0;
  forEachCorpusUnit(corpusDirs(), (u, src, imported) => {
    const m = buildModel(u.files, src, u.goVersion, { imports: imported() });
    const reference = buildModel(u.files, src, u.goVersion, { ...other, imports: imported() });
    assert.deepEqual(describeRaces(m), describeRaces(reference), `races differ in ${u.importPath} (${u.dir})`);
    units++;
    races += m.races.length;
    each?.(m, u);
  });
  // The comparison must have exercised both sides.
  assert.ok(units > 100 && races > 50, `too little compared: ${units} packages, ${races} races`);
}

test('summarising only what the model reads finds the same races as summarising every declaration', () => {
  let skipped = 0;
  assertSameRaces({ keepAllEvents: true }, (m, u) => {
    for (const f of u.files) for (const d of f.Decls) if (d.kind === 'FuncDecl' && d.Body && !m.summarizer.hasSummary(d)) skipped++;
  });
  assert.ok(skipped > 0, 'no declaration was skipped');
});

/** The labelled fixtures, the examples and the map-race/data-race testdata: every module the engine is proven on. */
function corpusDirs(): Set<string> {
  const dirs = new Set(listLabelledCases().map((c) => join(repoRoot, c.moduleDir)));
  for (const extra of ['examples', 'src/checks/map-race/testdata', 'src/checks/data-race/testdata']) {
    if (existsSync(join(repoRoot, extra, 'go.mod'))) dirs.add(join(repoRoot, extra));
  }
  return dirs;
}

type Unit = ReturnType<typeof buildJobSyntax>['units'][number];

/** Calls f with each package unit of the modules in dirs (tests included), its source access and its imports (calls into them are followed). */
function forEachCorpusUnit(dirs: Iterable<string>, f: (u: Unit, src: SourceAccess, imported: () => ImportedCode) => void): void {
  for (const dir of dirs) {
    const loader = createLoader({ cwd: dir, tests: true });
    const imports = { loader, fset: new FileSet() };
    for (const job of jobsOf(loader.packages(['./...']).packages, null, true)) {
      for (const u of buildJobSyntax(job, [], imports).units) {
        const line = (p: number) => u.fset.position(p).line;
        const src = { source: (file: ast.File) => u.source(file), fileAt: (p: number) => u.fileAt(p), line };
        f(u, src, () => importedCode((path, fromDir) => u.imported(path, fromDir), u, line));
      }
    }
  }
}

test('the name graph names every declaration a walk resolves a call to, its methods by the walk\'s own types', (t) => {
  // The model summarises only what the graph reaches from spawners and entry methods: a
  // call the walk resolves that the graph misses would leave a summary out. The graph
  // types a method call's receiver as the walk will (Summarizer.bodyTyper); this proves
  // it agrees wherever a walk resolved a call. RACEWATCH_GRAPH_FULL=1 adds GOROOT/src.
  const dirs = corpusDirs();
  const go = process.env['RACEWATCH_GRAPH_FULL'] === '1' ? findGo() : null;
  if (go) dirs.add(join(go.goroot, 'src'));
  let resolved = 0;
  let typedEdges = 0;
  let untypedEdges = 0;
  forEachCorpusUnit(dirs, (u, src, imported) => {
    const seen: [ast.FuncDecl, ast.FuncDecl][] = [];
    const m = buildModel(u.files, src, u.goVersion, {
      keepAllEvents: true,
      imports: imported(),
      observeCallee: (caller, callee) => seen.push([caller, callee]),
    });
    const decls = u.files.flatMap((f) => f.Decls.filter((d): d is ast.FuncDecl => d.kind === 'FuncDecl' && d.Body !== null));
    const untyped = nameGraph(decls);
    const typed = withWalkerTypes(untyped, decls, m.summarizer);
    for (const [caller, callee] of seen) {
      if (caller === callee || callee.Body === null) continue; // recursion (the walk asks and is refused), or nothing to summarise
      const at = u.fset.position(callee.Name.NamePos);
      assert.ok(typed.names.get(caller)?.includes(callee), `${m.summarizer.funcName(caller)} resolves a call to ${m.summarizer.funcName(callee)} (${at.filename}:${at.line}), which the name graph misses`);
      resolved++;
    }
    for (const d of decls) {
      typedEdges += typed.names.get(d)?.length ?? 0;
      untypedEdges += untyped.names.get(d)?.length ?? 0;
    }
  });
  assert.ok(resolved > 300, `too few calls resolved: ${resolved}`);
  // The types must have removed edges (methods of other types that share a name).
  assert.ok(typedEdges < untypedEdges, `typed graph ${typedEdges} edges, untyped ${untypedEdges}`);
  t.diagnostic(`${resolved} resolved calls named by the graph; ${typedEdges} edges typed, ${untypedEdges} by names alone`);
});

test("building only the spawner's accesses its goroutines can meet finds the same races as building them all", () => {
  assertSameRaces({ keepAllAccesses: true });
});

test("a spawner's access left out still shows the Once it went through", () => {
  // warm's increment touches nothing a goroutine touches, so it is not built; the
  // Once.Do it ran under still orders load's write of cfg (if load's function ran at
  // all) before the goroutine read starts. Without going through the Once, they race.
  const program = (run: string) => `package p

import "sync"

type Server struct {
	once sync.Once
	cfg  map[string]int
}

var (
	srv     Server
	warmups int
)

func load() { srv.once.Do(func() { srv.cfg = map[string]int{"a": 1} }) }

func read() { _ = srv.cfg["a"] }

func warm() { srv.once.Do(func() { warmups++ }) }

${run}
`;
  const races = (source: string, keepAllAccesses: boolean): string[] => {
    const bytes = new TextEncoder().encode(source);
    const fset = new FileSet();
    const { file } = parseFile(fset, 'p.go', bytes);
    const src = { source: () => bytes, fileAt: () => file, line: (p: number) => fset.position(p).line };
    return buildModel([file], src, '1.22', { keepAllAccesses }).races.map((r) => `${r.kind} ${src.line(r.a.pos)}-${src.line(r.b.pos)}`);
  };
  const warmed = program('func start() {\n\twarm()\n\tgo read()\n}\n\nfunc Run() {\n\tgo load()\n\tstart()\n}');
  assert.deepEqual(races(warmed, true), []);
  assert.deepEqual(races(warmed, false), []);
  const cold = program('func Run() {\n\tgo load()\n\tgo read()\n}');
  assert.deepEqual(races(cold, false), ['map 17-15']);
});
