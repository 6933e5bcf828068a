// go.mod, go.work and vendor/modules.txt, read as far as loading packages needs.

export interface Requirement {
  path: string;
  version: string;
}

export interface Replacement {
  oldPath: string;
  /** "" replaces every version. */
  oldVersion: string;
  newPath: string;
  /** "" when the replacement is a local directory. */
  newVersion: string;
}

export interface GoModFile {
  module: string;
  go: string;
  toolchain: string;
  require: Requirement[];
  replace: Replacement[];
  exclude: Requirement[];
  /** `ignore` directories: skipped when matching `...` patterns ("./x" from the module root, "x" at any depth). */
  ignore: string[];
  errors: ModFileError[];
}

export interface GoWorkFile {
  go: string;
  use: string[];
  replace: Replacement[];
  errors: ModFileError[];
}

export interface ModFileError {
  line: number;
  column: number;
  message: string;
}

interface Directive {
  verb: string;
  args: string[];
  line: number;
}

/** Splits a go.mod-syntax file into directives, flattening `verb ( ... )` blocks. */
function directives(text: string, errors: ModFileError[]): Directive[] {
  const out: Directive[] = [];
  let blockVerb: string | null = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const tokens = tokenize(lines[i]!, i + 1, errors);
    if (tokens.length === 0) continue;
    if (blockVerb !== null) {
      if (tokens.length === 1 && tokens[0] === ')') {
        blockVerb = null;
        continue;
      }
      out.push({ verb: blockVerb, args: tokens, line: i + 1 });
      continue;
    }
    if (tokens.length === 2 && tokens[1] === '(') {
      blockVerb = tokens[0]!;
      continue;
    }
    out.push({ verb: tokens[0]!, args: tokens.slice(1), line: i + 1 });
  }
  if (blockVerb !== null) errors.push({ line: lines.length, column: 1, message: `unterminated ${blockVerb} block` });
  return out;
}

function tokenize(line: string, lineNo: number, errors: ModFileError[]): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (line.startsWith('//', i)) {
      break;
    } else if (c === '(' || c === ')') {
      tokens.push(c);
      i++;
    } else if (line.startsWith('=>', i)) {
      tokens.push('=>');
      i += 2;
    } else if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && j + 1 < line.length) j++;
        value += line[j];
        j++;
      }
      if (j >= line.length) errors.push({ line: lineNo, column: i + 1, message: 'unterminated quoted string' });
      tokens.push(value);
      i = j + 1;
    } else if (c === '`') {
      const j = line.indexOf('`', i + 1);
      if (j < 0) {
        errors.push({ line: lineNo, column: i + 1, message: 'unterminated raw string' });
        tokens.push(line.slice(i + 1));
        break;
      }
      tokens.push(line.slice(i + 1, j));
      i = j + 1;
    } else {
      let j = i;
      while (j < line.length && !' \t\r()"`'.includes(line[j]!) && !line.startsWith('//', j) && !line.startsWith('=>', j)) j++;
      tokens.push(line.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

function parseReplace(d: Directive, errors: ModFileError[]): Replacement | null {
  const arrow = d.args.indexOf('=>');
  const left = arrow < 0 ? [] : d.args.slice(0, arrow);
  const right = arrow < 0 ? [] : d.args.slice(arrow + 1);
  if (left.length < 1 || left.length > 2 || right.length < 1 || right.length > 2) {
    errors.push({ line: d.line, column: 1, message: 'usage: replace module/path [v1.2.3] => other/module v1.4 | ../local/directory' });
    return null;
  }
  return { oldPath: left[0]!, oldVersion: left[1] ?? '', newPath: right[0]!, newVersion: right[1] ?? '' };
}

export function parseGoMod(text: string): GoModFile {
  const errors: ModFileError[] = [];
  const mod: GoModFile = { module: '', go: '', toolchain: '', require: [], replace: [], exclude: [], ignore: [], errors };
  for (const d of directives(text, errors)) {
    switch (d.verb) {
      case 'module':
        mod.module = d.args[0] ?? '';
        break;
      case 'go':
        mod.go = d.args[0] ?? '';
        break;
      case 'toolchain':
        mod.toolchain = d.args[0] ?? '';
        break;
      case 'require':
        if (d.args.length >= 2) mod.require.push({ path: d.args[0]!, version: d.args[1]! });
        else errors.push({ line: d.line, column: 1, message: 'usage: require module/path v1.2.3' });
        break;
      case 'exclude':
        if (d.args.length >= 2) mod.exclude.push({ path: d.args[0]!, version: d.args[1]! });
        break;
      case 'replace': {
        const r = parseReplace(d, errors);
        if (r) mod.replace.push(r);
        break;
      }
      case 'ignore':
        if (d.args[0] !== undefined) mod.ignore.push(d.args[0]);
        break;
      default:
        // retract, godebug, tool: nothing that changes where packages are.
        break;
    }
  }
  return mod;
}

export function parseGoWork(text: string): GoWorkFile {
  const errors: ModFileError[] = [];
  const work: GoWorkFile = { go: '', use: [], replace: [], errors };
  for (const d of directives(text, errors)) {
    if (d.verb === 'go') work.go = d.args[0] ?? '';
    else if (d.verb === 'use' && d.args[0] !== undefined) work.use.push(d.args[0]);
    else if (d.verb === 'replace') {
      const r = parseReplace(d, errors);
      if (r) work.replace.push(r);
    }
  }
  return work;
}

/** A module path in a replace directive that names a directory rather than a module. */
export function isLocalPath(p: string): boolean {
  return p.startsWith('./') || p.startsWith('../') || p === '.' || p === '..' || p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('.\\') || p.startsWith('..\\');
}

/** The "language version" of a go line: "1.22.3" -> "1.22", "1.21rc1" -> "1.21". */
export function languageVersion(go: string): string {
  const m = /^(\d+)\.(\d+)/.exec(go);
  if (m) return `${m[1]}.${m[2]}`;
  return /^\d+$/.test(go) ? `${go}.0` : '';
}

/** Compares Go versions such as "1.21" and "1.9" numerically. */
export function compareGoVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Module cache case encoding: every upper-case letter becomes '!' and its lower case. */
export function escapeModulePath(p: string): string {
  return p.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
}

/** Orders semantic versions ("v1.2.3", "v0.0.0-2023…-abcdef", "v2.0.0+incompatible"). */
export function compareSemver(a: string, b: string): number {
  const parse = (v: string): { nums: number[]; pre: string } => {
    const body = v.replace(/^v/, '').replace(/\+.*$/, '');
    const dash = body.indexOf('-');
    const core = dash < 0 ? body : body.slice(0, dash);
    return { nums: core.split('.').map((x) => parseInt(x, 10) || 0), pre: dash < 0 ? '' : body.slice(dash + 1) };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return d;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === '') return 1;
  if (y.pre === '') return -1;
  const px = x.pre.split('.');
  const py = y.pre.split('.');
  for (let i = 0; i < Math.min(px.length, py.length); i++) {
    const ex = px[i]!;
    const ey = py[i]!;
    if (ex === ey) continue;
    const nx = /^\d+$/.test(ex);
    const ny = /^\d+$/.test(ey);
    if (nx && ny) return ex.length !== ey.length ? ex.length - ey.length : ex < ey ? -1 : 1;
    if (nx) return -1;
    if (ny) return 1;
    return ex < ey ? -1 : 1;
  }
  return px.length - py.length;
}

export interface VendorManifest {
  /** Vendored module path -> version ("" when unknown). */
  modules: Map<string, string>;
  /** Package import path -> the module that provides it. */
  packages: Map<string, string>;
  /** Module path -> its go version from the "## explicit; go 1.21" annotation. */
  goVersions: Map<string, string>;
}

/** vendor/modules.txt: "# path version [=> replacement]" headers followed by package lines. */
export function parseVendorModules(text: string): VendorManifest {
  const modules = new Map<string, string>();
  const packages = new Map<string, string>();
  const goVersions = new Map<string, string>();
  let current: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('# ')) {
      const fields = line.slice(2).trim().split(/\s+/);
      current = fields[0] ?? null;
      // A second header for the same module ("# path => dir", a wildcard replacement) adds nothing.
      if (current && current !== '=>' && !modules.has(current)) modules.set(current, fields[1] && fields[1] !== '=>' ? fields[1] : '');
      continue;
    }
    if (line.startsWith('##')) {
      const m = /(?:^|;)\s*go (\S+)/.exec(line.slice(2));
      if (current && m) goVersions.set(current, languageVersion(m[1]!));
      continue;
    }
    if (line.startsWith('#')) continue;
    if (current) packages.set(line, current);
  }
  return { modules, packages, goVersions };
}
