// Build constraints as go/build evaluates them: //go:build expressions, legacy
// // +build lines, and the _GOOS/_GOARCH file-name suffixes.

/** The go command's known GOOS values (internal/syslist). A file-name suffix is a constraint only when it is one of these. */
export const knownOS: ReadonlySet<string> = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd',
  'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos',
]);

/** GOOS values that satisfy the `unix` tag. */
export const unixOS: ReadonlySet<string> = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'linux', 'netbsd', 'openbsd', 'solaris',
]);

export const knownArch: ReadonlySet<string> = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le',
  'mips64p32', 'mips64p32le', 'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm',
]);

export type Expr =
  | { kind: 'tag'; tag: string }
  | { kind: 'not'; x: Expr }
  | { kind: 'and'; x: Expr; y: Expr }
  | { kind: 'or'; x: Expr; y: Expr };

export class ConstraintSyntaxError extends Error {}

/** Tags may use letters, digits, '_' and '.', as in go/build/constraint. */
function isTagChar(ch: string): boolean {
  return /[\p{L}\p{N}_.]/u.test(ch);
}

/** True when `line` (already trimmed) is a //go:build line. */
export function isGoBuildLine(line: string): boolean {
  if (!line.startsWith('//go:build')) return false;
  const rest = line.slice('//go:build'.length);
  return rest.length === 0 || rest.trim().length < rest.length;
}

/** True when `line` (already trimmed) is a legacy // +build line. */
export function isPlusBuildLine(line: string): boolean {
  if (!line.startsWith('//')) return false;
  const text = line.slice(2).trimStart();
  if (!text.startsWith('+build')) return false;
  const rest = text.slice('+build'.length);
  return rest.length === 0 || /^[ \t]/.test(rest);
}

/** Parses the expression of a //go:build line (the whole line, including the //go:build prefix). */
export function parseGoBuild(line: string): Expr {
  const text = line.trim().slice('//go:build'.length);
  let pos = 0;
  const skipSpace = (): void => {
    while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t')) pos++;
  };
  const parseOr = (): Expr => {
    let x = parseAnd();
    skipSpace();
    while (text.startsWith('||', pos)) {
      pos += 2;
      x = { kind: 'or', x, y: parseAnd() };
      skipSpace();
    }
    return x;
  };
  const parseAnd = (): Expr => {
    let x = parseNot();
    skipSpace();
    while (text.startsWith('&&', pos)) {
      pos += 2;
      x = { kind: 'and', x, y: parseNot() };
      skipSpace();
    }
    return x;
  };
  const parseNot = (): Expr => {
    skipSpace();
    if (text[pos] === '!') {
      pos++;
      return { kind: 'not', x: parseNot() };
    }
    return parseAtom();
  };
  const parseAtom = (): Expr => {
    skipSpace();
    if (text[pos] === '(') {
      pos++;
      const x = parseOr();
      skipSpace();
      if (text[pos] !== ')') throw new ConstraintSyntaxError('missing )');
      pos++;
      return x;
    }
    const start = pos;
    while (pos < text.length && isTagChar(text[pos]!)) pos++;
    if (pos === start) {
      throw new ConstraintSyntaxError(pos >= text.length ? 'unexpected end of expression' : `unexpected token ${text[pos]}`);
    }
    return { kind: 'tag', tag: text.slice(start, pos) };
  };
  const x = parseOr();
  skipSpace();
  if (pos < text.length) throw new ConstraintSyntaxError(`unexpected token ${text[pos]}`);
  return x;
}

/**
 * Parses a // +build line: space-separated alternatives of comma-separated terms, each
 * possibly negated. Like go/build/constraint, a malformed term becomes the tag `ignore`.
 */
export function parsePlusBuild(line: string): Expr {
  const text = line.trim().slice(2).trimStart().slice('+build'.length);
  const ignore: Expr = { kind: 'tag', tag: 'ignore' };
  let result: Expr | null = null;
  for (const clause of text.split(/[ \t]+/).filter((f) => f !== '')) {
    let conj: Expr | null = null;
    for (const elem of clause.split(',')) {
      let term: Expr;
      if (elem.startsWith('!!') || elem === '!') {
        term = ignore;
      } else {
        const negate = elem.startsWith('!');
        const tag = negate ? elem.slice(1) : elem;
        term = tag !== '' && [...tag].every(isTagChar) ? { kind: 'tag', tag } : ignore;
        if (negate) term = { kind: 'not', x: term };
      }
      conj = conj ? { kind: 'and', x: conj, y: term } : term;
    }
    if (conj) result = result ? { kind: 'or', x: result, y: conj } : conj;
  }
  return result ?? ignore;
}

export function evalExpr(x: Expr, ok: (tag: string) => boolean): boolean {
  switch (x.kind) {
    case 'tag':
      return ok(x.tag);
    case 'not':
      return !evalExpr(x.x, ok);
    case 'and': {
      // Both sides are evaluated (no short-circuit) like go/build, so every tag is seen.
      const a = evalExpr(x.x, ok);
      const b = evalExpr(x.y, ok);
      return a && b;
    }
    case 'or': {
      const a = evalExpr(x.x, ok);
      const b = evalExpr(x.y, ok);
      return a || b;
    }
  }
}

/** The build context that decides which tags hold. */
export interface BuildContext {
  goos: string;
  goarch: string;
  cgoEnabled: boolean;
  /** -tags, the release tags (go1.1 … go1.N) and the tool tags (goexperiment.*, amd64.v1 …). */
  tags: ReadonlySet<string>;
  /**
   * Tool tags (goexperiment.*, amd64.v1 …), computed only when a constraint first mentions
   * a dotted tag that `tags` lacks, because knowing them may mean running `go`.
   */
  lateTags?: () => ReadonlySet<string>;
}

export function matchTag(ctx: BuildContext, name: string): boolean {
  if (ctx.cgoEnabled && name === 'cgo') return true;
  if (name === ctx.goos || name === ctx.goarch || name === 'gc') return true;
  if (ctx.goos === 'android' && name === 'linux') return true;
  if (ctx.goos === 'illumos' && name === 'solaris') return true;
  if (ctx.goos === 'ios' && name === 'darwin') return true;
  if (name === 'unix' && unixOS.has(ctx.goos)) return true;
  if (name === 'boringcrypto') name = 'goexperiment.boringcrypto';
  if (ctx.tags.has(name)) return true;
  if (ctx.lateTags && name.includes('.')) return ctx.lateTags().has(name);
  return false;
}

/**
 * Whether a file name's _GOOS, _GOARCH or _GOOS_GOARCH suffix (before an optional _test)
 * admits it. Only the known GOOS/GOARCH names count; foo_unix.go has no constraint.
 */
export function goodOSArchFile(ctx: BuildContext, fileName: string): boolean {
  let name = fileName;
  const dot = name.indexOf('.');
  if (dot >= 0) name = name.slice(0, dot);
  const underscore = name.indexOf('_');
  if (underscore < 0) return true;
  const parts = name.slice(underscore).split('_');
  if (parts.length > 0 && parts[parts.length - 1] === 'test') parts.pop();
  const n = parts.length;
  if (n >= 2 && knownOS.has(parts[n - 2]!) && knownArch.has(parts[n - 1]!)) {
    return matchTag(ctx, parts[n - 1]!) && matchTag(ctx, parts[n - 2]!);
  }
  if (n >= 1 && (knownOS.has(parts[n - 1]!) || knownArch.has(parts[n - 1]!))) {
    return matchTag(ctx, parts[n - 1]!);
  }
  return true;
}
