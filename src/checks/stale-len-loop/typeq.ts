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
  private info: Info | undefined;
  private loaded = false;

  private constructor(private readonly pkg: PackageUnit) {}

  /** Types are read on the first question: loops that need none never type-check the package. */
  static of(pkg: PackageUnit): StaleLenTypes {
    return new StaleLenTypes(pkg);
  }

  private get types(): Info | undefined {
    if (!this.loaded) {
      this.loaded = true;
      const t = this.pkg.types as unknown;
      if (t instanceof Info) this.info = t;
      else if (t !== null && typeof t === 'object' && (t as { info?: unknown }).info instanceof Info) this.info = (t as { info: Info }).info;
    }
    return this.info;
  }

  /** What kind of collection e is; undefined when unknown. */
  kindOf(e: Expr): CollectionKind | undefined {
    const t = this.types?.typeOf(e);
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
    const info = this.types;
    if (info === undefined) return true;
    const obj = info.objectOf(id);
    return obj === undefined || obj instanceof Builtin;
  }
}
