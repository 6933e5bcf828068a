// The part of go/build/constraint that go/parser uses: File.GoVersion is the minimum
// Go version implied by a //go:build line before the package clause.

const maxSize = 1000;

type Expr =
  | { op: 'tag'; tag: string }
  | { op: 'not'; x: Expr }
  | { op: 'and' | 'or'; x: Expr; y: Expr };

class ConstraintSyntaxError {
  constructor(readonly offset: number, readonly err: string) {}
}

function isGoSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}
function trimSpace(s: string): string {
  let i = 0;
  let j = s.length;
  while (i < j && isGoSpace(s.charCodeAt(i))) i++;
  while (j > i && isGoSpace(s.charCodeAt(j - 1))) j--;
  return s.slice(i, j);
}

function splitGoBuild(line: string): string | undefined {
  if (line.endsWith('\n')) line = line.slice(0, -1);
  if (line.includes('\n')) return undefined;
  if (!line.startsWith('//go:build')) return undefined;
  line = trimSpace(line);
  line = line.slice('//go:build'.length);
  const trim = trimSpace(line);
  if (line.length === trim.length && line !== '') return undefined;
  return trim;
}

const tagCharRe = /[\p{L}\p{Nd}_.]/u;

class ExprParser {
  i = 0;
  tok = '';
  isTag = false;
  pos = 0;
  size = 0;
  constructor(readonly s: string) {}

  or(): Expr {
    let x = this.and();
    while (this.tok === '||') x = { op: 'or', x, y: this.and() };
    return x;
  }
  and(): Expr {
    let x = this.not();
    while (this.tok === '&&') x = { op: 'and', x, y: this.not() };
    return x;
  }
  not(): Expr {
    this.size++;
    if (this.size > maxSize) throw new ConstraintSyntaxError(this.pos, 'build expression too large');
    this.lex();
    if (this.tok === '!') {
      this.lex();
      if (this.tok === '!') throw new ConstraintSyntaxError(this.pos, 'double negation not allowed');
      return { op: 'not', x: this.atom() };
    }
    return this.atom();
  }
  atom(): Expr {
    if (this.tok === '(') {
      const pos = this.pos;
      let x: Expr;
      try {
        x = this.or();
      } catch (e) {
        if (e instanceof ConstraintSyntaxError && e.err === 'unexpected end of expression') throw new ConstraintSyntaxError(e.offset, 'missing close paren');
        throw e;
      }
      if ((this.tok as string) !== ')') throw new ConstraintSyntaxError(pos, 'missing close paren');
      this.lex();
      return x;
    }
    if (!this.isTag) {
      if (this.tok === '') throw new ConstraintSyntaxError(this.pos, 'unexpected end of expression');
      throw new ConstraintSyntaxError(this.pos, 'unexpected token ' + this.tok);
    }
    const tok = this.tok;
    this.lex();
    return { op: 'tag', tag: tok };
  }
  lex(): void {
    const s = this.s;
    this.isTag = false;
    while (this.i < s.length && (s[this.i] === ' ' || s[this.i] === '\t')) this.i++;
    if (this.i >= s.length) {
      this.tok = '';
      this.pos = this.i;
      return;
    }
    const c = s[this.i]!;
    if (c === '(' || c === ')' || c === '!') {
      this.pos = this.i;
      this.i++;
      this.tok = c;
      return;
    }
    if (c === '&' || c === '|') {
      if (this.i + 1 >= s.length || s[this.i + 1] !== c) throw new ConstraintSyntaxError(this.i, 'invalid syntax at ' + c);
      this.pos = this.i;
      this.i += 2;
      this.tok = c + c;
      return;
    }
    let j = this.i;
    while (j < s.length) {
      const cp = s.codePointAt(j)!;
      const ch = String.fromCodePoint(cp);
      if (!tagCharRe.test(ch)) break;
      j += ch.length;
    }
    if (j === this.i) throw new ConstraintSyntaxError(this.i, 'invalid syntax at ' + String.fromCodePoint(s.codePointAt(this.i)!));
    this.pos = this.i;
    this.tok = s.slice(this.i, j);
    this.i = j;
    this.isTag = true;
  }
}

function parseGoBuild(line: string): Expr | undefined {
  const text = splitGoBuild(line);
  if (text === undefined) return undefined; // +build lines never reach here: go/parser only passes //go:build
  try {
    const p = new ExprParser(text);
    const x = p.or();
    if (p.tok !== '') return undefined;
    return x;
  } catch (e) {
    if (e instanceof ConstraintSyntaxError) return undefined;
    throw e;
  }
}

/** strconv.Atoi: optional sign, decimal digits, within int64. */
function atoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = Number(s);
  if (!Number.isSafeInteger(v) && Math.abs(v) > 9223372036854775807) return undefined;
  return v;
}

function minVersion(z: Expr, sign: number): number {
  switch (z.op) {
    case 'and': {
      const a = minVersion(z.x, sign);
      const b = minVersion(z.y, sign);
      return sign < 0 ? Math.min(a, b) : Math.max(a, b);
    }
    case 'or': {
      const a = minVersion(z.x, sign);
      const b = minVersion(z.y, sign);
      return sign < 0 ? Math.max(a, b) : Math.min(a, b);
    }
    case 'not':
      return minVersion(z.x, -sign);
    case 'tag': {
      if (sign < 0) return -1;
      if (z.tag === 'go1') return 0;
      const k = z.tag.indexOf('go1.');
      const v = k < 0 ? '' : z.tag.slice(k + 4);
      const n = atoi(v);
      return n === undefined ? -1 : n;
    }
  }
}

/**
 * The Go version a //go:build comment implies (go/build/constraint.GoVersion of its
 * parse), or undefined when the comment does not parse as a build constraint.
 */
export function goVersionOfBuildLine(comment: string): string | undefined {
  const x = parseGoBuild(comment);
  if (x === undefined) return undefined;
  const v = minVersion(x, +1);
  if (v < 0) return '';
  if (v === 0) return 'go1';
  return 'go1.' + String(v);
}
