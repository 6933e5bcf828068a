import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scanner } from './scanner.js';
import { Token, tokenString } from './token.js';
import { FileSet } from './position.js';
import { parseFile, formatError } from './parser.js';

const enc = new TextEncoder();

interface Scanned {
  toks: string[];
  errors: string[];
}

/** Tokens as "TOK" or "TOK:lit" (literals, comments, automatic semicolons as ";\n"). */
function scan(text: string | Uint8Array): Scanned {
  const src = typeof text === 'string' ? enc.encode(text) : text;
  const errors: string[] = [];
  const s = new Scanner('x.go', src, 1, (offset, msg) => errors.push(`${offset}: ${msg}`));
  const toks: string[] = [];
  for (let i = 0; i < 10000; i++) {
    s.scan();
    if (s.tok === Token.EOF) break;
    const name = tokenString(s.tok);
    if (s.tok === Token.SEMICOLON) toks.push(s.lit === '\n' ? ';\\n' : ';');
    else if ((s.tok > Token.literal_beg && s.tok < Token.literal_end) || s.tok === Token.COMMENT) toks.push(`${name}:${s.lit}`);
    else toks.push(name);
  }
  return { toks, errors };
}

test('integer literals in every base, with separators', () => {
  for (const lit of ['0', '42', '1_000_000', '0x1F', '0X_ff', '0o17', '0O7_7', '017', '0b1010', '0B_1', '0_7']) {
    assert.deepEqual(scan(lit), { toks: [`INT:${lit}`, ';\\n'], errors: [] }, lit);
  }
});

test('float and imaginary literals', () => {
  for (const lit of ['1.5', '.5', '1.', '1e10', '1E+3', '6.02e-23', '0x1p-2', '0X1.8P+1', '0x_1p4', '1_0.2_5']) {
    assert.deepEqual(scan(lit).toks, [`FLOAT:${lit}`, ';\\n'], lit);
  }
  for (const lit of ['1i', '0.5i', '1e3i', '0x1p2i', '0b1i', '0o7i', '017i']) {
    assert.deepEqual(scan(lit).toks, [`IMAG:${lit}`, ';\\n'], lit);
  }
});

test('malformed numbers are reported where go/scanner reports them', () => {
  assert.deepEqual(scan('0b102').errors, ["4: invalid digit '2' in binary literal"]);
  assert.deepEqual(scan('09').errors, ["1: invalid digit '9' in octal literal"]);
  assert.deepEqual(scan('1__0').errors, ["2: '_' must separate successive digits"]);
  assert.deepEqual(scan('0x').errors, ['2: hexadecimal literal has no digits']);
  assert.deepEqual(scan('0x1.0').errors, ["5: hexadecimal mantissa requires a 'p' exponent"]);
  assert.deepEqual(scan('1e').errors, ['2: exponent has no digits']);
  assert.deepEqual(scan('0b1.0').errors, ['3: invalid radix point in binary literal']);
});

test('rune literals and escapes', () => {
  for (const lit of ["'a'", "'é'", "'\\n'", "'\\''", "'\\x7f'", "'\\377'", "'\\u12e4'", "'\\U00101234'", "'🦆'"]) {
    assert.deepEqual(scan(lit), { toks: [`CHAR:${lit}`, ';\\n'], errors: [] }, lit);
  }
  assert.deepEqual(scan("'ab'").errors, ['0: illegal rune literal']);
  assert.deepEqual(scan("'\\q'").errors, ['2: unknown escape sequence']);
  assert.deepEqual(scan("'\\ud800'").errors, ['2: escape sequence is invalid Unicode code point']);
  assert.deepEqual(scan("'a").errors, ['0: rune literal not terminated']);
});

test('interpreted and raw strings', () => {
  assert.deepEqual(scan('"a\\tb\\"c"').toks, ['STRING:"a\\tb\\"c"', ';\\n']);
  assert.deepEqual(scan('"日本"').toks, ['STRING:"日本"', ';\\n']);
  assert.deepEqual(scan('`a\nb\\n`').toks, ['STRING:`a\nb\\n`', ';\\n']);
  assert.deepEqual(scan('"abc\n').errors, ['0: string literal not terminated']);
  assert.deepEqual(scan('`abc').errors, ['0: raw string literal not terminated']);
});

test('carriage returns are dropped from raw strings and comments, not from positions', () => {
  assert.deepEqual(scan('`a\r\nb`').toks, ['STRING:`a\nb`', ';\\n']);
  assert.deepEqual(scan('x // c\r\ny').toks, ['IDENT:x', 'COMMENT:// c', ';\\n', 'IDENT:y', ';\\n']);
  assert.deepEqual(scan('/* a\r\nb */').toks, ['COMMENT:/* a\nb */']);
  // The AST keeps source offsets: the literal after a CRLF raw string starts where the bytes say.
  const src = 'package p\r\n\r\nvar s = `a\r\nb`\r\nvar t = 1\r\n';
  const r = parseFile(new FileSet(), 'crlf.go', enc.encode(src));
  assert.deepEqual(r.errors, []);
  const decl = r.file.Decls[1]!;
  assert.equal(decl.kind, 'GenDecl');
  if (decl.kind === 'GenDecl' && decl.Specs[0]!.kind === 'ValueSpec') {
    const v = decl.Specs[0]!.Values[0]!;
    assert.equal(v.kind === 'BasicLit' && v.ValuePos - r.file.FileStart, src.indexOf('1'));
  }
  assert.equal(r.source.position(r.file.Decls[1]!.kind === 'GenDecl' ? r.file.Decls[1]!.TokPos : 0).line, 5);
});

test('automatic semicolons follow the Go spec', () => {
  assert.deepEqual(scan('x\n').toks, ['IDENT:x', ';\\n']);
  assert.deepEqual(scan('f()\n').toks, ['IDENT:f', '(', ')', ';\\n']);
  assert.deepEqual(scan('a[1]\n}\n').toks, ['IDENT:a', '[', 'INT:1', ']', ';\\n', '}', ';\\n']);
  assert.deepEqual(scan('return\nbreak\ncontinue\nfallthrough\n').toks, ['return', ';\\n', 'break', ';\\n', 'continue', ';\\n', 'fallthrough', ';\\n']);
  assert.deepEqual(scan('i++\nj--\n').toks, ['IDENT:i', '++', ';\\n', 'IDENT:j', '--', ';\\n']);
  assert.deepEqual(scan('"s"\n\'c\'\n1.5\n').toks, ['STRING:"s"', ';\\n', "CHAR:'c'", ';\\n', 'FLOAT:1.5', ';\\n']);
  // no semicolon after operators, keywords that continue a statement, or opening brackets
  assert.deepEqual(scan('x +\ny\n').toks, ['IDENT:x', '+', 'IDENT:y', ';\\n']);
  assert.deepEqual(scan('func (\n)').toks, ['func', '(', ')', ';\\n']);
  // at EOF without newline
  assert.deepEqual(scan('x').toks, ['IDENT:x', ';\\n']);
  // a multi-line /* */ comment acts like a newline: go/scanner returns the comment, then the ';'
  assert.deepEqual(scan('x /* a\nb */ y').toks, ['IDENT:x', 'COMMENT:/* a\nb */', ';\\n', 'IDENT:y', ';\\n']);
  assert.deepEqual(scan('x /* a */ y').toks, ['IDENT:x', 'COMMENT:/* a */', 'IDENT:y', ';\\n']);
  // a // comment before the newline: the ';' is at the newline, after the comment
  assert.deepEqual(scan('x // c\n').toks, ['IDENT:x', 'COMMENT:// c', ';\\n']);
});

test('operators', () => {
  const ops = '+ - * / % & | ^ << >> &^ += -= *= /= %= &= |= ^= <<= >>= &^= && || <- ++ -- == < > = ! ~ != <= >= := ... ( [ { , . ) ] } ; :';
  const got = scan(ops).toks.filter((t) => t !== ';\\n').map((t) => (t === ';' ? ';' : t));
  assert.deepEqual(got, ops.split(' '));
});

test('byte order mark: ignored at the start, an error elsewhere', () => {
  assert.deepEqual(scan('\ufeffpackage p'), { toks: ['package', 'IDENT:p', ';\\n'], errors: [] });
  assert.deepEqual(scan('x \ufeff').errors, ['2: illegal byte order mark']);
  const r = parseFile(new FileSet(), 'bom.go', enc.encode('\ufeffpackage p\n'));
  assert.deepEqual(r.errors, []);
  assert.equal(r.file.Package - r.file.FileStart, 3);
});

test('NUL bytes, invalid UTF-8 and UTF-16 are reported', () => {
  assert.deepEqual(scan(new Uint8Array([0x78, 0x00])).errors, ['1: illegal character NUL', '1: illegal character U+0000']);
  assert.deepEqual(scan(new Uint8Array([0x78, 0x20, 0xff])).errors, ['2: illegal UTF-8 encoding', "2: illegal character U+FFFD '\ufffd'"]);
  assert.deepEqual(scan(new Uint8Array([0xff, 0xfe, 0x70, 0x00])).errors, ['0: illegal UTF-8 encoding (got UTF-16)', "0: illegal character U+FFFD '\ufffd'"]);
  assert.deepEqual(scan('x @').errors, ["2: illegal character U+0040 '@'"]);
  assert.deepEqual(scan('x “y”').errors, ["2: curly quotation mark '“' (use neutral '\"')", "6: curly quotation mark '”' (use neutral '\"')"]);
});

test('identifiers: ASCII, Unicode, keywords', () => {
  assert.deepEqual(scan('αβ x_1 _ mapx map').toks, ['IDENT:αβ', 'IDENT:x_1', 'IDENT:_', 'IDENT:mapx', 'map']);
  assert.deepEqual(scan('a日本').toks, ['IDENT:a日本', ';\\n']);
});

test('directives: //go:build gives File.GoVersion, //go: comments are kept, //line moves error positions', () => {
  const r = parseFile(new FileSet(), 'd.go', enc.encode('//go:build linux && go1.21\n\npackage p\n\n//go:noinline\nfunc f() {}\n'));
  assert.deepEqual(r.errors, []);
  assert.equal(r.file.GoVersion, 'go1.21');
  const texts = r.file.Comments.flatMap((g) => g.List.map((c) => c.Text));
  assert.deepEqual(texts, ['//go:build linux && go1.21', '//go:noinline']);
  const fd = r.file.Decls[0]!;
  assert.equal(fd.kind === 'FuncDecl' && fd.Doc?.List[0]?.Text, '//go:noinline');

  const r2 = parseFile(new FileSet(), 'dir/l.go', enc.encode('package p\n//line other.go:100\nvar x = )\n'));
  assert.equal(r2.errors.length, 1);
  assert.equal(formatError(r2.errors[0]!), "dir/other.go:100: expected operand, found ')'");
  assert.equal(r2.errors[0]!.offset, 'package p\n//line other.go:100\nvar x = '.length);
  const r3 = parseFile(new FileSet(), 'l.go', enc.encode('package p\n//line :0\n'));
  assert.equal(r3.errors[0]?.message, 'invalid line number: 0');
});
