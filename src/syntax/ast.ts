// The Go syntax tree, shaped like go/ast: the same node kinds and field names (so a
// Go analyzer writer recognises every field), each node a plain object whose `kind`
// is the go/ast type name. go/ast's Obj, Scope and Unresolved are left out: name
// resolution belongs to the type checker. Positions are Pos numbers (see position.ts).
//
// Every node of a kind is created with the same keys in the same order (the order
// below, which is go/ast's): V8 then gives all of them one hidden class, and the JSON
// dump (astjson.ts) comes out in go/ast field order for free.

import type { Pos } from './position.js';
import { Token, tokenString } from './token.js';

export { Token };

// ---- Comments

export interface Comment {
  kind: 'Comment';
  Slash: Pos;
  /** Comment text including its markers (carriage returns removed as go/scanner does). */
  Text: string;
}

export interface CommentGroup {
  kind: 'CommentGroup';
  List: Comment[];
}

// ---- Fields

export interface Field {
  kind: 'Field';
  Doc: CommentGroup | null;
  Names: Ident[];
  Type: Expr | null;
  Tag: BasicLit | null;
  Comment: CommentGroup | null;
}

export interface FieldList {
  kind: 'FieldList';
  Opening: Pos;
  List: Field[];
  Closing: Pos;
}

// ---- Expressions

export interface BadExpr {
  kind: 'BadExpr';
  From: Pos;
  To: Pos;
}

export interface Ident {
  kind: 'Ident';
  NamePos: Pos;
  Name: string;
}

export interface Ellipsis {
  kind: 'Ellipsis';
  Ellipsis: Pos;
  Elt: Expr | null;
}

export interface BasicLit {
  kind: 'BasicLit';
  ValuePos: Pos;
  ValueEnd: Pos;
  /** Token.INT, FLOAT, IMAG, CHAR or STRING. */
  Kind: Token;
  Value: string;
}

export interface FuncLit {
  kind: 'FuncLit';
  Type: FuncType;
  Body: BlockStmt;
}

export interface CompositeLit {
  kind: 'CompositeLit';
  Type: Expr | null;
  Lbrace: Pos;
  Elts: Expr[];
  Rbrace: Pos;
  Incomplete: boolean;
}

export interface ParenExpr {
  kind: 'ParenExpr';
  Lparen: Pos;
  X: Expr;
  Rparen: Pos;
}

export interface SelectorExpr {
  kind: 'SelectorExpr';
  X: Expr;
  Sel: Ident;
}

export interface IndexExpr {
  kind: 'IndexExpr';
  X: Expr;
  Lbrack: Pos;
  Index: Expr;
  Rbrack: Pos;
}

export interface IndexListExpr {
  kind: 'IndexListExpr';
  X: Expr;
  Lbrack: Pos;
  Indices: Expr[];
  Rbrack: Pos;
}

export interface SliceExpr {
  kind: 'SliceExpr';
  X: Expr;
  Lbrack: Pos;
  Low: Expr | null;
  High: Expr | null;
  Max: Expr | null;
  Slice3: boolean;
  Rbrack: Pos;
}

export interface TypeAssertExpr {
  kind: 'TypeAssertExpr';
  X: Expr;
  Lparen: Pos;
  /** null for x.(type) in a type switch. */
  Type: Expr | null;
  Rparen: Pos;
}

export interface CallExpr {
  kind: 'CallExpr';
  Fun: Expr;
  Lparen: Pos;
  Args: Expr[];
  /** Position of "..." in f(xs...), or NoPos. */
  Ellipsis: Pos;
  Rparen: Pos;
}

export interface StarExpr {
  kind: 'StarExpr';
  Star: Pos;
  X: Expr;
}

export interface UnaryExpr {
  kind: 'UnaryExpr';
  OpPos: Pos;
  Op: Token;
  X: Expr;
}

export interface BinaryExpr {
  kind: 'BinaryExpr';
  X: Expr;
  OpPos: Pos;
  Op: Token;
  Y: Expr;
}

export interface KeyValueExpr {
  kind: 'KeyValueExpr';
  Key: Expr;
  Colon: Pos;
  Value: Expr;
}

/** Channel direction bits as go/ast.ChanDir. */
export const enum ChanDir {
  SEND = 1,
  RECV = 2,
}

export interface ArrayType {
  kind: 'ArrayType';
  Lbrack: Pos;
  /** null for slice types; an Ellipsis for [...]T. */
  Len: Expr | null;
  Elt: Expr;
}

export interface StructType {
  kind: 'StructType';
  Struct: Pos;
  Fields: FieldList;
  Incomplete: boolean;
}

export interface FuncType {
  kind: 'FuncType';
  Func: Pos;
  TypeParams: FieldList | null;
  Params: FieldList;
  Results: FieldList | null;
}

export interface InterfaceType {
  kind: 'InterfaceType';
  Interface: Pos;
  Methods: FieldList;
  Incomplete: boolean;
}

export interface MapType {
  kind: 'MapType';
  Map: Pos;
  Key: Expr;
  Value: Expr;
}

export interface ChanType {
  kind: 'ChanType';
  Begin: Pos;
  Arrow: Pos;
  Dir: ChanDir;
  Value: Expr;
}

export type Expr =
  | BadExpr | Ident | Ellipsis | BasicLit | FuncLit | CompositeLit | ParenExpr | SelectorExpr
  | IndexExpr | IndexListExpr | SliceExpr | TypeAssertExpr | CallExpr | StarExpr | UnaryExpr
  | BinaryExpr | KeyValueExpr | ArrayType | StructType | FuncType | InterfaceType | MapType | ChanType;

// ---- Statements

export interface BadStmt {
  kind: 'BadStmt';
  From: Pos;
  To: Pos;
}

export interface DeclStmt {
  kind: 'DeclStmt';
  Decl: Decl;
}

export interface EmptyStmt {
  kind: 'EmptyStmt';
  Semicolon: Pos;
  /** True when the ";" was implied by a newline or closing brace. */
  Implicit: boolean;
}

export interface LabeledStmt {
  kind: 'LabeledStmt';
  Label: Ident;
  Colon: Pos;
  Stmt: Stmt;
}

export interface ExprStmt {
  kind: 'ExprStmt';
  X: Expr;
}

export interface SendStmt {
  kind: 'SendStmt';
  Chan: Expr;
  Arrow: Pos;
  Value: Expr;
}

export interface IncDecStmt {
  kind: 'IncDecStmt';
  X: Expr;
  TokPos: Pos;
  Tok: Token;
}

export interface AssignStmt {
  kind: 'AssignStmt';
  Lhs: Expr[];
  TokPos: Pos;
  Tok: Token;
  Rhs: Expr[];
}

export interface GoStmt {
  kind: 'GoStmt';
  Go: Pos;
  Call: CallExpr;
}

export interface DeferStmt {
  kind: 'DeferStmt';
  Defer: Pos;
  Call: CallExpr;
}

export interface ReturnStmt {
  kind: 'ReturnStmt';
  Return: Pos;
  Results: Expr[];
}

export interface BranchStmt {
  kind: 'BranchStmt';
  TokPos: Pos;
  /** BREAK, CONTINUE, GOTO or FALLTHROUGH. */
  Tok: Token;
  Label: Ident | null;
}

export interface BlockStmt {
  kind: 'BlockStmt';
  Lbrace: Pos;
  List: Stmt[];
  Rbrace: Pos;
}

export interface IfStmt {
  kind: 'IfStmt';
  If: Pos;
  Init: Stmt | null;
  Cond: Expr;
  Body: BlockStmt;
  Else: Stmt | null;
}

export interface CaseClause {
  kind: 'CaseClause';
  Case: Pos;
  /** Empty for `default`. */
  List: Expr[];
  Colon: Pos;
  Body: Stmt[];
}

export interface SwitchStmt {
  kind: 'SwitchStmt';
  Switch: Pos;
  Init: Stmt | null;
  Tag: Expr | null;
  Body: BlockStmt;
}

export interface TypeSwitchStmt {
  kind: 'TypeSwitchStmt';
  Switch: Pos;
  Init: Stmt | null;
  /** x := y.(type) or y.(type) */
  Assign: Stmt;
  Body: BlockStmt;
}

export interface CommClause {
  kind: 'CommClause';
  Case: Pos;
  /** Send or receive statement; null for `default`. */
  Comm: Stmt | null;
  Colon: Pos;
  Body: Stmt[];
}

export interface SelectStmt {
  kind: 'SelectStmt';
  Select: Pos;
  Body: BlockStmt;
}

export interface ForStmt {
  kind: 'ForStmt';
  For: Pos;
  Init: Stmt | null;
  Cond: Expr | null;
  Post: Stmt | null;
  Body: BlockStmt;
}

export interface RangeStmt {
  kind: 'RangeStmt';
  For: Pos;
  Key: Expr | null;
  Value: Expr | null;
  TokPos: Pos;
  /** ILLEGAL when there is no key (`for range x`), else ASSIGN or DEFINE. */
  Tok: Token;
  Range: Pos;
  X: Expr;
  Body: BlockStmt;
}

export type Stmt =
  | BadStmt | DeclStmt | EmptyStmt | LabeledStmt | ExprStmt | SendStmt | IncDecStmt | AssignStmt
  | GoStmt | DeferStmt | ReturnStmt | BranchStmt | BlockStmt | IfStmt | CaseClause | SwitchStmt
  | TypeSwitchStmt | CommClause | SelectStmt | ForStmt | RangeStmt;

// ---- Specs and declarations

export interface ImportSpec {
  kind: 'ImportSpec';
  Doc: CommentGroup | null;
  Name: Ident | null;
  Path: BasicLit;
  Comment: CommentGroup | null;
  EndPos: Pos;
}

export interface ValueSpec {
  kind: 'ValueSpec';
  Doc: CommentGroup | null;
  Names: Ident[];
  Type: Expr | null;
  Values: Expr[];
  Comment: CommentGroup | null;
}

export interface TypeSpec {
  kind: 'TypeSpec';
  Doc: CommentGroup | null;
  Name: Ident;
  TypeParams: FieldList | null;
  /** Position of '=' in an alias declaration, or NoPos. */
  Assign: Pos;
  Type: Expr;
  Comment: CommentGroup | null;
}

export type Spec = ImportSpec | ValueSpec | TypeSpec;

export interface BadDecl {
  kind: 'BadDecl';
  From: Pos;
  To: Pos;
}

export interface GenDecl {
  kind: 'GenDecl';
  Doc: CommentGroup | null;
  TokPos: Pos;
  /** IMPORT, CONST, TYPE or VAR. */
  Tok: Token;
  Lparen: Pos;
  Specs: Spec[];
  Rparen: Pos;
}

export interface FuncDecl {
  kind: 'FuncDecl';
  Doc: CommentGroup | null;
  Recv: FieldList | null;
  Name: Ident;
  Type: FuncType;
  Body: BlockStmt | null;
}

export type Decl = BadDecl | GenDecl | FuncDecl;

// ---- File

export interface File {
  kind: 'File';
  Doc: CommentGroup | null;
  Package: Pos;
  Name: Ident;
  Decls: Decl[];
  /** Start and end of the whole file (FileEnd = FileStart + size). */
  FileStart: Pos;
  FileEnd: Pos;
  Imports: ImportSpec[];
  /** Every comment of the file, in source order. */
  Comments: CommentGroup[];
  /** Minimum Go version from //go:build (e.g. "go1.21"), or "". */
  GoVersion: string;
}

export type Node = Expr | Stmt | Spec | Decl | Comment | CommentGroup | Field | FieldList | File;

// ---- Pos / End with go/ast's semantics

/** Position of the node's first character (go/ast Node.Pos). */
/** The expression inside any parentheses, as go/ast.Unparen. */
export function unparen(e: Expr): Expr {
  while (e.kind === 'ParenExpr') e = e.X;
  return e;
}

export function pos(n: Node): Pos {
  switch (n.kind) {
    case 'Comment': return n.Slash;
    case 'CommentGroup': return n.List[0]!.Slash;
    case 'Field':
      if (n.Names.length > 0) return n.Names[0]!.NamePos;
      if (n.Type !== null) return pos(n.Type);
      return 0;
    case 'FieldList':
      if (n.Opening !== 0) return n.Opening;
      if (n.List.length > 0) return pos(n.List[0]!);
      return 0;
    case 'BadExpr': return n.From;
    case 'Ident': return n.NamePos;
    case 'Ellipsis': return n.Ellipsis;
    case 'BasicLit': return n.ValuePos;
    case 'FuncLit': return pos(n.Type);
    case 'CompositeLit': return n.Type !== null ? pos(n.Type) : n.Lbrace;
    case 'ParenExpr': return n.Lparen;
    case 'SelectorExpr': return pos(n.X);
    case 'IndexExpr': return pos(n.X);
    case 'IndexListExpr': return pos(n.X);
    case 'SliceExpr': return pos(n.X);
    case 'TypeAssertExpr': return pos(n.X);
    case 'CallExpr': return pos(n.Fun);
    case 'StarExpr': return n.Star;
    case 'UnaryExpr': return n.OpPos;
    case 'BinaryExpr': return pos(n.X);
    case 'KeyValueExpr': return pos(n.Key);
    case 'ArrayType': return n.Lbrack;
    case 'StructType': return n.Struct;
    case 'FuncType':
      // Interface methods have no "func" keyword (go/ast issue 3870).
      if (n.Func !== 0 || n.Params === null) return n.Func;
      return pos(n.Params);
    case 'InterfaceType': return n.Interface;
    case 'MapType': return n.Map;
    case 'ChanType': return n.Begin;
    case 'BadStmt': return n.From;
    case 'DeclStmt': return pos(n.Decl);
    case 'EmptyStmt': return n.Semicolon;
    case 'LabeledStmt': return n.Label.NamePos;
    case 'ExprStmt': return pos(n.X);
    case 'SendStmt': return pos(n.Chan);
    case 'IncDecStmt': return pos(n.X);
    case 'AssignStmt': return pos(n.Lhs[0]!);
    case 'GoStmt': return n.Go;
    case 'DeferStmt': return n.Defer;
    case 'ReturnStmt': return n.Return;
    case 'BranchStmt': return n.TokPos;
    case 'BlockStmt': return n.Lbrace;
    case 'IfStmt': return n.If;
    case 'CaseClause': return n.Case;
    case 'SwitchStmt': return n.Switch;
    case 'TypeSwitchStmt': return n.Switch;
    case 'CommClause': return n.Case;
    case 'SelectStmt': return n.Select;
    case 'ForStmt': return n.For;
    case 'RangeStmt': return n.For;
    case 'ImportSpec': return n.Name !== null ? n.Name.NamePos : n.Path.ValuePos;
    case 'ValueSpec': return n.Names[0]!.NamePos;
    case 'TypeSpec': return n.Name.NamePos;
    case 'BadDecl': return n.From;
    case 'GenDecl': return n.TokPos;
    case 'FuncDecl': return pos(n.Type);
    case 'File': return n.Package;
  }
}

/** Position just after the node (go/ast Node.End). */
export function end(n: Node): Pos {
  switch (n.kind) {
    case 'Comment': return n.Slash + utf8Length(n.Text);
    case 'CommentGroup': return end(n.List[n.List.length - 1]!);
    case 'Field':
      if (n.Tag !== null) return end(n.Tag);
      if (n.Type !== null) return end(n.Type);
      if (n.Names.length > 0) return end(n.Names[n.Names.length - 1]!);
      return 0;
    case 'FieldList':
      if (n.Closing !== 0) return n.Closing + 1;
      if (n.List.length > 0) return end(n.List[n.List.length - 1]!);
      return 0;
    case 'BadExpr': return n.To;
    case 'Ident': return n.NamePos + utf8Length(n.Name);
    case 'Ellipsis': return n.Elt !== null ? end(n.Elt) : n.Ellipsis + 3;
    case 'BasicLit': return n.ValueEnd !== 0 ? n.ValueEnd : n.ValuePos + utf8Length(n.Value);
    case 'FuncLit': return end(n.Body);
    case 'CompositeLit': return n.Rbrace + 1;
    case 'ParenExpr': return n.Rparen + 1;
    case 'SelectorExpr': return end(n.Sel);
    case 'IndexExpr': return n.Rbrack + 1;
    case 'IndexListExpr': return n.Rbrack + 1;
    case 'SliceExpr': return n.Rbrack + 1;
    case 'TypeAssertExpr': return n.Rparen + 1;
    case 'CallExpr': return n.Rparen + 1;
    case 'StarExpr': return end(n.X);
    case 'UnaryExpr': return end(n.X);
    case 'BinaryExpr': return end(n.Y);
    case 'KeyValueExpr': return end(n.Value);
    case 'ArrayType': return end(n.Elt);
    case 'StructType': return end(n.Fields);
    case 'FuncType': return n.Results !== null ? end(n.Results) : end(n.Params);
    case 'InterfaceType': return end(n.Methods);
    case 'MapType': return end(n.Value);
    case 'ChanType': return end(n.Value);
    case 'BadStmt': return n.To;
    case 'DeclStmt': return end(n.Decl);
    case 'EmptyStmt': return n.Implicit ? n.Semicolon : n.Semicolon + 1;
    case 'LabeledStmt': return end(n.Stmt);
    case 'ExprStmt': return end(n.X);
    case 'SendStmt': return end(n.Value);
    case 'IncDecStmt': return n.TokPos + 2;
    case 'AssignStmt': return end(n.Rhs[n.Rhs.length - 1]!);
    case 'GoStmt': return end(n.Call);
    case 'DeferStmt': return end(n.Call);
    case 'ReturnStmt': return n.Results.length > 0 ? end(n.Results[n.Results.length - 1]!) : n.Return + 6;
    case 'BranchStmt': return n.Label !== null ? end(n.Label) : n.TokPos + tokenString(n.Tok).length;
    case 'BlockStmt':
      if (n.Rbrace !== 0) return n.Rbrace + 1;
      if (n.List.length > 0) return end(n.List[n.List.length - 1]!);
      return n.Lbrace + 1;
    case 'IfStmt': return n.Else !== null ? end(n.Else) : end(n.Body);
    case 'CaseClause': return n.Body.length > 0 ? end(n.Body[n.Body.length - 1]!) : n.Colon + 1;
    case 'SwitchStmt': return end(n.Body);
    case 'TypeSwitchStmt': return end(n.Body);
    case 'CommClause': return n.Body.length > 0 ? end(n.Body[n.Body.length - 1]!) : n.Colon + 1;
    case 'SelectStmt': return end(n.Body);
    case 'ForStmt': return end(n.Body);
    case 'RangeStmt': return end(n.Body);
    case 'ImportSpec': return n.EndPos !== 0 ? n.EndPos : end(n.Path);
    case 'ValueSpec':
      if (n.Values.length > 0) return end(n.Values[n.Values.length - 1]!);
      if (n.Type !== null) return end(n.Type);
      return end(n.Names[n.Names.length - 1]!);
    case 'TypeSpec': return end(n.Type);
    case 'BadDecl': return n.To;
    case 'GenDecl': return n.Rparen !== 0 ? n.Rparen + 1 : end(n.Specs[0]!);
    case 'FuncDecl': return n.Body !== null ? end(n.Body) : end(n.Type);
    case 'File': return n.Decls.length > 0 ? end(n.Decls[n.Decls.length - 1]!) : end(n.Name);
  }
}

/** Length in UTF-8 bytes of a string (positions count bytes, JS strings count UTF-16 units). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 2; // surrogate pair: 2 units, 4 bytes
      i++;
    } else n += 2;
  }
  return n;
}

/**
 * Calls `visit` for n and, while it returns true, for each child in go/ast field
 * order (like go/ast.Inspect); `leave`, if given, after a node's children.
 */
export function inspect(n: Node, visit: (n: Node) => boolean, leave?: (n: Node) => void): void {
  if (!visit(n)) return;
  const o = n as unknown as Record<string, unknown>;
  for (const key of childKeys(n)) {
    const v = o[key];
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const c of v) inspect(c as Node, visit, leave);
    } else inspect(v as Node, visit, leave);
  }
  if (leave) leave(n);
}

/** Calls f on each direct child node of n, in go/ast field order (go/ast.Walk's order). */
export function forEachChild(n: Node, f: (c: Node) => void): void {
  const o = n as unknown as Record<string, unknown>;
  for (const key of childKeys(n)) {
    const v = o[key];
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const c of v) f(c as Node);
    } else f(v as Node);
  }
}

/**
 * Per node kind, the fields that can hold child nodes, in declaration order. Every node
 * of a kind is built with the same keys in the same order, and a field holds either
 * nodes (or null) or plain values, so the first node of a kind tells. Walking these
 * lists instead of enumerating each node's keys keeps walks cheap.
 */
const CHILD_KEYS = new Map<string, readonly string[]>();

function childKeys(n: Node): readonly string[] {
  let keys = CHILD_KEYS.get(n.kind);
  if (keys) return keys;
  const o = n as unknown as Record<string, unknown>;
  const found: string[] = [];
  for (const key in o) {
    if (key === 'kind') continue;
    // As go/ast.Walk: a File's Imports are reached through Decls, its Comments are not walked.
    if (n.kind === 'File' && (key === 'Imports' || key === 'Comments')) continue;
    const v = o[key];
    if (v === null || v === undefined || typeof v === 'object') found.push(key);
  }
  CHILD_KEYS.set(n.kind, (keys = found));
  return keys;
}
