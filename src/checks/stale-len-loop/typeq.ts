// The type questions stale-len-loop asks, answered from src/types when the package was
// type-checked. Without type information the check falls back on what the syntax alone
// proves (see collectionKind in index.ts); a question it cannot answer stays unanswered.

import type { PackageUnit } from '../../analysis/pass.js';
import type { Expr, Ident } from '../../syntax/ast.js';
import { Info } from '../../types/info.js';
import { Builtin } from '../../types/objects.js';
import { Basic, BasicKind, MapType, Pointer, Slice, ArrayType, unalias } from '../../types/types.js';

export type CollectionKind = 'slice' | 'string' | 'map' | 'other';

export class StaleLenTypes {
  private constructor(private readonly info: Info | undefined) {}

  static of(pkg: PackageUnit): StaleLenTypes {
    const t = pkg.types as unknown;
    if (t instanceof Info) return new StaleLenTypes(t);
    if (t !== null && typeof t === 'object' && (t as { info?: unknown }).info instanceof Info) {
      return new StaleLenTypes((t as { info: Info }).info);
    }
    return new StaleLenTypes(undefined);
  }

  /** What kind of collection e is; undefined when unknown. */
  kindOf(e: Expr): CollectionKind | undefined {
    const t = this.info?.typeOf(e);
    if (t === undefined) return undefined;
    const u = unalias(t).underlying();
    if (u instanceof Slice) return 'slice';
    if (u instanceof MapType) return 'map';
    if (u instanceof Basic) {
      if (u.kind === BasicKind.String) return 'string';
      if (u.kind === BasicKind.Invalid) return undefined;
    }
    // Arrays and pointers to arrays have a fixed length: nothing can go stale.
    if (u instanceof ArrayType || u instanceof Pointer) return 'other';
    return 'other';
  }

  /** Whether the identifier is the predeclared function (not a local of the same name). */
  isBuiltin(id: Ident): boolean {
    if (this.info === undefined) return true;
    const obj = this.info.objectOf(id);
    return obj === undefined || obj instanceof Builtin;
  }
}
