// A Go parser, a port of go/parser (Go 1.26) producing the go/ast-shaped tree of
// ast.ts with the same positions, the same recovery and the same first error. It
// never throws on any input: errors are collected (go/parser's rules: at most one
// error per line, give up after more than 10) and the tree parsed so far is returned.

import type * as ast from './ast.js';
import { goVersionOfBuildLine } from './buildconstraint.js';
import { type Pos, type Position, FileSet, SourceFile, formatPosition } from './position.js';
import { Scanner } from './scanner.js';
import { LowestPrec, Token, isLiteral, precedence, tokenString } from './token.js';

/** A syntax error: position (adjusted by //line directives, as go/parser reports it) and message. */
export interface SyntaxError {
  pos: Pos;
  filename: string;
  /** Byte offset in the file. */
  offset: number;
  line: number;
  col: number;
  message: string;
}

/** `path:line:col: message`, as gofmt -e prints it. */
export function formatError(e: SyntaxError): string {
  return `${formatPosition({ filename: e.filename, offset: e.offset, line: e.line, column: e.col })}: ${e.message}`;
}

export interface ParseOptions {
  /** Keep comments (File.Comments, Doc and Comment fields). Default true. */
  comments?: boolean;
  /** Report every error instead of go/parser's default (one per line, at most 10). */
  allErrors?: boolean;
  /**
   * Leave function declarations' bodies empty (their braces kept, nothing between),
   * for a package read only for its declarations: an imported package's bodies are
   * never type-checked. A body whose braces cannot be matched by bytes alone is parsed.
   * Errors inside skipped bodies are not reported.
   */
  skipFuncBodies?: boolean;
}

export interface ParseResult {
  file: ast.File;
  /** Sorted by position, as go/parser returns them. */
  errors: SyntaxError[];
  /** The file's entry in the FileSet. */
  source: SourceFile;
}

class Bailout {
  constructor(
    readonly pos: Pos,
    readonly msg: string,
  ) {}
}

const maxNestLev = 1e5;

// Token sets used for error recovery (go/parser's stmtStart, declStart, exprEnd).
const stmtStart = new Uint8Array(128);
for (const t of [Token.BREAK, Token.CONST, Token.CONTINUE, Token.DEFER, Token.FALLTHROUGH, Token.FOR, Token.GO, Token.GOTO, Token.IF, Token.RETURN, Token.SELECT, Token.SWITCH, Token.TYPE, Token.VAR]) stmtStart[t] = 1;
const declStart = new Uint8Array(128);
for (const t of [Token.IMPORT, Token.CONST, Token.TYPE, Token.VAR]) declStart[t] = 1;
const exprEnd = new Uint8Array(128);
for (const t of [Token.COMMA, Token.COLON, Token.SEMICOLON, Token.RPAREN, Token.RBRACK, Token.RBRACE]) exprEnd[t] = 1;

const enum StmtMode {
  basic,
  labelOk,
  rangeOk,
}

interface ParamField {
  name: ast.Ident | null;
  typ: ast.Expr | null;
}


function ident(pos: Pos, name: string): ast.Ident {
  return { kind: 'Ident', NamePos: pos, Name: name };
}
function badExpr(from: Pos, to: Pos): ast.BadExpr {
  return { kind: 'BadExpr', From: from, To: to };
}
function badStmt(from: Pos, to: Pos): ast.BadStmt {
  return { kind: 'BadStmt', From: from, To: to };
}
function field(doc: ast.CommentGroup | null, names: ast.Ident[], typ: ast.Expr | null, tag: ast.BasicLit | null, comment: ast.CommentGroup | null): ast.Field {
  return { kind: 'Field', Doc: doc, Names: names, Type: typ, Tag: tag, Comment: comment };
}
function fieldList(opening: Pos, list: ast.Field[], closing: Pos): ast.FieldList {
  return { kind: 'FieldList', Opening: opening, List: list, Closing: closing };
}
function funcType(fn: Pos, tparams: ast.FieldList | null, params: ast.FieldList, results: ast.FieldList | null): ast.FuncType {
  return { kind: 'FuncType', Func: fn, TypeParams: tparams, Params: params, Results: results };
}
function binaryExpr(x: ast.Expr, opPos: Pos, op: Token, y: ast.Expr): ast.BinaryExpr {
  return { kind: 'BinaryExpr', X: x, OpPos: opPos, Op: op, Y: y };
}
function unaryExpr(opPos: Pos, op: Token, x: ast.Expr): ast.UnaryExpr {
  return { kind: 'UnaryExpr', OpPos: opPos, Op: op, X: x };
}
function assignStmt(lhs: ast.Expr[], tokPos: Pos, tok: Token, rhs: ast.Expr[]): ast.AssignStmt {
  return { kind: 'AssignStmt', Lhs: lhs, TokPos: tokPos, Tok: tok, Rhs: rhs };
}
function blockStmt(lbrace: Pos, list: ast.Stmt[], rbrace: Pos): ast.BlockStmt {
  return { kind: 'BlockStmt', Lbrace: lbrace, List: list, Rbrace: rbrace };
}
function exprStmt(x: ast.Expr): ast.ExprStmt {
  return { kind: 'ExprStmt', X: x };
}
function parenExpr(lparen: Pos, x: ast.Expr, rparen: Pos): ast.ParenExpr {
  return { kind: 'ParenExpr', Lparen: lparen, X: x, Rparen: rparen };
}
function starExpr(star: Pos, x: ast.Expr): ast.StarExpr {
  return { kind: 'StarExpr', Star: star, X: x };
}
function indexExpr(x: ast.Expr, lbrack: Pos, index: ast.Expr, rbrack: Pos): ast.IndexExpr {
  return { kind: 'IndexExpr', X: x, Lbrack: lbrack, Index: index, Rbrack: rbrack };
}
function arrayType(lbrack: Pos, len: ast.Expr | null, elt: ast.Expr): ast.ArrayType {
  return { kind: 'ArrayType', Lbrack: lbrack, Len: len, Elt: elt };
}
function basicLit(pos: Pos, end: Pos, kind: Token, value: string): ast.BasicLit {
  return { kind: 'BasicLit', ValuePos: pos, ValueEnd: end, Kind: kind, Value: value };
}
function selectorExpr(x: ast.Expr, sel: ast.Ident): ast.SelectorExpr {
  return { kind: 'SelectorExpr', X: x, Sel: sel };
}

function packIndexExpr(x: ast.Expr, lbrack: Pos, exprs: ast.Expr[], rbrack: Pos): ast.Expr {
  if (exprs.length === 1) return indexExpr(x, lbrack, exprs[0]!, rbrack);
  return { kind: 'IndexListExpr', X: x, Lbrack: lbrack, Indices: exprs, Rbrack: rbrack };
}

function isTypeElem(x: ast.Expr): boolean {
  switch (x.kind) {
    case 'ArrayType': case 'StructType': case 'FuncType': case 'InterfaceType': case 'MapType': case 'ChanType':
      return true;
    case 'BinaryExpr':
      return isTypeElem(x.X) || isTypeElem(x.Y);
    case 'UnaryExpr':
      return x.Op === Token.TILDE;
    case 'ParenExpr':
      return isTypeElem(x.X);
  }
  return false;
}

function extractName(x: ast.Expr, force: boolean): [ast.Ident | null, ast.Expr | null] {
  switch (x.kind) {
    case 'Ident':
      return [x, null];
    case 'BinaryExpr':
      switch (x.Op) {
        case Token.MUL:
          if (x.X.kind === 'Ident' && (force || isTypeElem(x.Y))) return [x.X, starExpr(x.OpPos, x.Y)];
          break;
        case Token.OR: {
          const [name, lhs] = extractName(x.X, force || isTypeElem(x.Y));
          if (name !== null && lhs !== null) return [name, binaryExpr(lhs, x.OpPos, x.Op, x.Y)];
          break;
        }
      }
      break;
    case 'CallExpr':
      if (x.Fun.kind === 'Ident') {
        if (x.Args.length === 1 && x.Ellipsis === 0 && (force || isTypeElem(x.Args[0]!))) {
          return [x.Fun, parenExpr(x.Lparen, x.Args[0]!, x.Rparen)];
        }
      }
      break;
  }
  return [null, x];
}

function isTypeSwitchAssert(x: ast.Expr): boolean {
  return x.kind === 'TypeAssertExpr' && x.Type === null;
}

class Parser {
  private readonly file: SourceFile;
  private readonly scanner: Scanner;
  readonly errors: SyntaxError[] = [];
  private readonly allErrors: boolean;
  private readonly keepComments: boolean;
  private readonly skipFuncBodies: boolean;

  comments: ast.CommentGroup[] = [];
  private leadComment: ast.CommentGroup | null = null;
  private lineComment: ast.CommentGroup | null = null;
  private top = true;
  goVersion = '';

  private pos: Pos = 0;
  private tok: Token = Token.ILLEGAL;
  private lit = '';
  private stringEnd: Pos = 0;

  private syncPos: Pos = 0;
  private syncCnt = 0;

  private exprLev = 0;
  private inRhs = false;
  imports: ast.ImportSpec[] = [];
  private nestLev = 0;
  /** Declarations parsed so far, kept when parsing gives up. */
  decls: ast.Decl[] = [];

  constructor(file: SourceFile, src: Uint8Array, opts: ParseOptions) {
    this.file = file;
    this.lineStarts = file.lineTable;
    this.lineCount = file.lineTotal;
    this.allErrors = opts.allErrors ?? false;
    this.keepComments = opts.comments ?? true;
    this.skipFuncBodies = opts.skipFuncBodies ?? false;
    const base = file.base;
    this.scanner = new Scanner(
      file.name,
      src,
      base,
      (offset, msg) => this.addError(base + offset, msg),
      (offset, filename, line, column) => file.addLineColumnInfo(offset, filename, line, column),
    );
    this.next();
  }

  private addError(pos: Pos, msg: string): void {
    const p = this.file.position(pos);
    this.errors.push({ pos, filename: p.filename, offset: p.offset, line: p.line, col: p.column, message: msg });
  }

  // ---- tokens and comments

  private next0(): void {
    const s = this.scanner;
    for (;;) {
      s.scan();
      this.pos = s.pos;
      this.tok = s.tok;
      this.lit = s.lit;
      if (this.tok === Token.COMMENT) {
        if (this.top && this.lit.startsWith('//go:build')) {
          const v = goVersionOfBuildLine(this.lit);
          if (v !== undefined) this.goVersion = v;
        }
        if (!this.keepComments) continue;
      } else {
        if (this.tok >= Token.INT && this.tok <= Token.STRING) this.stringEnd = s.stringEnd;
        this.top = false;
      }
      break;
    }
  }

  private lineFor(pos: Pos): number {
    if (pos === 0) return 0;
    // Comments are looked up in source order: try the line of the last lookup and
    // the next one before searching the whole table.
    const offset = pos - this.file.base;
    const lines = this.lineStarts;
    let k = this.lastLine;
    if (lines[k - 1]! <= offset) {
      if (k === this.lineCount || offset < lines[k]!) return k;
      if (k + 1 === this.lineCount || offset < lines[k + 1]!) {
        this.lastLine = k + 1;
        return k + 1;
      }
    }
    k = this.file.lineOfOffset(offset);
    this.lastLine = k;
    return k;
  }
  private lastLine = 1;
  private readonly lineStarts: Int32Array;
  private readonly lineCount: number;

  private consumeComment(): [ast.Comment, number] {
    let endline = this.lineFor(this.pos);
    const lit = this.lit;
    if (lit.charCodeAt(1) === 0x2a) {
      // don't use range here - no need to decode Unicode code points
      for (let i = 0; i < lit.length; i++) if (lit.charCodeAt(i) === 10) endline++;
    }
    const comment: ast.Comment = { kind: 'Comment', Slash: this.pos, Text: lit };
    this.next0();
    return [comment, endline];
  }

  private consumeCommentGroup(n: number): [ast.CommentGroup, number] {
    const list: ast.Comment[] = [];
    let endline = this.lineFor(this.pos);
    while (this.tok === Token.COMMENT && this.lineFor(this.pos) <= endline + n) {
      const [comment, e] = this.consumeComment();
      endline = e;
      list.push(comment);
    }
    const group: ast.CommentGroup = { kind: 'CommentGroup', List: exact(list) };
    this.comments.push(group);
    return [group, endline];
  }

  private next(): void {
    this.leadComment = null;
    this.lineComment = null;
    const prev = this.pos;
    this.next0();
    if (this.tok === Token.COMMENT) {
      let comment: ast.CommentGroup | null = null;
      let endline: number;
      if (this.lineFor(this.pos) === this.lineFor(prev)) {
        // The comment is on the same line as the previous token: a line comment.
        [comment, endline] = this.consumeCommentGroup(0);
        if (this.lineFor(this.pos) !== endline || (this.tok as Token) === Token.SEMICOLON || (this.tok as Token) === Token.EOF) {
          this.lineComment = comment;
        }
      }
      endline = -1;
      while (this.tok === Token.COMMENT) {
        [comment, endline] = this.consumeCommentGroup(1);
      }
      if (endline + 1 === this.lineFor(this.pos)) this.leadComment = comment;
    }
  }

  // ---- errors

  private error(pos: Pos, msg: string): void {
    if (!this.allErrors) {
      const n = this.errors.length;
      if (n > 0 && this.errors[n - 1]!.line === this.file.position(pos).line) return; // likely spurious
      if (n > 10) throw new Bailout(0, '');
    }
    this.addError(pos, msg);
  }

  private errorExpected(pos: Pos, msg: string): void {
    msg = 'expected ' + msg;
    if (pos === this.pos) {
      if (this.tok === Token.SEMICOLON && this.lit === '\n') msg += ', found newline';
      else if (isLiteral(this.tok)) msg += ', found ' + this.lit;
      else msg += ", found '" + tokenString(this.tok) + "'";
    }
    this.error(pos, msg);
  }

  private expect(tok: Token): Pos {
    const pos = this.pos;
    if (this.tok !== tok) this.errorExpected(pos, "'" + tokenString(tok) + "'");
    this.next(); // make progress
    return pos;
  }

  /** Like expect, but NoPos when the token is missing. */
  private expect2(tok: Token): Pos {
    let pos: Pos = 0;
    if (this.tok === tok) pos = this.pos;
    else this.errorExpected(this.pos, "'" + tokenString(tok) + "'");
    this.next();
    return pos;
  }

  private expectClosing(tok: Token, context: string): Pos {
    if (this.tok !== tok && this.tok === Token.SEMICOLON && this.lit === '\n') {
      this.error(this.pos, 'missing \',\' before newline in ' + context);
      this.next();
    }
    return this.expect(tok);
  }

  private expectSemi(): ast.CommentGroup | null {
    // semicolon is optional before a closing ')' or '}'
    if (this.tok === Token.RPAREN || this.tok === Token.RBRACE) return null;
    if (this.tok === Token.COMMA) this.errorExpected(this.pos, "';'"); // permit a ',' instead of a ';' but complain
    switch (this.tok as Token) {
      case Token.COMMA:
      case Token.SEMICOLON: {
        let comment: ast.CommentGroup | null;
        if (this.lit === ';') {
          this.next();
          comment = this.lineComment; // use following comments
        } else {
          comment = this.lineComment; // use preceding comments
          this.next();
        }
        return comment;
      }
      default:
        this.errorExpected(this.pos, "';'");
        this.advance(stmtStart);
        return null;
    }
  }

  private atComma(context: string, follow: Token): boolean {
    if (this.tok === Token.COMMA) return true;
    if (this.tok !== follow) {
      let msg = "missing ','";
      if (this.tok === Token.SEMICOLON && this.lit === '\n') msg += ' before newline';
      this.error(this.pos, msg + ' in ' + context);
      return true; // "insert" comma and continue
    }
    return false;
  }

  /** Skips to the next token of the set, guarding against looping without progress. */
  private advance(to: Uint8Array): void {
    for (; this.tok !== Token.EOF; this.next()) {
      if (to[this.tok] === 1) {
        if (this.pos === this.syncPos && this.syncCnt < 10) {
          this.syncCnt++;
          return;
        }
        if (this.pos > this.syncPos) {
          this.syncPos = this.pos;
          this.syncCnt = 0;
          return;
        }
      }
    }
  }

  private incNestLev(): void {
    this.nestLev++;
    if (this.nestLev > maxNestLev) {
      this.error(this.pos, 'exceeded max nesting depth');
      throw new Bailout(0, '');
    }
  }

  // ---- identifiers and lists

  private parseIdent(): ast.Ident {
    const pos = this.pos;
    let name = '_';
    if (this.tok === Token.IDENT) {
      name = this.lit;
      this.next();
    } else {
      this.expect(Token.IDENT);
    }
    return ident(pos, name);
  }

  private parseIdentList(): ast.Ident[] {
    const list = [this.parseIdent()];
    while (this.tok === Token.COMMA) {
      this.next();
      list.push(this.parseIdent());
    }
    return list.length === 1 ? list : exact(list);
  }

  private parseExprList(): ast.Expr[] {
    const list = [this.parseExpr()];
    while (this.tok === Token.COMMA) {
      this.next();
      list.push(this.parseExpr());
    }
    return list.length === 1 ? list : exact(list);
  }

  private parseList(inRhs: boolean): ast.Expr[] {
    const old = this.inRhs;
    this.inRhs = inRhs;
    const list = this.parseExprList();
    this.inRhs = old;
    return list;
  }

  // ---- types

  private parseType(): ast.Expr {
    const typ = this.tryIdentOrType();
    if (typ === null) {
      const pos = this.pos;
      this.errorExpected(pos, 'type');
      this.advance(exprEnd);
      return badExpr(pos, this.pos);
    }
    return typ;
  }

  private parseQualifiedIdent(id: ast.Ident | null): ast.Expr {
    let typ = this.parseTypeName(id);
    if (this.tok === Token.LBRACK) typ = this.parseTypeInstance(typ);
    return typ;
  }

  private parseTypeName(id: ast.Ident | null): ast.Expr {
    if (id === null) id = this.parseIdent();
    if (this.tok === Token.PERIOD) {
      this.next();
      const sel = this.parseIdent();
      return selectorExpr(id, sel);
    }
    return id;
  }

  private parseArrayType(lbrack: Pos, len: ast.Expr | null): ast.ArrayType {
    if (len === null) {
      this.exprLev++;
      if (this.tok === Token.ELLIPSIS) {
        len = { kind: 'Ellipsis', Ellipsis: this.pos, Elt: null };
        this.next();
      } else if (this.tok !== Token.RBRACK) {
        len = this.parseRhs();
      }
      this.exprLev--;
    }
    if (this.tok === Token.COMMA) {
      // Trailing commas are accepted in type parameter lists but not in array type
      // declarations: report here with a specific message.
      this.error(this.pos, 'unexpected comma; expecting ]');
      this.next();
    }
    this.expect(Token.RBRACK);
    const elt = this.parseType();
    return arrayType(lbrack, len, elt);
  }

  private parseArrayFieldOrTypeInstance(x: ast.Ident): [ast.Ident | null, ast.Expr] {
    const lbrack = this.expect(Token.LBRACK);
    let trailingComma: Pos = 0;
    const args: ast.Expr[] = [];
    if (this.tok !== Token.RBRACK) {
      this.exprLev++;
      args.push(this.parseRhs());
      while (this.tok === Token.COMMA) {
        const comma = this.pos;
        this.next();
        if ((this.tok as Token) === Token.RBRACK) {
          trailingComma = comma;
          break;
        }
        args.push(this.parseRhs());
      }
      this.exprLev--;
    }
    const rbrack = this.expect(Token.RBRACK);
    if (args.length === 0) {
      // x []E
      const elt = this.parseType();
      return [x, arrayType(lbrack, null, elt)];
    }
    // x [P]E or x[P]
    if (args.length === 1) {
      const elt = this.tryIdentOrType();
      if (elt !== null) {
        // x [P]E
        if (trailingComma !== 0) this.error(trailingComma, 'unexpected comma; expecting ]');
        return [x, arrayType(lbrack, args[0]!, elt)];
      }
    }
    // x[P], x[P1, P2], ...
    return [null, packIndexExpr(x, lbrack, exact(args), rbrack)];
  }

  private parseFieldDecl(): ast.Field {
    const doc = this.leadComment;
    let names: ast.Ident[] = [];
    let typ: ast.Expr;
    switch (this.tok) {
      case Token.IDENT: {
        const name = this.parseIdent();
        if ((this.tok as Token) === Token.PERIOD || (this.tok as Token) === Token.STRING || (this.tok as Token) === Token.SEMICOLON || (this.tok as Token) === Token.RBRACE) {
          // embedded type
          typ = name;
          if ((this.tok as Token) === Token.PERIOD) typ = this.parseQualifiedIdent(name);
        } else {
          // name1, name2, ... T
          names = [name];
          while ((this.tok as Token) === Token.COMMA) {
            this.next();
            names.push(this.parseIdent());
          }
          if (names.length > 1) names = exact(names);
          // Careful dance: we don't know if we have an embedded instantiated
          // type T[P1, P2, ...] or a field T of array type []E or [P]E.
          if (names.length === 1 && (this.tok as Token) === Token.LBRACK) {
            const [n, t] = this.parseArrayFieldOrTypeInstance(name);
            typ = t;
            if (n === null) names = [];
          } else {
            // T P
            typ = this.parseType();
          }
        }
        break;
      }
      case Token.MUL: {
        const star = this.pos;
        this.next();
        if ((this.tok as Token) === Token.LPAREN) {
          // *(T)
          this.error(this.pos, 'cannot parenthesize embedded type');
          this.next();
          typ = this.parseQualifiedIdent(null);
          // expect closing ')' but no need to complain if missing
          if ((this.tok as Token) === Token.RPAREN) this.next();
        } else {
          // *T
          typ = this.parseQualifiedIdent(null);
        }
        typ = starExpr(star, typ);
        break;
      }
      case Token.LPAREN: {
        this.error(this.pos, 'cannot parenthesize embedded type');
        this.next();
        if ((this.tok as Token) === Token.MUL) {
          // (*T)
          const star = this.pos;
          this.next();
          typ = starExpr(star, this.parseQualifiedIdent(null));
        } else {
          // (T)
          typ = this.parseQualifiedIdent(null);
        }
        if ((this.tok as Token) === Token.RPAREN) this.next();
        break;
      }
      default: {
        const pos = this.pos;
        this.errorExpected(pos, 'field name or embedded type');
        this.advance(exprEnd);
        typ = badExpr(pos, this.pos);
      }
    }
    let tag: ast.BasicLit | null = null;
    if (this.tok === Token.STRING) {
      tag = basicLit(this.pos, this.stringEnd, this.tok, this.lit);
      this.next();
    }
    const comment = this.expectSemi();
    return field(doc, names, typ, tag, comment);
  }

  private parseStructType(): ast.StructType {
    const pos = this.expect(Token.STRUCT);
    const lbrace = this.expect(Token.LBRACE);
    const list: ast.Field[] = [];
    while (this.tok === Token.IDENT || this.tok === Token.MUL || this.tok === Token.LPAREN) {
      // a field declaration cannot start with a '(' but we accept
      // it here for more robust parsing and better error messages
      // (parseFieldDecl will check and complain if necessary)
      list.push(this.parseFieldDecl());
    }
    const rbrace = this.expect(Token.RBRACE);
    return { kind: 'StructType', Struct: pos, Fields: fieldList(lbrace, exact(list), rbrace), Incomplete: false };
  }

  private parsePointerType(): ast.StarExpr {
    const star = this.expect(Token.MUL);
    const base = this.parseType();
    return starExpr(star, base);
  }

  private parseDotsType(): ast.Ellipsis {
    const pos = this.expect(Token.ELLIPSIS);
    const elt = this.parseType();
    return { kind: 'Ellipsis', Ellipsis: pos, Elt: elt };
  }

  private parseParamDecl(name: ast.Ident | null, typeSetsOK: boolean): ParamField {
    const f: ParamField = { name: null, typ: null };
    if (name === null && typeSetsOK && this.tok === Token.TILDE) {
      // "~" ...
      f.typ = this.embeddedElem(null);
      return f;
    }
    if (name !== null || this.tok === Token.IDENT) {
      // name
      f.name = name !== null ? name : this.parseIdent();
      switch (this.tok) {
        case Token.IDENT: case Token.MUL: case Token.ARROW: case Token.FUNC: case Token.CHAN: case Token.MAP: case Token.STRUCT: case Token.INTERFACE: case Token.LPAREN:
          // name type
          f.typ = this.parseType();
          break;
        case Token.LBRACK: {
          // name "[" type1, ..., typeN "]" or name "[" n "]" type
          const [n, t] = this.parseArrayFieldOrTypeInstance(f.name);
          f.name = n;
          f.typ = t;
          break;
        }
        case Token.ELLIPSIS:
          // name "..." type
          f.typ = this.parseDotsType();
          return f; // don't allow ...type "|" ...
        case Token.PERIOD:
          // name "." ...
          f.typ = this.parseQualifiedIdent(f.name);
          f.name = null;
          break;
        case Token.TILDE:
          if (typeSetsOK) {
            f.typ = this.embeddedElem(null);
            return f;
          }
          break;
        case Token.OR:
          if (typeSetsOK) {
            f.typ = this.embeddedElem(f.name);
            f.name = null;
            return f;
          }
          break;
      }
    } else {
      switch (this.tok) {
        case Token.MUL: case Token.ARROW: case Token.FUNC: case Token.LBRACK: case Token.CHAN: case Token.MAP: case Token.STRUCT: case Token.INTERFACE: case Token.LPAREN:
          // type
          f.typ = this.parseType();
          break;
        case Token.ELLIPSIS:
          // "..." type
          f.typ = this.parseDotsType();
          return f;
        default:
          // TODO(rfindley): this is probably not the right place to report this error (a go/parser comment).
          this.errorExpected(this.pos, "')'");
          this.advance(exprEnd);
      }
    }
    // [name] type "|"
    if (typeSetsOK && this.tok === Token.OR && f.typ !== null) f.typ = this.embeddedElem(f.typ);
    return f;
  }

  private parseParameterList(name0: ast.Ident | null, typ0: ast.Expr | null, closing: Token, dddok: boolean): ast.Field[] {
    // Type parameters are the only parameter list closed by ']'.
    const tparams = closing === Token.RBRACK;
    let pos0 = this.pos;
    if (name0 !== null) pos0 = name0.NamePos;
    else if (typ0 !== null) pos0 = posOf(typ0);

    const list: ParamField[] = [];
    let named = 0; // parameters that have an explicit name and type
    let typed = 0; // parameters that have an explicit type
    while (name0 !== null || (this.tok !== closing && this.tok !== Token.EOF)) {
      let par: ParamField;
      if (typ0 !== null) {
        if (tparams) typ0 = this.embeddedElem(typ0);
        par = { name: name0, typ: typ0 };
      } else {
        par = this.parseParamDecl(name0, tparams);
      }
      name0 = null; // 1st name was consumed if present
      typ0 = null; // 1st typ was consumed if present
      if (par.name !== null || par.typ !== null) {
        list.push(par);
        if (par.name !== null && par.typ !== null) named++;
        if (par.typ !== null) typed++;
      }
      if (!this.atComma('parameter list', closing)) break;
      this.next();
    }
    const params: ast.Field[] = [];
    if (list.length === 0) return params; // not uncommon

    // distribute parameter types (len(list) > 0)
    if (named === 0) {
      // all unnamed => found names are type names
      for (const par of list) {
        if (par.name !== null) {
          par.typ = par.name;
          par.name = null;
        }
      }
      if (tparams) {
        // This is the same error handling as below, adjusted for type parameters only.
        let errPos: Pos;
        let msg: string;
        if (named === typed /* same as typed == 0 */) {
          errPos = this.pos; // position error at closing ]
          msg = 'missing type constraint';
        } else {
          errPos = pos0; // position at opening [ or first name
          msg = 'missing type parameter name';
          if (list.length === 1) msg += ' or invalid array length';
        }
        this.error(errPos, msg);
      }
    } else if (named !== list.length) {
      // some named or we're in a type parameter list => all must be named
      let errPos: Pos = 0; // left-most error position (or invalid)
      let typ: ast.Expr | null = null; // current type (from right to left)
      for (let i = 0; i < list.length; i++) {
        const par = list[list.length - i - 1]!;
        if (par.typ !== null) {
          typ = par.typ;
          if (par.name === null) {
            errPos = posOf(typ);
            par.name = ident(errPos, '_');
          }
        } else if (typ !== null) {
          par.typ = typ;
        } else {
          // par.typ == nil && typ == nil => we only have a par.name
          errPos = par.name!.NamePos;
          par.typ = badExpr(errPos, this.pos);
        }
      }
      if (errPos !== 0) {
        let msg: string;
        if (named === typed) {
          errPos = this.pos; // position error at closing token ) or ]
          msg = tparams ? 'missing type constraint' : 'missing parameter type';
        } else {
          if (tparams) {
            msg = 'missing type parameter name';
            if (list.length === 1) msg += ' or invalid array length';
          } else {
            msg = 'missing parameter name';
          }
        }
        this.error(errPos, msg);
      }
    }

    // check use of ...
    let first = true; // only report first occurrence
    for (let i = 0; i < list.length; i++) {
      const f = list[i]!;
      const t = f.typ;
      if (t !== null && t.kind === 'Ellipsis' && (!dddok || i + 1 < list.length)) {
        if (first) {
          first = false;
          this.error(t.Ellipsis, dddok ? 'can only use ... with final parameter' : 'invalid use of ...');
        }
        // use BadExpr instead of ast.Ellipsis to avoid follow-on errors
        f.typ = badExpr(posOf(t), endOf(t));
      }
    }

    // Convert list to []*ast.Field.
    if (named === 0) {
      // parameter list consists of types only
      for (const par of list) params.push(field(null, [], par.typ, null, null));
      return exact(params);
    }
    // parameter list consists of named parameters with types
    let names: ast.Ident[] = [];
    let typ: ast.Expr | null = null;
    for (const par of list) {
      if (par.typ !== typ) {
        if (names.length > 0) {
          params.push(field(null, exact(names), typ, null, null));
          names = [];
        }
        typ = par.typ;
      }
      names.push(par.name!);
    }
    if (names.length > 0) params.push(field(null, exact(names), typ, null, null));
    return exact(params);
  }

  private parseTypeParameters(): ast.FieldList | null {
    const lbrack = this.expect(Token.LBRACK);
    let list: ast.Field[] = [];
    if (this.tok !== Token.RBRACK) list = this.parseParameterList(null, null, Token.RBRACK, false);
    const rbrack = this.expect(Token.RBRACK);
    if (list.length === 0) {
      this.error(rbrack, 'empty type parameter list');
      return null; // avoid follow-on errors
    }
    return fieldList(lbrack, list, rbrack);
  }

  private parseParameters(result: boolean): ast.FieldList | null {
    if (!result || this.tok === Token.LPAREN) {
      const lparen = this.expect(Token.LPAREN);
      let list: ast.Field[] = [];
      if (this.tok !== Token.RPAREN) list = this.parseParameterList(null, null, Token.RPAREN, !result);
      const rparen = this.expect(Token.RPAREN);
      return fieldList(lparen, list, rparen);
    }
    const typ = this.tryIdentOrType();
    if (typ !== null) return fieldList(0, [field(null, [], typ, null, null)], 0);
    return null;
  }

  private parseFuncType(): ast.FuncType {
    const pos = this.expect(Token.FUNC);
    if (this.tok === Token.LBRACK) {
      const tparams = this.parseTypeParameters();
      if (tparams !== null) this.error(tparams.Opening, 'function type must have no type parameters');
    }
    const params = this.parseParameters(false)!;
    const results = this.parseParameters(true);
    return funcType(pos, null, params, results);
  }

  private parseMethodSpec(): ast.Field {
    const doc = this.leadComment;
    let idents: ast.Ident[] = [];
    let typ: ast.Expr;
    const x = this.parseTypeName(null);
    if (x.kind === 'Ident') {
      const id = x;
      if (this.tok === Token.LBRACK) {
        // generic method or embedded instantiated type
        const lbrack = this.pos;
        this.next();
        this.exprLev++;
        const x1 = this.parseExpr();
        this.exprLev--;
        if (x1.kind === 'Ident' && (this.tok as Token) !== Token.COMMA && (this.tok as Token) !== Token.RBRACK) {
          // generic method m[T any]
          //
          // Interface methods do not have type parameters. We parse them for a
          // better error message and improved error recovery.
          this.parseParameterList(x1, null, Token.RBRACK, false);
          this.expect(Token.RBRACK);
          this.error(lbrack, 'interface method must have no type parameters');
          // TODO(rfindley) refactor to share code with parseFuncType (a go/parser note).
          const params = this.parseParameters(false)!;
          const results = this.parseParameters(true);
          idents = [id];
          typ = funcType(0, null, params, results);
        } else {
          // embedded instantiated type
          // TODO(rfindley) should resolve all identifiers in x (a go/parser note).
          const list = [x1];
          if (this.atComma('type argument list', Token.RBRACK)) {
            this.exprLev++;
            this.next();
            while ((this.tok as Token) !== Token.RBRACK && (this.tok as Token) !== Token.EOF) {
              list.push(this.parseType());
              if (!this.atComma('type argument list', Token.RBRACK)) break;
              this.next();
            }
            this.exprLev--;
          }
          const rbrack = this.expectClosing(Token.RBRACK, 'type argument list');
          typ = packIndexExpr(id, lbrack, list.length === 1 ? list : exact(list), rbrack);
        }
      } else if (this.tok === Token.LPAREN) {
        // ordinary method
        // TODO(rfindley) refactor to share code with parseFuncType (a go/parser note).
        const params = this.parseParameters(false)!;
        const results = this.parseParameters(true);
        idents = [id];
        typ = funcType(0, null, params, results);
      } else {
        // embedded type
        typ = x;
      }
    } else {
      // embedded, possibly instantiated type
      typ = x;
      if (this.tok === Token.LBRACK) {
        // embedded instantiated interface
        typ = this.parseTypeInstance(typ);
      }
    }
    // Comment is added at the callsite: the field is the interface's element.
    return field(doc, idents, typ, null, null);
  }

  private embeddedElem(x: ast.Expr | null): ast.Expr {
    if (x === null) x = this.embeddedTerm();
    while (this.tok === Token.OR) {
      const opPos = this.pos;
      this.next();
      const y = this.embeddedTerm();
      x = binaryExpr(x, opPos, Token.OR, y);
    }
    return x;
  }

  private embeddedTerm(): ast.Expr {
    if (this.tok === Token.TILDE) {
      const opPos = this.pos;
      this.next();
      const x = this.parseType();
      return unaryExpr(opPos, Token.TILDE, x);
    }
    const t = this.tryIdentOrType();
    if (t === null) {
      const pos = this.pos;
      this.errorExpected(pos, '~ term or type');
      this.advance(exprEnd);
      return badExpr(pos, this.pos);
    }
    return t;
  }

  private parseInterfaceType(): ast.InterfaceType {
    const pos = this.expect(Token.INTERFACE);
    const lbrace = this.expect(Token.LBRACE);
    const list: ast.Field[] = [];
    for (;;) {
      if (this.tok === Token.IDENT) {
        const f = this.parseMethodSpec();
        if (f.Names.length === 0) f.Type = this.embeddedElem(f.Type);
        f.Comment = this.expectSemi();
        list.push(f);
      } else if (this.tok === Token.TILDE) {
        const typ = this.embeddedElem(null);
        const comment = this.expectSemi();
        list.push(field(null, [], typ, null, comment));
      } else {
        const t = this.tryIdentOrType();
        if (t === null) break;
        const typ = this.embeddedElem(t);
        const comment = this.expectSemi();
        list.push(field(null, [], typ, null, comment));
      }
    }
    // TODO(rfindley): the error produced here could be improved (a go/parser note).
    const rbrace = this.expect(Token.RBRACE);
    return { kind: 'InterfaceType', Interface: pos, Methods: fieldList(lbrace, exact(list), rbrace), Incomplete: false };
  }

  private parseMapType(): ast.MapType {
    const pos = this.expect(Token.MAP);
    this.expect(Token.LBRACK);
    const key = this.parseType();
    this.expect(Token.RBRACK);
    const value = this.parseType();
    return { kind: 'MapType', Map: pos, Key: key, Value: value };
  }

  private parseChanType(): ast.ChanType {
    const pos = this.pos;
    let dir = 3; // SEND | RECV
    let arrow: Pos = 0;
    if (this.tok === Token.CHAN) {
      this.next();
      if ((this.tok as Token) === Token.ARROW) {
        arrow = this.pos;
        this.next();
        dir = 1; // SEND
      }
    } else {
      arrow = this.expect(Token.ARROW);
      this.expect(Token.CHAN);
      dir = 2; // RECV
    }
    const value = this.parseType();
    return { kind: 'ChanType', Begin: pos, Arrow: arrow, Dir: dir, Value: value };
  }

  private parseTypeInstance(typ: ast.Expr): ast.Expr {
    const opening = this.expect(Token.LBRACK);
    this.exprLev++;
    const list: ast.Expr[] = [];
    while (this.tok !== Token.RBRACK && this.tok !== Token.EOF) {
      list.push(this.parseType());
      if (!this.atComma('type argument list', Token.RBRACK)) break;
      this.next();
    }
    this.exprLev--;
    const closing = this.expectClosing(Token.RBRACK, 'type argument list');
    if (list.length === 0) {
      this.errorExpected(closing, 'type argument list');
      return indexExpr(typ, opening, badExpr(opening + 1, closing), closing);
    }
    return packIndexExpr(typ, opening, list, closing);
  }

  private tryIdentOrType(): ast.Expr | null {
    this.incNestLev();
    const r = this.tryIdentOrType0();
    this.nestLev--;
    return r;
  }

  private tryIdentOrType0(): ast.Expr | null {
    switch (this.tok) {
      case Token.IDENT: {
        let typ = this.parseTypeName(null);
        if ((this.tok as Token) === Token.LBRACK) typ = this.parseTypeInstance(typ);
        return typ;
      }
      case Token.LBRACK: {
        const lbrack = this.expect(Token.LBRACK);
        return this.parseArrayType(lbrack, null);
      }
      case Token.STRUCT:
        return this.parseStructType();
      case Token.MUL:
        return this.parsePointerType();
      case Token.FUNC:
        return this.parseFuncType();
      case Token.INTERFACE:
        return this.parseInterfaceType();
      case Token.MAP:
        return this.parseMapType();
      case Token.CHAN:
      case Token.ARROW:
        return this.parseChanType();
      case Token.LPAREN: {
        const lparen = this.pos;
        this.next();
        const typ = this.parseType();
        const rparen = this.expect(Token.RPAREN);
        return parenExpr(lparen, typ, rparen);
      }
    }
    // no type found
    return null;
  }

  // ---- blocks

  private parseStmtList(): ast.Stmt[] {
    const list: ast.Stmt[] = [];
    while (this.tok !== Token.CASE && this.tok !== Token.DEFAULT && this.tok !== Token.RBRACE && this.tok !== Token.EOF) {
      list.push(this.parseStmt());
    }
    return exact(list);
  }

  private parseBody(): ast.BlockStmt {
    const lbrace = this.expect(Token.LBRACE);
    const list = this.parseStmtList();
    const rbrace = this.expect2(Token.RBRACE);
    return blockStmt(lbrace, list, rbrace);
  }

  /** A function body left empty (skipFuncBodies), or parsed when its braces cannot be matched by bytes. */
  private skipBody(): ast.BlockStmt {
    if (!this.scanner.skipToClosingBrace()) return this.parseBody();
    const lbrace = this.pos;
    this.next();
    const rbrace = this.expect2(Token.RBRACE);
    return blockStmt(lbrace, [], rbrace);
  }

  private parseBlockStmt(): ast.BlockStmt {
    const lbrace = this.expect(Token.LBRACE);
    const list = this.parseStmtList();
    const rbrace = this.expect2(Token.RBRACE);
    return blockStmt(lbrace, list, rbrace);
  }

  // ---- expressions

  private parseFuncTypeOrLit(): ast.Expr {
    const typ = this.parseFuncType();
    if (this.tok !== Token.LBRACE) {
      // function type only
      return typ;
    }
    this.exprLev++;
    const body = this.parseBody();
    this.exprLev--;
    return { kind: 'FuncLit', Type: typ, Body: body };
  }

  /** An operand; may be a type (composite literal types, conversions, make's arguments). */
  private parseOperand(): ast.Expr {
    switch (this.tok) {
      case Token.IDENT:
        return this.parseIdent();
      case Token.INT: case Token.FLOAT: case Token.IMAG: case Token.CHAR: case Token.STRING: {
        // The scanner gives every literal's end in the source (go/parser: pos+len(lit), or stringEnd).
        const x = basicLit(this.pos, this.stringEnd, this.tok, this.lit);
        this.next();
        return x;
      }
      case Token.LPAREN: {
        const lparen = this.pos;
        this.next();
        this.exprLev++;
        const x = this.parseRhs(); // types may be parenthesized: (some type)
        this.exprLev--;
        const rparen = this.expect(Token.RPAREN);
        return parenExpr(lparen, x, rparen);
      }
      case Token.FUNC:
        return this.parseFuncTypeOrLit();
    }
    const typ = this.tryIdentOrType();
    if (typ !== null) return typ; // do not consume trailing type parameters
    // we have an error
    const pos = this.pos;
    this.errorExpected(pos, 'operand');
    this.advance(stmtStart);
    return badExpr(pos, this.pos);
  }

  private parseSelector(x: ast.Expr): ast.Expr {
    const sel = this.parseIdent();
    return selectorExpr(x, sel);
  }

  private parseTypeAssertion(x: ast.Expr): ast.Expr {
    const lparen = this.expect(Token.LPAREN);
    let typ: ast.Expr | null = null;
    if (this.tok === Token.TYPE) {
      // type switch: typ == nil
      this.next();
    } else {
      typ = this.parseType();
    }
    const rparen = this.expect(Token.RPAREN);
    return { kind: 'TypeAssertExpr', X: x, Lparen: lparen, Type: typ, Rparen: rparen };
  }

  private parseIndexOrSliceOrInstance(x: ast.Expr): ast.Expr {
    const lbrack = this.expect(Token.LBRACK);
    if (this.tok === Token.RBRACK) {
      // empty index, slice or index expressions are not permitted;
      // accept them for parsing tolerance, but complain
      this.errorExpected(this.pos, 'operand');
      const rbrack = this.pos;
      this.next();
      return indexExpr(x, lbrack, badExpr(rbrack, rbrack), rbrack);
    }
    this.exprLev++;
    const args: ast.Expr[] = [];
    const index: (ast.Expr | null)[] = [null, null, null];
    const colons: Pos[] = [0, 0];
    if (this.tok !== Token.COLON) {
      // We can't know if we have an index expression or a type instantiation;
      // so even if we see a (named) type we are not going to be in type context.
      index[0] = this.parseRhs();
    }
    let ncolons = 0;
    switch (this.tok) {
      case Token.COLON:
        // slice expression
        while (this.tok === Token.COLON && ncolons < 2) {
          colons[ncolons] = this.pos;
          ncolons++;
          this.next();
          if (this.tok !== Token.COLON && this.tok !== Token.RBRACK && this.tok !== Token.EOF) index[ncolons] = this.parseRhs();
        }
        break;
      case Token.COMMA:
        // instance expression
        args.push(index[0]!);
        while (this.tok === Token.COMMA) {
          this.next();
          if ((this.tok as Token) !== Token.RBRACK && (this.tok as Token) !== Token.EOF) args.push(this.parseType());
        }
        break;
    }
    this.exprLev--;
    const rbrack = this.expect(Token.RBRACK);

    if (ncolons > 0) {
      // slice expression
      let slice3 = false;
      if (ncolons === 2) {
        slice3 = true;
        // Check presence of middle and final index here rather than during type-checking
        // to prevent erroneous programs from passing through gofmt (was go.dev/issue/7305).
        if (index[1] === null) {
          this.error(colons[0]!, 'middle index required in 3-index slice');
          index[1] = badExpr(colons[0]! + 1, colons[1]!);
        }
        if (index[2] === null) {
          this.error(colons[1]!, 'final index required in 3-index slice');
          index[2] = badExpr(colons[1]! + 1, rbrack);
        }
      }
      return { kind: 'SliceExpr', X: x, Lbrack: lbrack, Low: index[0]!, High: index[1]!, Max: index[2]!, Slice3: slice3, Rbrack: rbrack };
    }
    if (args.length === 0) {
      // index expression
      return indexExpr(x, lbrack, index[0]!, rbrack);
    }
    // instance expression
    return packIndexExpr(x, lbrack, exact(args), rbrack);
  }

  private parseCallOrConversion(fun: ast.Expr): ast.CallExpr {
    const lparen = this.expect(Token.LPAREN);
    this.exprLev++;
    const list: ast.Expr[] = [];
    let ellipsis: Pos = 0;
    while (this.tok !== Token.RPAREN && this.tok !== Token.EOF && ellipsis === 0) {
      list.push(this.parseRhs()); // builtins may expect a type: make(some type, ...)
      if (this.tok === Token.ELLIPSIS) {
        ellipsis = this.pos;
        this.next();
      }
      if (!this.atComma('argument list', Token.RPAREN)) break;
      this.next();
    }
    this.exprLev--;
    const rparen = this.expectClosing(Token.RPAREN, 'argument list');
    return { kind: 'CallExpr', Fun: fun, Lparen: lparen, Args: exact(list), Ellipsis: ellipsis, Rparen: rparen };
  }

  private parseValue(): ast.Expr {
    if (this.tok === Token.LBRACE) return this.parseLiteralValue(null);
    return this.parseExpr();
  }

  private parseElement(): ast.Expr {
    const x = this.parseValue();
    if (this.tok === Token.COLON) {
      const colon = this.pos;
      this.next();
      return { kind: 'KeyValueExpr', Key: x, Colon: colon, Value: this.parseValue() };
    }
    return x;
  }

  private parseElementList(): ast.Expr[] {
    const list: ast.Expr[] = [];
    while (this.tok !== Token.RBRACE && this.tok !== Token.EOF) {
      list.push(this.parseElement());
      if (!this.atComma('composite literal', Token.RBRACE)) break;
      this.next();
    }
    return exact(list);
  }

  private parseLiteralValue(typ: ast.Expr | null): ast.Expr {
    this.incNestLev();
    const lbrace = this.expect(Token.LBRACE);
    let elts: ast.Expr[] = [];
    this.exprLev++;
    if (this.tok !== Token.RBRACE) elts = this.parseElementList();
    this.exprLev--;
    const rbrace = this.expectClosing(Token.RBRACE, 'composite literal');
    this.nestLev--;
    return { kind: 'CompositeLit', Type: typ, Lbrace: lbrace, Elts: elts, Rbrace: rbrace, Incomplete: false };
  }

  private parsePrimaryExpr(x: ast.Expr | null): ast.Expr {
    if (x === null) x = this.parseOperand();
    // We track the nesting here rather than at the entry for the function,
    // since it can iteratively produce a nested output, and we want to
    // limit how deep a structure we generate.
    // (No try-finally: when parsing gives up, the parser is thrown away.)
    let n = 1;
    {
      for (; ; n++) {
        this.incNestLev();
        switch ((this.tok as Token)) {
          case Token.PERIOD:
            this.next();
            switch ((this.tok as Token)) {
              case Token.IDENT:
                x = this.parseSelector(x);
                break;
              case Token.LPAREN:
                x = this.parseTypeAssertion(x);
                break;
              default: {
                const pos = this.pos;
                this.errorExpected(pos, 'selector or type assertion');
                // TODO(rFindley) The check for token.RBRACE below is a targeted fix
                // to error recovery sufficient to make the x/tools tests to pass
                // with the new parsing logic introduced for type parameters (a go/parser note).
                if ((this.tok as Token) !== Token.RBRACE) this.next(); // make progress
                x = selectorExpr(x, ident(pos, '_'));
              }
            }
            break;
          case Token.LBRACK:
            x = this.parseIndexOrSliceOrInstance(x);
            break;
          case Token.LPAREN:
            x = this.parseCallOrConversion(x);
            break;
          case Token.LBRACE: {
            // operand may have returned a parenthesized complit
            // type; accept it but complain if we have a complit
            const t = unparen(x);
            // determine if '{' belongs to a composite literal or a block statement
            switch (t.kind) {
              case 'BadExpr': case 'Ident': case 'SelectorExpr':
                if (this.exprLev < 0) {
                  this.nestLev -= n;
                  return x;
                }
                // x is possibly a composite literal type
                break;
              case 'IndexExpr': case 'IndexListExpr':
                if (this.exprLev < 0) {
                  this.nestLev -= n;
                  return x;
                }
                // x is possibly a composite literal type
                break;
              case 'ArrayType': case 'StructType': case 'MapType':
                // x is a composite literal type
                break;
              default:
                this.nestLev -= n;
                return x;
            }
            if (t !== x) this.error(posOf(t), 'cannot parenthesize type in composite literal');
            x = this.parseLiteralValue(x);
            break;
          }
          default:
            this.nestLev -= n;
            return x;
        }
      }
    }
  }

  private parseUnaryExpr(): ast.Expr {
    this.incNestLev();
    const r = this.parseUnaryExpr0();
    this.nestLev--;
    return r;
  }

  private parseUnaryExpr0(): ast.Expr {
    switch (this.tok) {
      case Token.ADD: case Token.SUB: case Token.NOT: case Token.XOR: case Token.AND: case Token.TILDE: {
        const pos = this.pos;
        const op = this.tok;
        this.next();
        const x = this.parseUnaryExpr();
        return unaryExpr(pos, op, x);
      }
      case Token.ARROW: {
        // channel type or receive expression
        let arrow = this.pos;
        this.next();
        // If the next token is token.CHAN we still don't know if it
        // is a channel type or a receive operation - we only know
        // once we have found the end of the unary expression. There
        // are two cases:
        //
        //   <- type  => (<-type) must be channel type
        //   <- expr  => <-(expr) is a receive from an expression
        //
        // In the first case, the arrow must be re-associated with
        // the channel type parsed already:
        //
        //   <-(chan type)    =>  (<-chan type)
        //   <-(chan<- type)  =>  (<-chan (<-type))
        const x = this.parseUnaryExpr();
        if (x.kind === 'ChanType') {
          // re-associate position info and <-
          let typ: ast.Expr = x;
          let dir = 1; // SEND
          while (typ.kind === 'ChanType' && dir === 1) {
            if (typ.Dir === 2) {
              // error: (<-type) is (<-(<-chan T))
              this.errorExpected(typ.Arrow, "'chan'");
            }
            const a = typ.Arrow;
            typ.Begin = arrow;
            typ.Arrow = arrow;
            arrow = a;
            dir = typ.Dir;
            typ.Dir = 2;
            typ = typ.Value;
          }
          if (dir === 1) this.errorExpected(arrow, 'channel type');
          return x;
        }
        // <-(expr)
        return unaryExpr(arrow, Token.ARROW, x);
      }
      case Token.MUL: {
        // pointer type or unary "*" expression
        const pos = this.pos;
        this.next();
        const x = this.parseUnaryExpr();
        return starExpr(pos, x);
      }
    }
    return this.parsePrimaryExpr(null);
  }

  private parseBinaryExpr(x: ast.Expr | null, prec1: number): ast.Expr {
    if (x === null) x = this.parseUnaryExpr();
    // We track the nesting here rather than at the entry for the function,
    // since it can iteratively produce a nested output, and we want to
    // limit how deep a structure we generate.
    for (let n = 1; ; n++) {
      this.incNestLev();
      let op = this.tok;
      if (this.inRhs && op === Token.ASSIGN) op = Token.EQL;
      const oprec = precedence(op);
      if (oprec < prec1) {
        this.nestLev -= n;
        return x;
      }
      const pos = this.expect(op);
      const y = this.parseBinaryExpr(null, oprec + 1);
      x = binaryExpr(x, pos, op, y);
    }
  }

  private parseExpr(): ast.Expr {
    return this.parseBinaryExpr(null, LowestPrec + 1);
  }

  private parseRhs(): ast.Expr {
    const old = this.inRhs;
    this.inRhs = true;
    const x = this.parseExpr();
    this.inRhs = old;
    return x;
  }

  // ---- statements

  private isRange = false;
  /** Parses a simple statement; `this.isRange` tells whether it was a range clause. */
  private parseSimpleStmt(mode: StmtMode): ast.Stmt {
    this.isRange = false;
    const x = this.parseList(false);
    switch (this.tok) {
      case Token.DEFINE: case Token.ASSIGN: case Token.ADD_ASSIGN: case Token.SUB_ASSIGN: case Token.MUL_ASSIGN: case Token.QUO_ASSIGN:
      case Token.REM_ASSIGN: case Token.AND_ASSIGN: case Token.OR_ASSIGN: case Token.XOR_ASSIGN: case Token.SHL_ASSIGN: case Token.SHR_ASSIGN: case Token.AND_NOT_ASSIGN: {
        // assignment statement, possibly part of a range clause
        const pos = this.pos;
        const tok = this.tok;
        this.next();
        let y: ast.Expr[];
        let isRange = false;
        if (mode === StmtMode.rangeOk && (this.tok as Token) === Token.RANGE && (tok === Token.DEFINE || tok === Token.ASSIGN)) {
          const rpos = this.pos;
          this.next();
          y = [unaryExpr(rpos, Token.RANGE, this.parseRhs())];
          isRange = true;
        } else {
          y = this.parseList(true);
        }
        this.isRange = isRange;
        return assignStmt(x, pos, tok, y);
      }
    }
    if (x.length > 1) {
      this.errorExpected(posOf(x[0]!), '1 expression');
      // continue with first expression
    }
    switch ((this.tok as Token)) {
      case Token.COLON: {
        // labeled statement
        const colon = this.pos;
        this.next();
        const label = x[0]!;
        if (mode === StmtMode.labelOk && label.kind === 'Ident') {
          // Go spec: The scope of a label is the body of the function
          // in which it is declared and excludes the body of any nested
          // function.
          const stmt: ast.LabeledStmt = { kind: 'LabeledStmt', Label: label, Colon: colon, Stmt: this.parseStmt() };
          this.isRange = false;
          return stmt;
        }
        // The label declaration typically starts at x[0].Pos(), but the label
        // declaration may be erroneous due to a token after that position (and
        // before the ':'). If SpuriousErrors is not set, the (only) error
        // reported for the line is the illegal label error instead of the token
        // before the ':' that caused the problem. Thus, use the (latest) colon
        // position for error reporting.
        this.error(colon, 'illegal label declaration');
        return badStmt(posOf(x[0]!), colon + 1);
      }
      case Token.ARROW: {
        // send statement
        const arrow = this.pos;
        this.next();
        const y = this.parseRhs();
        return { kind: 'SendStmt', Chan: x[0]!, Arrow: arrow, Value: y };
      }
      case Token.INC:
      case Token.DEC: {
        // increment or decrement
        const s: ast.IncDecStmt = { kind: 'IncDecStmt', X: x[0]!, TokPos: this.pos, Tok: this.tok };
        this.next();
        return s;
      }
    }
    // expression
    return exprStmt(x[0]!);
  }

  private parseCallExpr(callType: string): ast.CallExpr | null {
    let x = this.parseRhs(); // could be a conversion: (some type)(x)
    const t = unparen(x);
    if (t !== x) {
      this.error(posOf(x), `expression in ${callType} must not be parenthesized`);
      x = t;
    }
    if (x.kind === 'CallExpr') return x;
    if (x.kind !== 'BadExpr') {
      // only report error if it's a new one
      this.error(endOf(x), `expression in ${callType} must be function call`);
    }
    return null;
  }

  private parseGoStmt(): ast.Stmt {
    const pos = this.expect(Token.GO);
    const call = this.parseCallExpr('go');
    this.expectSemi();
    if (call === null) return badStmt(pos, pos + 2); // len("go")
    return { kind: 'GoStmt', Go: pos, Call: call };
  }

  private parseDeferStmt(): ast.Stmt {
    const pos = this.expect(Token.DEFER);
    const call = this.parseCallExpr('defer');
    this.expectSemi();
    if (call === null) return badStmt(pos, pos + 5); // len("defer")
    return { kind: 'DeferStmt', Defer: pos, Call: call };
  }

  private parseReturnStmt(): ast.ReturnStmt {
    const pos = this.pos;
    this.expect(Token.RETURN);
    let x: ast.Expr[] = [];
    if (this.tok !== Token.SEMICOLON && this.tok !== Token.RBRACE) x = this.parseList(true);
    this.expectSemi();
    return { kind: 'ReturnStmt', Return: pos, Results: x };
  }

  private parseBranchStmt(tok: Token): ast.BranchStmt {
    const pos = this.expect(tok);
    let label: ast.Ident | null = null;
    if (tok === Token.GOTO || ((tok === Token.CONTINUE || tok === Token.BREAK) && this.tok === Token.IDENT)) label = this.parseIdent();
    this.expectSemi();
    return { kind: 'BranchStmt', TokPos: pos, Tok: tok, Label: label };
  }

  private makeExpr(s: ast.Stmt | null, want: string): ast.Expr | null {
    if (s === null) return null;
    if (s.kind === 'ExprStmt') return s.X;
    const found = s.kind === 'AssignStmt' ? 'assignment' : 'simple statement';
    this.error(posOf(s), `expected ${want}, found ${found} (missing parentheses around composite literal?)`);
    return badExpr(posOf(s), endOf(s));
  }

  private parseIfHeader(): [ast.Stmt | null, ast.Expr] {
    if (this.tok === Token.LBRACE) {
      this.error(this.pos, 'missing condition in if statement');
      return [null, badExpr(this.pos, this.pos)];
    }
    // this.tok !== LBRACE
    const prevLev = this.exprLev;
    this.exprLev = -1;
    let init: ast.Stmt | null = null;
    if (this.tok !== Token.SEMICOLON) {
      // accept potential variable declaration but complain
      if (this.tok === Token.VAR) {
        this.next();
        this.error(this.pos, 'var declaration not allowed in if initializer');
      }
      init = this.parseSimpleStmt(StmtMode.basic);
    }
    let condStmt: ast.Stmt | null = null;
    let semiPos: Pos = 0;
    let semiLit = '';
    if ((this.tok as Token) !== Token.LBRACE) {
      if (this.tok === Token.SEMICOLON) {
        semiPos = this.pos;
        semiLit = this.lit;
        this.next();
      } else {
        this.expect(Token.SEMICOLON);
      }
      if ((this.tok as Token) !== Token.LBRACE) condStmt = this.parseSimpleStmt(StmtMode.basic);
    } else {
      condStmt = init;
      init = null;
    }
    let cond: ast.Expr | null = null;
    if (condStmt !== null) {
      cond = this.makeExpr(condStmt, 'boolean expression');
    } else if (semiPos !== 0) {
      if (semiLit === '\n') this.error(semiPos, 'unexpected newline, expecting { after if clause');
      else this.error(semiPos, 'missing condition in if statement');
    }
    // make sure we have a valid AST
    if (cond === null) cond = badExpr(this.pos, this.pos);
    this.exprLev = prevLev;
    return [init, cond];
  }

  private parseIfStmt(): ast.IfStmt {
    this.incNestLev();
    const pos = this.expect(Token.IF);
    const [init, cond] = this.parseIfHeader();
    const body = this.parseBlockStmt();
    let else_: ast.Stmt | null = null;
    if (this.tok === Token.ELSE) {
      this.next();
      switch ((this.tok as Token)) {
        case Token.IF:
          else_ = this.parseIfStmt();
          break;
        case Token.LBRACE:
          else_ = this.parseBlockStmt();
          this.expectSemi();
          break;
        default:
          this.errorExpected(this.pos, 'if statement or block');
          else_ = badStmt(this.pos, this.pos);
      }
    } else {
      this.expectSemi();
    }
    this.nestLev--;
    return { kind: 'IfStmt', If: pos, Init: init, Cond: cond, Body: body, Else: else_ };
  }

  private parseCaseClause(): ast.CaseClause {
    const pos = this.pos;
    let list: ast.Expr[] = [];
    if (this.tok === Token.CASE) {
      this.next();
      list = this.parseList(true);
    } else {
      this.expect(Token.DEFAULT);
    }
    const colon = this.expect(Token.COLON);
    const body = this.parseStmtList();
    return { kind: 'CaseClause', Case: pos, List: list, Colon: colon, Body: body };
  }

  private isTypeSwitchGuard(s: ast.Stmt | null): boolean {
    if (s === null) return false;
    switch (s.kind) {
      case 'ExprStmt':
        // x.(type)
        return isTypeSwitchAssert(s.X);
      case 'AssignStmt':
        // v := x.(type)
        if (s.Lhs.length === 1 && s.Rhs.length === 1 && isTypeSwitchAssert(s.Rhs[0]!)) {
          switch (s.Tok) {
            case Token.ASSIGN:
              // permit v = x.(type) but complain
              this.error(s.TokPos, "expected ':=', found '='");
              return true;
            case Token.DEFINE:
              return true;
          }
        }
    }
    return false;
  }

  private parseSwitchStmt(): ast.Stmt {
    const pos = this.expect(Token.SWITCH);
    let s1: ast.Stmt | null = null;
    let s2: ast.Stmt | null = null;
    if (this.tok !== Token.LBRACE) {
      const prevLev = this.exprLev;
      this.exprLev = -1;
      if (this.tok !== Token.SEMICOLON) s2 = this.parseSimpleStmt(StmtMode.basic);
      if (this.tok === Token.SEMICOLON) {
        this.next();
        s1 = s2;
        s2 = null;
        if ((this.tok as Token) !== Token.LBRACE) {
          // A TypeSwitchGuard may declare a variable in addition
          // to the variable declared in the initial SimpleStmt.
          // Introduce extra scope to avoid redeclaration errors:
          //
          //	switch t := 0; t := x.(T) { ... }
          //
          // (this code is not valid Go because the first t
          // cannot be accessed and thus is never used, the extra
          // scope is needed for the correct error message).
          //
          // If we don't have a type switch, s2 must be an expression.
          // Having the extra nested but empty scope won't affect it.
          s2 = this.parseSimpleStmt(StmtMode.basic);
        }
      }
      this.exprLev = prevLev;
    }
    const typeSwitch = this.isTypeSwitchGuard(s2);
    const lbrace = this.expect(Token.LBRACE);
    const list: ast.Stmt[] = [];
    while (this.tok === Token.CASE || this.tok === Token.DEFAULT) list.push(this.parseCaseClause());
    const rbrace = this.expect(Token.RBRACE);
    this.expectSemi();
    const body = blockStmt(lbrace, exact(list), rbrace);
    if (typeSwitch) return { kind: 'TypeSwitchStmt', Switch: pos, Init: s1, Assign: s2!, Body: body };
    return { kind: 'SwitchStmt', Switch: pos, Init: s1, Tag: this.makeExpr(s2, 'switch expression'), Body: body };
  }

  private parseCommClause(): ast.CommClause {
    const pos = this.pos;
    let comm: ast.Stmt | null = null;
    if (this.tok === Token.CASE) {
      this.next();
      let lhs = this.parseList(false);
      if ((this.tok as Token) === Token.ARROW) {
        // SendStmt
        if (lhs.length > 1) {
          this.errorExpected(posOf(lhs[0]!), '1 expression');
          // continue with first expression
        }
        const arrow = this.pos;
        this.next();
        const rhs = this.parseRhs();
        comm = { kind: 'SendStmt', Chan: lhs[0]!, Arrow: arrow, Value: rhs };
      } else {
        // RecvStmt
        const tok = this.tok as Token;
        if (tok === Token.ASSIGN || tok === Token.DEFINE) {
          // RecvStmt with assignment
          if (lhs.length > 2) {
            this.errorExpected(posOf(lhs[0]!), '1 or 2 expressions');
            // continue with first two expressions
            lhs = lhs.slice(0, 2);
          }
          const apos = this.pos;
          this.next();
          const rhs = this.parseRhs();
          comm = assignStmt(lhs, apos, tok, [rhs]);
        } else {
          // lhs must be single receive operation
          if (lhs.length > 1) {
            this.errorExpected(posOf(lhs[0]!), '1 expression');
            // continue with first expression
          }
          comm = exprStmt(lhs[0]!);
        }
      }
    } else {
      this.expect(Token.DEFAULT);
    }
    const colon = this.expect(Token.COLON);
    const body = this.parseStmtList();
    return { kind: 'CommClause', Case: pos, Comm: comm, Colon: colon, Body: body };
  }

  private parseSelectStmt(): ast.SelectStmt {
    const pos = this.expect(Token.SELECT);
    const lbrace = this.expect(Token.LBRACE);
    const list: ast.Stmt[] = [];
    while (this.tok === Token.CASE || this.tok === Token.DEFAULT) list.push(this.parseCommClause());
    const rbrace = this.expect(Token.RBRACE);
    this.expectSemi();
    const body = blockStmt(lbrace, exact(list), rbrace);
    return { kind: 'SelectStmt', Select: pos, Body: body };
  }

  private parseForStmt(): ast.Stmt {
    const pos = this.expect(Token.FOR);
    let s1: ast.Stmt | null = null;
    let s2: ast.Stmt | null = null;
    let s3: ast.Stmt | null = null;
    let isRange = false;
    if (this.tok !== Token.LBRACE) {
      const prevLev = this.exprLev;
      this.exprLev = -1;
      if (this.tok !== Token.SEMICOLON) {
        if (this.tok === Token.RANGE) {
          // "for range x" (nil lhs in assignment)
          const rpos = this.pos;
          this.next();
          const y = [unaryExpr(rpos, Token.RANGE, this.parseRhs())];
          s2 = assignStmt([], 0, Token.ILLEGAL, y);
          isRange = true;
        } else {
          s2 = this.parseSimpleStmt(StmtMode.rangeOk);
          isRange = this.isRange;
        }
      }
      if (!isRange && this.tok === Token.SEMICOLON) {
        this.next();
        s1 = s2;
        s2 = null;
        if (this.tok !== Token.SEMICOLON) s2 = this.parseSimpleStmt(StmtMode.basic);
        this.expectSemi();
        if ((this.tok as Token) !== Token.LBRACE) s3 = this.parseSimpleStmt(StmtMode.basic);
      }
      this.exprLev = prevLev;
    }
    const body = this.parseBlockStmt();
    this.expectSemi();

    if (isRange) {
      const as = s2 as ast.AssignStmt;
      // check lhs
      let key: ast.Expr | null = null;
      let value: ast.Expr | null = null;
      switch (as.Lhs.length) {
        case 0:
          // nothing to do
          break;
        case 1:
          key = as.Lhs[0]!;
          break;
        case 2:
          key = as.Lhs[0]!;
          value = as.Lhs[1]!;
          break;
        default:
          this.errorExpected(posOf(as.Lhs[as.Lhs.length - 1]!), 'at most 2 expressions');
          return badStmt(pos, endOf(body));
      }
      // parseSimpleStmt returned a right-hand side that
      // is a single unary expression of the form "range x"
      const rng = as.Rhs[0] as ast.UnaryExpr;
      return { kind: 'RangeStmt', For: pos, Key: key, Value: value, TokPos: as.TokPos, Tok: as.Tok, Range: posOf(rng), X: rng.X, Body: body };
    }
    // regular for statement
    return { kind: 'ForStmt', For: pos, Init: s1, Cond: this.makeExpr(s2, 'boolean or range expression'), Post: s3, Body: body };
  }

  private parseStmt(): ast.Stmt {
    this.incNestLev();
    const s = this.parseStmt0();
    this.nestLev--;
    return s;
  }

  private parseStmt0(): ast.Stmt {
    switch (this.tok) {
      case Token.CONST: case Token.TYPE: case Token.VAR:
        return { kind: 'DeclStmt', Decl: this.parseDecl(stmtStart) };
      case Token.IDENT: case Token.INT: case Token.FLOAT: case Token.IMAG: case Token.CHAR: case Token.STRING: case Token.FUNC: case Token.LPAREN: // operands
      case Token.LBRACK: case Token.STRUCT: case Token.MAP: case Token.CHAN: case Token.INTERFACE: // composite types
      case Token.ADD: case Token.SUB: case Token.MUL: case Token.AND: case Token.XOR: case Token.ARROW: case Token.NOT: { // unary operators
        const s = this.parseSimpleStmt(StmtMode.labelOk);
        // because of the required look-ahead, labeled statements are
        // parsed by parseSimpleStmt - don't expect a semicolon after them
        if (s.kind !== 'LabeledStmt') this.expectSemi();
        return s;
      }
      case Token.GO:
        return this.parseGoStmt();
      case Token.DEFER:
        return this.parseDeferStmt();
      case Token.RETURN:
        return this.parseReturnStmt();
      case Token.BREAK: case Token.CONTINUE: case Token.GOTO: case Token.FALLTHROUGH:
        return this.parseBranchStmt(this.tok);
      case Token.LBRACE: {
        const s = this.parseBlockStmt();
        this.expectSemi();
        return s;
      }
      case Token.IF:
        return this.parseIfStmt();
      case Token.SWITCH:
        return this.parseSwitchStmt();
      case Token.SELECT:
        return this.parseSelectStmt();
      case Token.FOR:
        return this.parseForStmt();
      case Token.SEMICOLON: {
        // Is it ever possible to have an implicit semicolon
        // producing an empty statement in a valid program?
        // (handle correctly anyway)
        const s: ast.EmptyStmt = { kind: 'EmptyStmt', Semicolon: this.pos, Implicit: this.lit === '\n' };
        this.next();
        return s;
      }
      case Token.RBRACE:
        // a semicolon may be omitted before a closing "}"
        return { kind: 'EmptyStmt', Semicolon: this.pos, Implicit: true };
      default: {
        // no statement found
        const pos = this.pos;
        this.errorExpected(pos, 'statement');
        this.advance(stmtStart);
        return badStmt(pos, this.pos);
      }
    }
  }

  // ---- declarations

  private parseImportSpec(doc: ast.CommentGroup | null): ast.Spec {
    let id: ast.Ident | null = null;
    switch (this.tok) {
      case Token.IDENT:
        id = this.parseIdent();
        break;
      case Token.PERIOD:
        id = ident(this.pos, '.');
        this.next();
        break;
    }
    const pos = this.pos;
    let end = this.pos;
    let path = '';
    if (this.tok === Token.STRING) {
      path = this.lit;
      end = this.stringEnd;
      this.next();
    } else if (isLiteral(this.tok)) {
      this.error(pos, 'import path must be a string');
      this.next();
    } else {
      this.error(pos, 'missing import path');
      this.advance(exprEnd);
    }
    const comment = this.expectSemi();
    // collect imports
    const spec: ast.ImportSpec = { kind: 'ImportSpec', Doc: doc, Name: id, Path: basicLit(pos, end, Token.STRING, path), Comment: comment, EndPos: 0 };
    this.imports.push(spec);
    return spec;
  }

  private parseValueSpec(doc: ast.CommentGroup | null, keyword: Token): ast.Spec {
    const idents = this.parseIdentList();
    let typ: ast.Expr | null = null;
    let values: ast.Expr[] = [];
    if (keyword === Token.CONST) {
      // always permit optional type and initialization for more tolerant parsing
      if (this.tok !== Token.EOF && this.tok !== Token.SEMICOLON && this.tok !== Token.RPAREN) {
        typ = this.tryIdentOrType();
        if (this.tok === Token.ASSIGN) {
          this.next();
          values = this.parseList(true);
        }
      }
    } else {
      if (this.tok !== Token.ASSIGN) typ = this.parseType();
      if (this.tok === Token.ASSIGN) {
        this.next();
        values = this.parseList(true);
      }
    }
    const comment = this.expectSemi();
    return { kind: 'ValueSpec', Doc: doc, Names: idents, Type: typ, Values: values, Comment: comment };
  }

  private parseGenericType(spec: ast.TypeSpec, openPos: Pos, name0: ast.Ident, typ0: ast.Expr | null): void {
    const list = this.parseParameterList(name0, typ0, Token.RBRACK, false);
    const closePos = this.expect(Token.RBRACK);
    spec.TypeParams = fieldList(openPos, list, closePos);
    // Let the type checker decide whether to accept type parameters on aliases:
    // see go.dev/issue/46477.
    if (this.tok === Token.ASSIGN) {
      // type alias
      spec.Assign = this.pos;
      this.next();
    }
    spec.Type = this.parseType();
  }

  private parseTypeSpec(doc: ast.CommentGroup | null): ast.Spec {
    const name = this.parseIdent();
    const spec: ast.TypeSpec = { kind: 'TypeSpec', Doc: doc, Name: name, TypeParams: null, Assign: 0, Type: null as unknown as ast.Expr, Comment: null };
    if (this.tok === Token.LBRACK) {
      // spec.Name "["
      const lbrack = this.pos;
      this.next();
      if ((this.tok as Token) === Token.IDENT) {
        // We may have an array type or a type parameter list.
        // In either case we expect an expression x (which may
        // just be a name, or a more complex expression) which we
        // can analyze further.
        //
        // A type parameter list may have a type bound starting
        // with a "[" as in: P []E. In that case, simply parsing
        // an expression would lead to an error: P[] is invalid.
        // But since index or slice expressions are never constant
        // and thus invalid array length expressions, if the name
        // is followed by "[" it must be the start of an array or
        // slice constraint. Only if we don't see a "[" do we
        // need to parse a full expression. Notably, name <- x
        // is not a concern because name <- x is a statement and
        // not an expression.
        let x: ast.Expr = this.parseIdent();
        if (this.tok !== Token.LBRACK) {
          // To parse the expression starting with name, expand
          // the call sequence we would get by passing in name
          // to parser.expr, and pass in name to parsePrimaryExpr.
          this.exprLev++;
          const lhs = this.parsePrimaryExpr(x);
          x = this.parseBinaryExpr(lhs, LowestPrec + 1);
          this.exprLev--;
        }
        // Analyze expression x. If we can split x into a type parameter
        // name, possibly followed by a type parameter type, we consider
        // this the start of a type parameter list, with some caveats:
        // a single name followed by "]" tilts the decision towards an
        // array declaration; a type parameter type that could also be
        // an ordinary expression but which is followed by a comma tilts
        // the decision towards a type parameter list.
        const [pname, ptype] = extractName(x, (this.tok as Token) === Token.COMMA);
        if (pname !== null && (ptype !== null || (this.tok as Token) !== Token.RBRACK)) {
          // spec.Name "[" pname ...
          // spec.Name "[" pname ptype ...
          // spec.Name "[" pname ptype "," ...
          this.parseGenericType(spec, lbrack, pname, ptype); // ptype may be nil
        } else {
          // spec.Name "[" pname "]" ...
          // spec.Name "[" x ...
          spec.Type = this.parseArrayType(lbrack, x);
        }
      } else {
        // array type
        spec.Type = this.parseArrayType(lbrack, null);
      }
    } else {
      // no type parameters
      if (this.tok === Token.ASSIGN) {
        // type alias
        spec.Assign = this.pos;
        this.next();
      }
      spec.Type = this.parseType();
    }
    spec.Comment = this.expectSemi();
    return spec;
  }

  private parseGenDecl(keyword: Token, f: (doc: ast.CommentGroup | null, keyword: Token) => ast.Spec): ast.GenDecl {
    const doc = this.leadComment;
    const pos = this.expect(keyword);
    let lparen: Pos = 0;
    let rparen: Pos = 0;
    const list: ast.Spec[] = [];
    if (this.tok === Token.LPAREN) {
      lparen = this.pos;
      this.next();
      while ((this.tok as Token) !== Token.RPAREN && (this.tok as Token) !== Token.EOF) list.push(f.call(this, this.leadComment, keyword));
      rparen = this.expect(Token.RPAREN);
      this.expectSemi();
    } else {
      list.push(f.call(this, null, keyword));
    }
    return { kind: 'GenDecl', Doc: doc, TokPos: pos, Tok: keyword, Lparen: lparen, Specs: exact(list), Rparen: rparen };
  }

  private parseFuncDecl(): ast.FuncDecl {
    const doc = this.leadComment;
    const pos = this.expect(Token.FUNC);
    let recv: ast.FieldList | null = null;
    if (this.tok === Token.LPAREN) recv = this.parseParameters(false);
    const name = this.parseIdent();
    let tparams: ast.FieldList | null = null;
    if (this.tok === Token.LBRACK) {
      tparams = this.parseTypeParameters();
      if (recv !== null && tparams !== null) {
        // Method declarations do not have type parameters. We parse them for a
        // better error message and improved error recovery.
        this.error(tparams.Opening, 'method must have no type parameters');
        tparams = null;
      }
    }
    const params = this.parseParameters(false)!;
    const results = this.parseParameters(true);
    let body: ast.BlockStmt | null = null;
    switch (this.tok) {
      case Token.LBRACE:
        body = this.skipFuncBodies ? this.skipBody() : this.parseBody();
        this.expectSemi();
        break;
      case Token.SEMICOLON:
        this.next();
        if ((this.tok as Token) === Token.LBRACE) {
          // opening { of function declaration on next line
          this.error(this.pos, 'unexpected semicolon or newline before {');
          body = this.parseBody();
          this.expectSemi();
        }
        break;
      default:
        this.expectSemi();
    }
    return { kind: 'FuncDecl', Doc: doc, Recv: recv, Name: name, Type: funcType(pos, tparams, params, results), Body: body };
  }

  private parseDecl(sync: Uint8Array): ast.Decl {
    switch (this.tok) {
      case Token.IMPORT:
        return this.parseGenDecl(this.tok, this.parseImportSpec);
      case Token.CONST:
      case Token.VAR:
        return this.parseGenDecl(this.tok, this.parseValueSpec);
      case Token.TYPE:
        return this.parseGenDecl(this.tok, this.parseTypeSpec);
      case Token.FUNC:
        return this.parseFuncDecl();
      default: {
        const pos = this.pos;
        this.errorExpected(pos, 'declaration');
        this.advance(sync);
        return { kind: 'BadDecl', From: pos, To: this.pos };
      }
    }
  }

  // ---- source files

  /** Parses the file; null when go/parser would return no tree (error before or in the package clause). */
  parseFile(): { doc: ast.CommentGroup | null; pkg: Pos; name: ast.Ident } | null {
    // Don't bother parsing the rest if we had errors scanning the first token.
    // Likely not a Go source file at all.
    if (this.errors.length !== 0) return null;
    // package clause
    const doc = this.leadComment;
    const pos = this.expect(Token.PACKAGE);
    // Go spec: The package clause is not a declaration;
    // the package name does not appear in any scope.
    const name = this.parseIdent();
    this.expectSemi();
    // Don't bother parsing the rest if we had errors parsing the package clause.
    // Likely not a Go source file at all.
    if (this.errors.length !== 0) return null;
    const header = { doc, pkg: pos, name };
    this.header = header;
    // import decls
    while (this.tok === Token.IMPORT) this.decls.push(this.parseGenDecl(Token.IMPORT, this.parseImportSpec));
    // rest of package body
    let prev = Token.IMPORT;
    while (this.tok !== Token.EOF) {
      // Continue to accept import declarations for error tolerance, but complain.
      if ((this.tok as Token) === Token.IMPORT && prev !== Token.IMPORT) this.error(this.pos, 'imports must appear before other declarations');
      prev = this.tok;
      this.decls.push(this.parseDecl(declStart));
    }
    return header;
  }

  header: { doc: ast.CommentGroup | null; pkg: Pos; name: ast.Ident } | null = null;

  /** Records the error go/parser reports when its recursion limit is hit (our stack ran out first). */
  stackExhausted(): void {
    this.addError(this.pos, 'exceeded max nesting depth');
  }
}

function posOf(n: ast.Node): Pos {
  return astPos(n);
}

function endOf(n: ast.Node): Pos {
  return astEnd(n);
}

/**
 * A list with no spare capacity, for a tree to keep. V8 grows an array that is pushed
 * to by half its length plus 16 slots (an empty one to 16, one of a single element to
 * 17), and trees keep their lists as long as they live: over GOROOT/src, unused
 * capacity was 36 MB of 189 MB of trees, carried through every garbage collection
 * that copies them. Copying a short list is cheaper.
 */
function exact<T>(list: T[]): T[] {
  return list.length === 0 ? list : list.slice();
}

import { pos as astPos, end as astEnd, unparen } from './ast.js';

function compareErrors(a: SyntaxError, b: SyntaxError): number {
  if (a.filename !== b.filename) return a.filename < b.filename ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.col !== b.col) return a.col - b.col;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/**
 * Parses one Go source file. Never throws: syntax errors (and a file that is not
 * UTF-8, has NUL bytes, or is empty) come back in `errors`, sorted as go/parser
 * sorts them, and `file` holds as much of the tree as could be recovered.
 */
export function parseFile(fset: FileSet, filename: string, src: Uint8Array, opts: ParseOptions = {}): ParseResult {
  const source = fset.addFile(filename, src.length);
  return parseSource(source, src, opts);
}

/** Parses into an already registered SourceFile (workers use this with bases agreed in advance). */
export function parseSource(source: SourceFile, src: Uint8Array, opts: ParseOptions = {}): ParseResult {
  source.setLinesForContent(src);
  const p = new Parser(source, src, opts);
  let header: { doc: ast.CommentGroup | null; pkg: Pos; name: ast.Ident } | null = null;
  try {
    header = p.parseFile();
  } catch (e) {
    if (e instanceof Bailout) {
      // too many errors or nested too deeply: the error is already recorded
    } else if (e instanceof RangeError) {
      p.stackExhausted();
    } else {
      throw e;
    }
    header = p.header;
  }
  const file: ast.File = {
    kind: 'File',
    Doc: header ? header.doc : null,
    Package: header ? header.pkg : 0,
    Name: header ? header.name : ident(0, ''),
    Decls: header ? exact(p.decls) : [],
    FileStart: source.base,
    FileEnd: source.base + source.size,
    Imports: header ? exact(p.imports) : [],
    Comments: header ? exact(p.comments) : [],
    GoVersion: header ? p.goVersion : '',
  };
  const errors = p.errors;
  if (errors.length > 1) errors.sort(compareErrors);
  return { file, errors, source };
}

export type { Position };
