// runtime-linkname: `//go:linkname local importpath.name` directives that reach into the
// standard library's internals. See doc.md for what and why; the table below is where
// the Go team keeps a supported API for what such hooks were after.

import type { Check, CheckPass } from '../../analysis/check.js';
import { readCheckDoc } from '../../analysis/doc.js';
import type { File } from '../../syntax/ast.js';
import { utf8Length } from '../../syntax/ast.js';

/** What to use instead of a well-known internal symbol ("" when there is nothing supported). */
const SUPPORTED: Record<string, string> = {
  'runtime.maplen': 'len(m)',
  'reflect.maplen': 'len(m) or reflect.Value.Len',
  'runtime.fastrand': 'math/rand/v2 (rand.Uint32)',
  'runtime.fastrand64': 'math/rand/v2 (rand.Uint64)',
  'runtime.fastrandn': 'math/rand/v2 (rand.N or rand.Uint32N)',
  'runtime.fastrandu': 'math/rand/v2 (rand.Uint)',
  'runtime.cheaprand': 'math/rand/v2 (rand.Uint32)',
  'runtime.cheaprandn': 'math/rand/v2 (rand.N)',
  'runtime.rand': 'math/rand/v2 (rand.Uint64)',
  'runtime.nanotime': 'time.Now and time.Since (they read the monotonic clock)',
  'runtime.nanotime1': 'time.Now and time.Since (they read the monotonic clock)',
  'runtime.walltime': 'time.Now',
  'time.now': 'time.Now',
  'time.runtimeNano': 'time.Now and time.Since (they read the monotonic clock)',
  'runtime.procPin': 'nothing supported: sync.Pool, or sharding by runtime.NumCPU, gives per-P caching without pinning',
  'runtime.procUnpin': 'nothing supported: sync.Pool, or sharding by runtime.NumCPU, gives per-P caching without pinning',
  'sync.runtime_procPin': 'nothing supported: sync.Pool, or sharding by runtime.NumCPU, gives per-P caching without pinning',
  'sync.runtime_procUnpin': 'nothing supported: sync.Pool, or sharding by runtime.NumCPU, gives per-P caching without pinning',
  'runtime.memhash': 'hash/maphash (maphash.Bytes)',
  'runtime.strhash': 'hash/maphash (maphash.String)',
  'runtime.memhash64': 'hash/maphash (maphash.Comparable)',
  'runtime.memhash32': 'hash/maphash (maphash.Comparable)',
  'runtime.memmove': 'the copy builtin',
  'runtime.memclrNoHeapPointers': 'the clear builtin',
  'runtime.mallocgc': 'make or new',
  'runtime.typedmemmove': 'the copy builtin or reflect.Copy',
  'runtime.throw': 'panic (or log.Fatal)',
  'runtime.fatal': 'panic (or log.Fatal)',
  'runtime.goid': 'nothing supported: pass a context.Context or an explicit ID instead of goroutine identity',
  'runtime.getg': 'nothing supported: pass a context.Context or an explicit ID instead of goroutine identity',
  'runtime.gopark': 'channels, sync.Cond or sync.Mutex',
  'runtime.goready': 'channels, sync.Cond or sync.Mutex',
  'sync.runtime_Semacquire': 'channels or sync.Mutex',
  'sync.runtime_Semrelease': 'channels or sync.Mutex',
  'runtime.semacquire': 'channels or sync.Mutex',
  'runtime.semrelease': 'channels or sync.Mutex',
  'runtime.stopTheWorld': 'nothing supported',
  'runtime.startTheWorld': 'nothing supported',
  'runtime.findfunc': 'runtime.FuncForPC or runtime.CallersFrames',
  'runtime.funcname': 'runtime.FuncForPC(pc).Name()',
  'runtime.mapaccess1': 'an ordinary index expression m[k]',
  'runtime.mapaccess2': 'the comma-ok form v, ok := m[k]',
  'runtime.mapassign': 'an ordinary assignment m[k] = v',
  'runtime.mapdelete': 'the delete builtin',
  'runtime.mapiterinit': 'for range over the map, or the maps package',
  'runtime.mapiternext': 'for range over the map, or the maps package',
  'runtime.mapclear': 'the clear builtin',
  'runtime.makemap': 'make(map[K]V, hint)',
  'runtime.stringtoslicebyte': 'unsafe.Slice(unsafe.StringData(s), len(s)) when the bytes are never written, else []byte(s)',
  'runtime.slicebytetostring': 'unsafe.String(unsafe.SliceData(b), len(b)) when the bytes never change afterwards, else string(b)',
  'reflect.unsafe_New': 'reflect.New',
  'reflect.typedmemmove': 'reflect.Copy or reflect.Value.Set',
  'runtime.noescape': 'nothing supported',
  'runtime.gcWriteBarrier': 'nothing supported',
  'runtime.GOMAXPROCS': 'runtime.GOMAXPROCS, called normally',
};

/** Splits `path/to/pkg.name` (name may be `(*T).m`) at the first dot after the last slash. */
export function splitSymbol(target: string): { path: string; name: string } | null {
  const slash = target.lastIndexOf('/');
  const dot = target.indexOf('.', slash + 1);
  if (dot <= 0 || dot === target.length - 1) return null;
  return { path: target.slice(0, dot), name: target.slice(dot + 1) };
}

/** The standard library's import paths have no dot in their first element ("C" is cgo's pseudo-package). */
export function isStandardImportPath(path: string): boolean {
  const first = path.split('/')[0]!;
  return first !== '' && !first.includes('.') && path !== 'C';
}

function definedFuncs(file: File): Set<string> {
  const names = new Set<string>();
  for (const d of file.Decls) if (d.kind === 'FuncDecl' && d.Recv === null && d.Body !== null) names.add(d.Name.Name);
  return names;
}

function describe(path: string): string {
  if (path === 'runtime' || path.startsWith('runtime/')) return 'the runtime';
  if (path === 'internal' || path.startsWith('internal/') || path.includes('/internal/') || path.endsWith('/internal')) return 'an internal package of the standard library';
  return 'the standard library';
}

function run(pass: CheckPass): void {
  const pkg = pass.pkg;
  // The standard library links to itself by design (runtime hooks for sync, time, os…).
  if (pkg.inGoroot && !pass.settings.includeGoroot) return;
  const ownPrefix = pkg.module && pkg.module.path !== 'std' ? pkg.module.path : pkg.importPath;
  for (const file of pkg.files) {
    let pushes: Set<string> | undefined;
    for (const group of file.Comments) {
      for (const c of group.List) {
        if (!c.Text.startsWith('//go:linkname ')) continue;
        const fields = c.Text.slice('//go:linkname '.length).trim().split(/\s+/);
        // The one-argument form only marks a local symbol as linkable: nothing is pulled.
        if (fields.length < 2) continue;
        const [local, target] = fields as [string, string];
        const sym = splitSymbol(target);
        if (!sym || !isStandardImportPath(sym.path)) continue;
        if (sym.path === pkg.importPath || sym.path === ownPrefix || sym.path.startsWith(ownPrefix + '/')) continue;
        pushes ??= definedFuncs(file);
        const where = describe(sym.path);
        const instead = SUPPORTED[target];
        let message = pushes.has(local)
          ? `//go:linkname defines ${local} as ${target}, a symbol of ${where}: the name belongs to the standard library, whose internals change between releases without notice`
          : `//go:linkname pulls ${target} from ${where} into ${local}: since Go 1.23 the linker rejects such pulls unless the symbol is still marked linkable for old code or the build uses -ldflags=-checklinkname=0`;
        if (instead !== undefined) {
          message += instead.startsWith('nothing supported') ? `; there is ${instead.replace(/^nothing supported/, 'no supported equivalent')}` : `; use ${instead} instead`;
        }
        if (target === 'runtime.maplen') message += ' (len(m) does not call runtime.maplen: the compiler reads the length from the map header inline, so a hook here never sees it)';
        pass.report({ pos: c.Slash, end: c.Slash + utf8Length(c.Text), message });
      }
    }
  }
}

export const runtimeLinkname: Check = {
  name: 'runtime-linkname',
  severity: 'warning',
  requires: [],
  syntaxOnly: true,
  run,
  doc: {
    title: '//go:linkname reaching into the runtime or other standard-library internals',
    markdown: readCheckDoc(import.meta.url),
  },
};
