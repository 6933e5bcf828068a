// Which expressions may hold a sync.Map by value, from names alone: the copies search
// asks the types only about these, and a package with none of them at a copy site is
// not type-checked for the copies search at all.
//
// A value holding a sync.Map has a type spelled somewhere in this package: sync.Map
// itself, or a type declared here that holds one. Every expression of such a type is
// built from names: a variable, parameter or result declared with that type or
// initialised from such an expression, a field declared with it, a function or method
// returning it, a type (or alias) whose declaration mentions it. Spellings are collected
// to a fixed point over the package's declarations, then within each function over its
// own definitions, each with what it may hold: a pointer to such a value, or the value
// (a struct holding one, a collection of them: indexing gives one). Plain identifiers
// and selected names (fields, methods) are kept apart, so a field `m` is not confused
// with a variable `m`. Over-approximation is safe: it only costs a type-check.
//
// Values whose types come from another package (reachable without naming anything
// declared here, such as `otherpkg.Var`) are left to go vet's copylocks, as those of a
// package that never names sync.Map always were: it reports every copy of a sync.Map
// through the noCopy the Map holds.

import type { PackageUnit } from '../../analysis/pass.js';
import {
  type Decl, type Expr, type Field, type FieldList, type File, type FuncDecl, type FuncType, type Node, end, inspect, pos,
} from '../../syntax/ast.js';
import { Token } from '../../syntax/token.js';

/** What a name or an expression may hold: 0 nothing of interest, a pointer to a holder, or a holder (value). */
const NONE = 0;
const POINTER = 1;
const VALUE = 2;
type Kind = typeof NONE | typeof POINTER | typeof VALUE;

interface Names {
  /** Plain identifiers: types, variables, constants, functions, parameters, locals. */
  readonly idents: Map<string, Kind>;
  /** Selected names: fields (an embedded one by its type's name) and methods. */
  readonly fields: Map<string, Kind>;
  /** The file's import names, where not redefined locally: `x.Sel` on them is another package's. */
  readonly imports: ReadonlySet<string>;
}

/** Whether a type expression spells sync.Map or a type of this package that may hold one (any kind). */
function typeMentions(t: Node | null | undefined, n: Names): boolean {
  if (!t) return false;
  let found = false;
  inspect(t, (c) => {
    if (found) return false;
    if (c.kind === 'SelectorExpr') {
      // A qualified type: only sync.Map is one (another package's holders are not followed).
      if (c.Sel.Name === 'Map') found = true;
      return false;
    }
    if (c.kind === 'Ident' && (n.idents.get(c.Name) ?? NONE) !== NONE) found = true;
    return !found;
  });
  return found;
}

/**
 * What a type gives a name declared with it: VALUE when a holder is reachable without a
 * pointer (the type itself, a struct or array holding one, or a collection whose
 * elements are holders: indexing or ranging gives one), POINTER when only through one
 * (`*T`, `[]*T`, a struct holding `*T` is NONE: copying it copies no Map).
 */
function typeKind(t: Expr | null | undefined, n: Names): Kind {
  if (!t) return NONE;
  switch (t.kind) {
    case 'ParenExpr':
      return typeKind(t.X, n);
    case 'Ident':
      return n.idents.get(t.Name) ?? NONE;
    case 'SelectorExpr':
      // Another package's type: only sync.Map (or any type named Map) is followed.
      return t.Sel.Name === 'Map' ? VALUE : NONE;
    case 'StarExpr': {
      const k = typeKind(t.X, n);
      // Ranging over a pointer to an array gives its elements.
      if (t.X.kind === 'ArrayType' && t.X.Len !== null) return k;
      return k !== NONE ? POINTER : NONE;
    }
    case 'ArrayType':
      return typeKind(t.Elt, n);
    case 'Ellipsis':
      return typeKind(t.Elt, n);
    case 'ChanType':
      return typeKind(t.Value, n);
    case 'MapType':
      return max(typeKind(t.Key, n), typeKind(t.Value, n));
    case 'StructType': {
      for (const f of t.Fields.List) if (typeKind(f.Type, n) === VALUE) return VALUE;
      return NONE;
    }
    case 'FuncType':
    case 'InterfaceType':
      // Calling or asserting is what gives a value: resultKind, TypeAssertExpr.
      return NONE;
    case 'IndexExpr':
      return max(typeKind(t.X, n), typeKind(t.Index, n));
    case 'IndexListExpr':
      return t.Indices.reduce<Kind>((k, i) => max(k, typeKind(i, n)), typeKind(t.X, n));
    default:
      return typeMentions(t, n) ? VALUE : NONE;
  }
}

/** What a function's results may hold (the largest over them). */
function resultKind(ft: FuncType, n: Names): Kind {
  let k: Kind = NONE;
  for (const f of ft.Results?.List ?? []) k = Math.max(k, typeKind(f.Type, n)) as Kind;
  return k;
}

function max(a: Kind, b: Kind): Kind {
  return a > b ? a : b;
}

/** What an expression's value may hold. */
function exprKind(e: Expr, n: Names): Kind {
  switch (e.kind) {
    case 'Ident':
      return n.idents.get(e.Name) ?? NONE;
    case 'ParenExpr':
    case 'SliceExpr':
      return exprKind(e.X, n);
    case 'StarExpr':
      return exprKind(e.X, n) !== NONE ? VALUE : NONE;
    case 'UnaryExpr':
      if (e.Op === Token.AND) return exprKind(e.X, n) !== NONE ? POINTER : NONE;
      // A receive gives an element of the channel (a collection's kind is its elements').
      if (e.Op === Token.ARROW) return exprKind(e.X, n);
      return NONE;
    case 'SelectorExpr':
      if (e.X.kind === 'Ident' && n.imports.has(e.X.Name)) return NONE;
      return n.fields.get(e.Sel.Name) ?? NONE;
    case 'IndexExpr':
      // An element (a collection's kind is its elements'), or an instantiation with a holder.
      return max(exprKind(e.X, n), typeKind(e.Index, n));
    case 'CallExpr': {
      const f = e.Fun;
      if (f.kind === 'Ident' && (f.Name === 'new' || f.Name === 'make') && !n.idents.has(f.Name)) {
        const k = typeKind(e.Args[0] ?? null, n);
        return f.Name === 'new' ? (k !== NONE ? POINTER : NONE) : k;
      }
      let k = calleeKind(f, n);
      // A generic callee may return what it is given.
      for (const a of e.Args) k = max(k, exprKind(a, n));
      return k;
    }
    case 'TypeAssertExpr':
      return e.Type === null ? exprKind(e.X, n) : typeKind(e.Type, n);
    case 'CompositeLit':
      return e.Type !== null && typeMentions(e.Type, n) ? VALUE : NONE;
    case 'FuncLit':
    case 'BasicLit':
    case 'BinaryExpr':
    case 'KeyValueExpr':
      return NONE;
    default:
      // Anything else (instantiations with several type arguments, type expressions): by every name in it.
      return typeMentions(e, n) || mentionsField(e, n) ? VALUE : NONE;
  }
}

function mentionsField(e: Node, n: Names): boolean {
  let found = false;
  inspect(e, (c) => {
    if (c.kind === 'SelectorExpr' && (n.fields.get(c.Sel.Name) ?? NONE) !== NONE) found = true;
    return !found;
  });
  return found;
}

/** What calling `f` returns: a function's or method's results, a conversion's type, a literal's results. */
function calleeKind(f: Expr, n: Names): Kind {
  switch (f.kind) {
    case 'Ident':
      return n.idents.get(f.Name) ?? NONE;
    case 'ParenExpr':
      return calleeKind(f.X, n);
    case 'SelectorExpr':
      return exprKind(f, n);
    case 'FuncLit':
      return resultKind(f.Type, n);
    case 'IndexExpr':
    case 'IndexListExpr':
      return exprKind(f, n);
    default:
      // A conversion to a type spelled in place ([]T(x), (*T)(p), func() T(f)).
      return typeKind(f, n);
  }
}

/** A definition: names in one namespace, and what they may hold given what the others may. */
interface Definition {
  names: string[];
  fields: boolean;
  kind: (n: Names) => Kind;
}

/** A field's names; an embedded field is named by its type (`sync.Map` → Map, `*T[P]` → T). */
function namesOfField(f: Field): string[] {
  if (f.Names.length > 0) return f.Names.map((x) => x.Name);
  let t: Expr | null = f.Type;
  for (;;) {
    if (t === null) return [];
    if (t.kind === 'StarExpr' || t.kind === 'ParenExpr') t = t.X;
    else if (t.kind === 'IndexExpr' || t.kind === 'IndexListExpr') t = t.X;
    else if (t.kind === 'SelectorExpr') return [t.Sel.Name];
    else if (t.kind === 'Ident') return [t.Name];
    else return [];
  }
}

/** Fields of struct types and methods of interface types spelled anywhere under a node. */
function memberDefs(root: Node, defs: Definition[]): void {
  inspect(root, (c) => {
    if (c.kind === 'StructType') {
      for (const f of c.Fields.List) {
        const t = f.Type;
        defs.push({ names: namesOfField(f), fields: true, kind: (n) => typeKind(t, n) });
      }
    } else if (c.kind === 'InterfaceType') {
      for (const f of c.Methods.List) {
        const t = f.Type;
        if (f.Names.length > 0 && t?.kind === 'FuncType') defs.push({ names: f.Names.map((x) => x.Name), fields: true, kind: (n) => resultKind(t, n) });
      }
    }
    return true;
  });
}

/** Names declared by a parameter or result list, each with its type's kind. */
function paramDefs(list: FieldList | null, defs: Definition[], defined: Set<string>): void {
  for (const f of list?.List ?? []) {
    const t = f.Type;
    const names = f.Names.map((x) => x.Name);
    for (const x of names) defined.add(x);
    defs.push({ names, fields: false, kind: (n) => typeKind(t, n) });
  }
}

function identsOf(es: readonly Expr[]): string[] {
  return es.flatMap((e) => (e.kind === 'Ident' && e.Name !== '_' ? [e.Name] : []));
}

/** A var or const spec: each name from its own value when values match names one to one, else from all of them. */
function valueSpecDefs(names: string[], typ: Expr | null, values: readonly Expr[], defs: Definition[]): void {
  if (values.length === names.length) {
    names.forEach((x, i) => {
      const v = values[i]!;
      defs.push({ names: [x], fields: false, kind: (n) => max(typeKind(typ, n), exprKind(v, n)) });
    });
  } else {
    defs.push({ names, fields: false, kind: (n) => values.reduce<Kind>((k, v) => max(k, exprKind(v, n)), typeKind(typ, n)) });
  }
}

function fixedPoint(defs: readonly Definition[], n: Names): void {
  for (let grew = true; grew; ) {
    grew = false;
    for (const d of defs) {
      const k = d.kind(n);
      if (k === NONE) continue;
      const space = d.fields ? n.fields : n.idents;
      for (const x of d.names) {
        if ((space.get(x) ?? NONE) < k) {
          space.set(x, k);
          grew = true;
        }
      }
    }
  }
}

const BUILTINS = new Set([
  'append', 'cap', 'clear', 'close', 'complex', 'copy', 'delete', 'imag', 'len', 'make', 'max', 'min', 'new', 'panic', 'print', 'println',
  'real', 'recover',
]);

export class HolderNames {
  private readonly pkg: { idents: Map<string, Kind>; fields: Map<string, Kind> };
  private readonly byDecl = new Map<FuncDecl, Names>();
  /** Names each function declares (parameters, locals, local types), for shadowing. */
  private readonly definedByDecl = new Map<FuncDecl, Set<string>>();
  /** Package-level type names, and every package-level name other than methods. */
  private readonly typeNames = new Set<string>();
  private readonly pkgDeclared = new Set<string>();
  private readonly importsByFile = new Map<File, Set<string>>();

  private readonly bytesByFile = new Map<File, Buffer>();

  private bytesOf(file: File): Buffer {
    let b = this.bytesByFile.get(file);
    if (!b) {
      const src = this.unit.source(file);
      this.bytesByFile.set(file, (b = Buffer.from(src.buffer, src.byteOffset, src.byteLength)));
    }
    return b;
  }

  /** Whether a declaration's bytes hold any of `words` (substrings: a superset of its identifiers). */
  private declHasAny(file: File, decl: Decl, words: readonly string[]): boolean {
    const bytes = this.bytesOf(file).subarray(pos(decl) - file.FileStart, end(decl) - file.FileStart);
    return words.some((w) => bytes.indexOf(w, 0, 'latin1') >= 0);
  }

  private mentionWords: string[] | undefined;

  /**
   * Whether a declaration may hold a value holding a sync.Map at all: everything that
   * may hold one derives from a name the package gives a kind, or from `Map` spelled
   * in the declaration itself (a local variable or type of sync.Map), so a declaration
   * whose bytes spell none of them holds none (its definitions need not be collected).
   */
  mayMention(file: File, decl: Decl): boolean {
    this.mentionWords ??= ['Map', ...new Set([...this.pkg.idents.keys(), ...this.pkg.fields.keys()])];
    return this.declHasAny(file, decl, this.mentionWords);
  }

  private constructor(private readonly unit: PackageUnit) {
    const files = unit.files;
    const all: Definition[] = [];
    const visit = (d: Decl, defs: Definition[]): void => {
      if (d.kind === 'FuncDecl') {
        const t = d.Type;
        if (d.Recv === null) this.pkgDeclared.add(d.Name.Name);
        defs.push({ names: [d.Name.Name], fields: d.Recv !== null, kind: (n) => resultKind(t, n) });
      } else if (d.kind === 'GenDecl') {
        for (const s of d.Specs) {
          if (s.kind === 'TypeSpec') {
            this.typeNames.add(s.Name.Name);
            this.pkgDeclared.add(s.Name.Name);
            const t = s.Type;
            defs.push({ names: [s.Name.Name], fields: false, kind: (n) => typeKind(t, n) });
          } else if (s.kind === 'ValueSpec') {
            for (const x of s.Names) this.pkgDeclared.add(x.Name);
            valueSpecDefs(s.Names.map((x) => x.Name), s.Type, s.Values, defs);
          }
        }
      }
    };
    for (const f of files) {
      // Each file's declarations see that file's imports.
      const imports = this.importsOf(f);
      const defs: Definition[] = [];
      for (const d of f.Decls) {
        visit(d, defs);
        // Struct and interface types anywhere, function bodies included: their members.
        if (d.kind !== 'FuncDecl' || this.declHasAny(f, d, ['struct', 'interface'])) memberDefs(d, defs);
      }
      for (const d of defs) all.push({ names: d.names, fields: d.fields, kind: (n) => d.kind({ idents: n.idents, fields: n.fields, imports }) });
    }
    this.pkg = { idents: new Map(), fields: new Map() };
    fixedPoint(all, { ...this.pkg, imports: new Set() });
  }

  private static readonly byFiles = new WeakMap<readonly File[], HolderNames>();

  static of(pkg: PackageUnit): HolderNames {
    let h = HolderNames.byFiles.get(pkg.files);
    if (!h) HolderNames.byFiles.set(pkg.files, (h = new HolderNames(pkg)));
    return h;
  }

  private importsOf(file: File): Set<string> {
    let s = this.importsByFile.get(file);
    if (!s) {
      s = new Set();
      for (const spec of file.Imports) {
        const local = spec.Name?.Name;
        if (local === '_' || local === '.') continue;
        // Without a name, the package's own name: usually the last element (not `vN`).
        const parts = spec.Path.Value.slice(1, -1).split('/');
        let last = parts[parts.length - 1] ?? '';
        if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2]!;
        s.add(local ?? last);
      }
      this.importsByFile.set(file, s);
    }
    return s;
  }

  /** What names may hold inside a function (null: at package level) of `file`. */
  private namesIn(file: File, decl: FuncDecl | null): Names {
    if (!decl) return { idents: this.pkg.idents, fields: this.pkg.fields, imports: this.importsOf(file) };
    let n = this.byDecl.get(decl);
    if (n) return n;
    const defs: Definition[] = [];
    const defined = new Set<string>();
    paramDefs(decl.Recv, defs, defined);
    paramDefs(decl.Type.Params, defs, defined);
    paramDefs(decl.Type.Results, defs, defined);
    if (decl.Body) {
      inspect(decl.Body, (c) => {
        switch (c.kind) {
          case 'FuncLit':
            paramDefs(c.Type.Params, defs, defined);
            paramDefs(c.Type.Results, defs, defined);
            break;
          case 'AssignStmt': {
            // Plain assignments as well as definitions: over-approximating is safe.
            const lhs = c.Lhs;
            const rhs = c.Rhs;
            for (const x of identsOf(lhs)) defined.add(x);
            if (lhs.length === rhs.length) {
              lhs.forEach((l, i) => {
                if (l.kind === 'Ident') defs.push({ names: [l.Name], fields: false, kind: (m) => exprKind(rhs[i]!, m) });
              });
            } else {
              defs.push({ names: identsOf(lhs), fields: false, kind: (m) => rhs.reduce<Kind>((k, r) => max(k, exprKind(r, m)), NONE) });
            }
            break;
          }
          case 'ValueSpec': {
            const names = c.Names.map((x) => x.Name);
            for (const x of names) defined.add(x);
            valueSpecDefs(names, c.Type, c.Values, defs);
            break;
          }
          case 'TypeSpec': {
            const t = c.Type;
            defined.add(c.Name.Name);
            defs.push({ names: [c.Name.Name], fields: false, kind: (m) => typeKind(t, m) });
            break;
          }
          case 'RangeStmt': {
            const x = c.X;
            const names = identsOf([c.Key, c.Value].filter((e): e is Expr => e !== null));
            for (const v of names) defined.add(v);
            defs.push({ names, fields: false, kind: (m) => exprKind(x, m) });
            break;
          }
          case 'TypeSwitchStmt': {
            const a = c.Assign;
            if (a.kind === 'AssignStmt' && a.Lhs[0]?.kind === 'Ident') {
              const switched = a.Rhs[0]!;
              const cases: Expr[] = [];
              for (const cl of c.Body.List) if (cl.kind === 'CaseClause') cases.push(...cl.List);
              defined.add(a.Lhs[0].Name);
              defs.push({ names: [a.Lhs[0].Name], fields: false, kind: (m) => cases.reduce<Kind>((k, t) => max(k, typeKind(t, m)), exprKind(switched, m)) });
            }
            break;
          }
          default:
            break;
        }
        return true;
      });
    }
    this.definedByDecl.set(decl, defined);
    const imports = new Set([...this.importsOf(file)].filter((x) => !defined.has(x)));
    n = { idents: new Map(this.pkg.idents), fields: this.pkg.fields, imports };
    fixedPoint(defs, n);
    this.byDecl.set(decl, n);
    return n;
  }

  private definedIn(file: File, decl: FuncDecl): Set<string> {
    this.namesIn(file, decl);
    return this.definedByDecl.get(decl)!;
  }

  /** Whether an expression's value, in the function `decl` of `file` (null: at package level), may hold a sync.Map. */
  mayHold(file: File, e: Expr, decl: FuncDecl | null): boolean {
    return exprKind(e, this.namesIn(file, decl)) === VALUE;
  }

  /** Whether ranging over `x` may give holders (the elements of a collection, or of a pointer to an array). */
  mayRangeHolders(file: File, x: Expr, decl: FuncDecl | null): boolean {
    return exprKind(x, this.namesIn(file, decl)) === VALUE;
  }

  /**
   * Whether a call is certainly a builtin's or a conversion to a type declared in the
   * package (checkCopies leaves both alone): by its callee's name, unless the package
   * or the function declares that name otherwise.
   */
  isBuiltinOrConversion(file: File, call: { Fun: Expr }, decl: FuncDecl | null): boolean {
    const f = call.Fun;
    if (f.kind !== 'Ident') return false;
    if (decl && this.definedIn(file, decl).has(f.Name)) return false;
    if (this.typeNames.has(f.Name)) return true;
    return BUILTINS.has(f.Name) && !this.pkgDeclared.has(f.Name);
  }

  /** Whether a method's receiver is a value whose type may hold a sync.Map. */
  valueReceiverMayHold(file: File, fn: FuncDecl): boolean {
    const recv = fn.Recv?.List[0]?.Type;
    return recv !== undefined && recv !== null && typeKind(recv, this.namesIn(file, null)) === VALUE;
  }
}
