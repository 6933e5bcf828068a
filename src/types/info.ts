// What the checker records about a package's syntax, mirroring go/types.Info.

import type { Expr, Ident, Node, SelectorExpr } from '../syntax/ast.js';
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

export class Info {
  readonly types = new Map<Expr, TypeAndValue>();
  readonly defs = new Map<Ident, TObject | null>();
  readonly uses = new Map<Ident, TObject>();
  readonly implicits = new Map<Node, TObject>();
  readonly selections = new Map<SelectorExpr, Selection>();
  readonly scopes = new Map<Node, Scope>();
  readonly instances = new Map<Ident, Instance>();

  /** The type of an expression, or of the object an identifier defines or uses (types.Info.TypeOf). */
  typeOf(e: Expr): Type | undefined {
    const tv = this.types.get(e);
    if (tv) return tv.type;
    if (e.kind === 'Ident') return this.objectOf(e)?.type;
    return undefined;
  }

  /** The object an identifier defines or uses (types.Info.ObjectOf). */
  objectOf(id: Ident): TObject | undefined {
    return this.defs.get(id) ?? this.uses.get(id);
  }
}
