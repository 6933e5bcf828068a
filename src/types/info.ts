// What the checker records about a package's syntax, mirroring go/types.Info.
//
// Storage: a package records a type for nearly every expression and an object for
// every identifier (about two million entries for GOROOT/src). Maps keyed by AST
// nodes cost much of the checker's time in hashing, table growth and garbage
// collection, so records are rows of a few columns (plain and typed arrays), one row
// per node, found through a direct index by the position of the node's own token
// (keyPos): no object, Map entry or identity hash per record. Lookups compare node
// identity, so they are exact. An identifier's row holds both its type and its
// object; a selector's row also answers for its Sel identifier (its use); a use whose
// operand is the object's own (a variable, type name or function) stores no type: it
// is the object's.

import type * as ast from '../syntax/ast.js';
import type { ConstValue, Scope, TObject } from './objects.js';
import type { Type } from './types.js';

export const enum Mode {
  Invalid,
  NoValue,
  Builtin,
  TypeExpr,
  Constant,
  Variable,
  MapIndex,
  Value,
  CommaOk,
}

export interface TypeAndValue {
  mode: Mode;
  type: Type;
  value?: ConstValue;
}

export const enum SelectionKind {
  FieldVal,
  MethodVal,
  MethodExpr,
}

export interface Selection {
  kind: SelectionKind;
  /** The type of x in x.f. */
  recv: Type;
  /** The field or method (for instances, the instantiated method). */
  obj: TObject;
  /** Indices through embedded fields; the last is the field's or method's own index. */
  index: number[];
  /** Whether a pointer indirection was needed to reach the field or method. */
  indirect: boolean;
  /** The type of x.f: the field type, the method value's signature, or the method expression's function. */
  type: Type;
}

export interface Instance {
  typeArgs: Type[];
  type: Type;
}

/** The position of the token an expression node owns (its operator, bracket, name…): distinct for nearly all nodes, and cheap (no recursion). */
export function keyPos(e: ast.Expr): number {
  switch (e.kind) {
    case 'Ident': return e.NamePos;
    case 'BasicLit': return e.ValuePos;
    case 'SelectorExpr': return e.Sel.NamePos;
    case 'CallExpr': return e.Lparen;
    case 'BinaryExpr': return e.OpPos;
    case 'UnaryExpr': return e.OpPos;
    case 'StarExpr': return e.Star;
    case 'IndexExpr': return e.Lbrack;
    case 'IndexListExpr': return e.Lbrack;
    case 'SliceExpr': return e.Lbrack;
    case 'CompositeLit': return e.Lbrace;
    case 'ParenExpr': return e.Lparen;
    case 'KeyValueExpr': return e.Colon;
    case 'TypeAssertExpr': return e.Lparen;
    case 'FuncLit': return e.Body.Lbrace;
    case 'FuncType': return e.Func !== 0 ? e.Func : e.Params.Opening;
    case 'ArrayType': return e.Lbrack;
    case 'MapType': return e.Map;
    case 'ChanType': return e.Begin;
    case 'StructType': return e.Struct;
    case 'InterfaceType': return e.Interface;
    case 'Ellipsis': return e.Ellipsis;
    case 'BadExpr': return e.From;
  }
  return 0;
}

const MODE = 0xf;
/** The type column holds the recorded type. */
const HAS_TYPE = 0x10;
/** Recorded with the object's shared operand: the type is the object's type. */
const SHARED = 0x20;
/** The object column holds the object the identifier defines. */
const DEF = 0x40;
/** The object column holds the object the identifier (or the selector's Sel) uses. */
const USE = 0x80;
/** The last column holds the selector's Selection (else it holds the constant value, if any). */
const SEL = 0x100;

/** Rows per column chunk: columns grow a chunk at a time, never copied. */
const CHUNK_BITS = 10;
const CHUNK_ROWS = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_ROWS - 1;

/**
 * The position index last given back (Info.release), all zeros, kept for the next Info
 * whose package fits in it: one run checks hundreds of packages one after another.
 */
let sparePositionIndex: Int32Array | null = null;

function takePositionIndex(length: number): Int32Array {
  const spare = sparePositionIndex;
  if (spare !== null && spare.length >= length) {
    sparePositionIndex = null;
    return spare.length === length ? spare : spare.subarray(0, length);
  }
  return new Int32Array(length);
}

function givePositionIndex(index: Int32Array): void {
  const whole = index.length === index.buffer.byteLength >> 2 ? index : new Int32Array(index.buffer);
  if (sparePositionIndex === null || sparePositionIndex.length < whole.length) sparePositionIndex = whole;
}

export class Info {
  /** Positions lo..hi-1 are indexed directly: slot = row + 1 (0: none). */
  private lo: number;
  private hi: number;
  private slots: Int32Array | null = null;
  /** Rows of nodes that could not take their slot (another node's, or out of range). */
  private overflow: Map<ast.Expr, number> | null = null;

  /**
   * Four columns per row, interleaved, in chunks of CHUNK_ROWS rows: in a row's chunk,
   * at 4i the node, at 4i+1 the type, at 4i+2 the object (Defs or Uses), at 4i+3 the
   * constant value or the Selection. Chunks are allocated as rows are added: a
   * package's size is not known in advance, and growing one array (or reserving by an
   * estimate) allocated and copied several times what the rows need.
   */
  private chunks: unknown[][] = [];
  private flags = new Uint16Array(0);
  private rows = 0;
  /** Definitions of identifiers that are also uses (an embedded field's type name). */
  private extraDefs: Map<ast.Ident, TObject | null> | null = null;

  readonly implicits = new Map<ast.Node, TObject>();
  readonly scopes = new Map<ast.Node, Scope>();
  readonly instances = new Map<ast.Ident, Instance>();

  /** lo, hi: the range of positions of the package's files (records outside it still work, more slowly). */
  constructor(lo = 0, hi = 0) {
    this.lo = lo;
    this.hi = hi > lo ? hi : lo;
  }

  /**
   * Gives an Info made without a position range its direct index, moving the rows
   * recorded so far into their slots: a package read for its declarations records few
   * rows (kept in the overflow map, not in an index as large as its source), and is
   * indexed once its bodies are about to be checked.
   */
  indexPositions(lo: number, hi: number): void {
    if (this.slots !== null || this.hi > this.lo || hi <= lo) return;
    this.lo = lo;
    this.hi = hi;
    const slots = (this.slots = takePositionIndex(hi - lo));
    const ov = this.overflow;
    if (ov === null) return;
    for (const [n, r] of ov) {
      const i = keyPos(n) - lo;
      if (i >= 0 && i < slots.length && slots[i] === 0) {
        slots[i] = r + 1;
        ov.delete(n);
      }
    }
  }

  /**
   * Forgets every record (questions asked later find none) and gives the position index
   * back, zeroed, for the next package's Info (Program.release): a new index costs
   * zeroed pages the size of the package's source, four bytes per byte, faulted in one
   * by one. (Clearing only the rows' slots, found through their nodes, was no faster:
   * it reads every row's node.)
   */
  release(): void {
    const slots = this.slots;
    if (slots !== null) {
      slots.fill(0);
      givePositionIndex(slots);
    }
    this.slots = null;
    this.lo = this.hi = 0;
    this.overflow = null;
    this.chunks = [];
    this.flags = new Uint16Array(0);
    this.rows = 0;
    this.extraDefs = null;
    this.demand = undefined;
    this.implicits.clear();
    this.scopes.clear();
    this.instances.clear();
  }

  // ---------------------------------------------------------------- rows

  private col(r: number, k: number): unknown {
    return this.chunks[r >> CHUNK_BITS]![((r & CHUNK_MASK) << 2) + k];
  }

  private setCol(r: number, k: number, v: unknown): void {
    this.chunks[r >> CHUNK_BITS]![((r & CHUNK_MASK) << 2) + k] = v;
  }

  /**
   * Asked before every question about the node at a position (Checker.checkBodiesOnDemand:
   * the function body holding it is checked first).
   */
  demand: ((pos: number) => void) | undefined = undefined;

  private find(n: ast.Expr, key: number): number {
    if (this.demand !== undefined) this.demand(key);
    const slots = this.slots;
    const i = key - this.lo;
    if (slots !== null && i >= 0 && i < slots.length) {
      const r = slots[i]! - 1;
      if (r >= 0 && this.col(r, 0) === n) return r;
    }
    if (this.overflow === null) return -1;
    return this.overflow.get(n) ?? -1;
  }

  private row(n: ast.Expr, key: number): number {
    let slots = this.slots;
    if (slots === null && this.hi > this.lo) slots = this.slots = takePositionIndex(this.hi - this.lo);
    const i = key - this.lo;
    if (slots !== null && i >= 0 && i < slots.length) {
      const r = slots[i]! - 1;
      if (r < 0) {
        const nr = this.newRow(n);
        slots[i] = nr + 1;
        return nr;
      }
      if (this.col(r, 0) === n) return r;
    }
    const ov = (this.overflow ??= new Map());
    const r = ov.get(n);
    if (r !== undefined) return r;
    const nr = this.newRow(n);
    ov.set(n, nr);
    return nr;
  }

  private newRow(n: ast.Expr): number {
    const r = this.rows++;
    if ((r & CHUNK_MASK) === 0) {
      // fill: a `new Array(n)` with holes is slower to read and write than a packed one.
      this.chunks.push(new Array<unknown>(4 * CHUNK_ROWS).fill(undefined));
      if (r + CHUNK_ROWS > this.flags.length) {
        const flags = new Uint16Array(Math.max(CHUNK_ROWS, 2 * this.flags.length));
        flags.set(this.flags);
        this.flags = flags;
      }
    }
    this.setCol(r, 0, n);
    return r;
  }

  /** The row of the selector whose Sel is id (the row answers for id's use), or -1. */
  private selectorRow(id: ast.Ident): number {
    const slots = this.slots;
    const i = id.NamePos - this.lo;
    if (slots !== null && i >= 0 && i < slots.length) {
      const r = slots[i]! - 1;
      if (r >= 0) {
        const n = this.col(r, 0) as ast.Expr;
        if (n.kind === 'SelectorExpr' && n.Sel === id) return r;
        if (n === id) return -1;
      }
    }
    // out of range or displaced: look among the displaced rows
    if (this.overflow !== null) for (const [n, r] of this.overflow) if (n.kind === 'SelectorExpr' && n.Sel === id) return r;
    return -1;
  }

  // ---------------------------------------------------------------- questions

  /** The type of an expression, or of the object an identifier defines or uses (types.Info.TypeOf). */
  typeOf(e: ast.Expr): Type | undefined {
    const r = this.find(e, keyPos(e));
    if (r >= 0) {
      const f = this.flags[r]!;
      if (f & HAS_TYPE) return (this.col(r, 1) as Type);
      if (f & SHARED) return (this.col(r, 2) as TObject).type;
    }
    if (e.kind === 'Ident') return this.objectOf(e)?.type;
    return undefined;
  }

  /** The recorded mode, type and constant value of an expression (types.Info.Types[e]); a copy. */
  typeAndValue(e: ast.Expr): TypeAndValue | undefined {
    const r = this.find(e, keyPos(e));
    if (r < 0) return undefined;
    const f = this.flags[r]!;
    if (f & HAS_TYPE) {
      const tv: TypeAndValue = { mode: (f & MODE) as Mode, type: (this.col(r, 1) as Type) };
      const x = this.col(r, 3);
      if (x !== undefined && !(f & SEL)) tv.value = x as ConstValue;
      return tv;
    }
    if (f & SHARED) return { mode: (f & MODE) as Mode, type: (this.col(r, 2) as TObject).type };
    return undefined;
  }

  /** The recorded type of an expression (recordType's), without allocating: undefined when it has none. */
  recordedType(e: ast.Expr): Type | undefined {
    const r = this.find(e, keyPos(e));
    if (r < 0) return undefined;
    const f = this.flags[r]!;
    if (f & HAS_TYPE) return this.col(r, 1) as Type;
    if (f & SHARED) return (this.col(r, 2) as TObject).type;
    return undefined;
  }

  /** The recorded mode, or -1 when the expression has no recorded type. */
  recordedMode(e: ast.Expr): number {
    const r = this.find(e, keyPos(e));
    if (r < 0) return -1;
    const f = this.flags[r]!;
    return f & (HAS_TYPE | SHARED) ? f & MODE : -1;
  }

  /** The recorded constant value of an expression, without allocating. */
  recordedValue(e: ast.Expr): ConstValue | undefined {
    const r = this.find(e, keyPos(e));
    if (r < 0) return undefined;
    const f = this.flags[r]!;
    return f & HAS_TYPE && !(f & SEL) ? (this.col(r, 3) as ConstValue | undefined) : undefined;
  }

  /** The object an identifier defines or uses (types.Info.ObjectOf). */
  objectOf(id: ast.Ident): TObject | undefined {
    return this.def(id) ?? this.use(id);
  }

  /** types.Info.Defs[id]: the object declared (null for a symbolic type-switch variable), undefined when id declares nothing. */
  def(id: ast.Ident): TObject | null | undefined {
    const r = this.find(id, id.NamePos);
    if (r >= 0 && this.flags[r]! & DEF) return this.col(r, 2) as TObject | null;
    return this.extraDefs?.get(id);
  }

  /** types.Info.Uses[id]: the object id denotes, undefined when it is not a use. */
  use(id: ast.Ident): TObject | undefined {
    let r = this.find(id, id.NamePos);
    if (r < 0 || !(this.flags[r]! & USE)) r = this.selectorRow(id);
    return r >= 0 && this.flags[r]! & USE ? ((this.col(r, 2) as TObject | null) ?? undefined) : undefined;
  }

  /** types.Info.Selections[e]; undefined for qualified identifiers pkg.Name. */
  selection(e: ast.SelectorExpr): Selection | undefined {
    const r = this.find(e, e.Sel.NamePos);
    return r >= 0 && this.flags[r]! & SEL ? (this.col(r, 3) as Selection) : undefined;
  }

  /** Number of nodes with a record (for tests and statistics). */
  get size(): number {
    return this.rows;
  }

  // ---------------------------------------------------------------- recording (the checker's side)

  /**
   * Records an expression's operand (types.Info.Types). An identifier or qualified
   * identifier recorded with its object's shared operand (TObject.useOperand) stores
   * only the mode: its type is the object's.
   */
  recordType(e: ast.Expr, mode: Mode, type: Type, value: ConstValue | undefined, operand?: object): void {
    this.setType(this.row(e, keyPos(e)), mode, type, value, operand);
  }

  /** recordUse and then recordType of an identifier, on its row found once. */
  recordIdent(id: ast.Ident, obj: TObject, mode: Mode, type: Type, value: ConstValue | undefined, operand: object): void {
    const r = this.row(id, id.NamePos);
    this.recordUseAt(r, id, obj);
    this.setType(r, mode, type, value, operand);
  }

  /**
   * recordSelectorUse, recordSelection (when there is one) and recordType of a
   * selector, on its row found once; mode -1 records no type (an invalid operand).
   */
  recordSelector(e: ast.SelectorExpr, obj: TObject, s: Selection | null, mode: Mode | -1, type: Type, value: ConstValue | undefined, operand: object): void {
    const r = this.row(e, e.Sel.NamePos);
    this.recordUseAt(r, null, obj);
    if (s !== null) {
      this.setCol(r, 3, s);
      this.flags[r] = this.flags[r]! | SEL;
    }
    if (mode !== -1) this.setType(r, mode, type, value, operand);
  }

  private setType(r: number, mode: Mode, type: Type, value: ConstValue | undefined, operand: object | undefined): void {
    let f = this.flags[r]! & ~(MODE | HAS_TYPE | SHARED);
    if (operand !== undefined && f & USE && (this.col(r, 2) as TObject | undefined)?.useOperand === operand) {
      this.flags[r] = f | SHARED | mode;
      return;
    }
    f |= HAS_TYPE | mode;
    this.setCol(r, 1, type);
    if (value !== undefined) {
      this.setCol(r, 3, value);
      f &= ~SEL;
    } else if (!(f & SEL)) {
      this.setCol(r, 3, undefined);
    }
    this.flags[r] = f;
  }

  /** Changes the recorded type (and mode, when given) of an expression already recorded; false when it is not. */
  updateType(e: ast.Expr, type: Type, mode?: Mode): boolean {
    const r = this.find(e, keyPos(e));
    if (r < 0) return false;
    const f = this.flags[r]!;
    if (!(f & (HAS_TYPE | SHARED))) return false;
    this.setCol(r, 1, type);
    this.flags[r] = (f & ~(MODE | SHARED)) | HAS_TYPE | (mode ?? f & MODE);
    return true;
  }

  recordDef(id: ast.Ident, obj: TObject | null): void {
    const r = this.row(id, id.NamePos);
    const f = this.flags[r]!;
    if (f & USE) {
      (this.extraDefs ??= new Map()).set(id, obj);
      return;
    }
    this.setCol(r, 2, obj);
    this.flags[r] = f | DEF;
  }

  recordUse(id: ast.Ident, obj: TObject): void {
    this.recordUseAt(this.row(id, id.NamePos), id, obj);
  }

  /** Records the use of e.Sel on the selector's own row (one row for both). */
  recordSelectorUse(e: ast.SelectorExpr, obj: TObject): void {
    this.recordUseAt(this.row(e, e.Sel.NamePos), null, obj);
  }

  private recordUseAt(r: number, id: ast.Ident | null, obj: TObject): void {
    const f = this.flags[r]!;
    if (f & DEF && id !== null) (this.extraDefs ??= new Map()).set(id, (this.col(r, 2) as TObject | null));
    this.setCol(r, 2, obj);
    this.flags[r] = (f & ~DEF) | USE;
  }

  recordSelection(e: ast.SelectorExpr, s: Selection): void {
    const r = this.row(e, e.Sel.NamePos);
    this.setCol(r, 3, s);
    this.flags[r] = this.flags[r]! | SEL;
  }
}
