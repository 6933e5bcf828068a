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
  inspectNode(n, { visit, leave });
}

interface Inspector {
  visit(n: Node): boolean;
  leave: ((n: Node) => void) | undefined;
}

function inspectNode(n: Node, w: Inspector): void {
  if (!w.visit(n)) return;
  eachChild(n, inspectNode, w);
  if (w.leave !== undefined) w.leave(n);
}

/** Calls f on each direct child node of n, in go/ast field order (go/ast.Walk's order). */
export function forEachChild(n: Node, f: (c: Node) => void): void {
  eachChild(n, callChild, f);
}

function callChild(c: Node, f: (c: Node) => void): void {
  f(c);
}

function eachOf<A>(list: readonly Node[], f: (c: Node, arg: A) => void, arg: A): void {
  for (let i = 0; i < list.length; i++) f(list[i]!, arg);
}

/**
 * The children of each node kind: its fields that hold nodes (or null), in declaration
 * order, which is go/ast.Walk's. As go/ast.Walk, a File's Imports are reached through
 * its Decls and its Comments are not walked. A switch with each field named keeps the
 * loads monomorphic (a loop over field names would make each load a keyed lookup) and
 * needs no closure per node: `arg` carries the caller's state. The most frequent kinds
 * come first. walk.test.ts checks the table against the nodes' own fields.
 */
function eachChild<A>(n: Node, f: (c: Node, arg: A) => void, arg: A): void {
  switch (n.kind) {
    case 'Ident':
    case 'BasicLit':
      return;
    case 'SelectorExpr':
      f(n.X, arg);
      f(n.Sel, arg);
      return;
    case 'CallExpr':
      f(n.Fun, arg);
      eachOf(n.Args, f, arg);
      return;
    case 'ExprStmt':
      f(n.X, arg);
      return;
    case 'AssignStmt':
      eachOf(n.Lhs, f, arg);
      eachOf(n.Rhs, f, arg);
      return;
    case 'BlockStmt':
      eachOf(n.List, f, arg);
      return;
    case 'BinaryExpr':
      f(n.X, arg);
      f(n.Y, arg);
      return;
    case 'StarExpr':
    case 'UnaryExpr':
    case 'ParenExpr':
      f(n.X, arg);
      return;
    case 'IfStmt':
      if (n.Init !== null) f(n.Init, arg);
      f(n.Cond, arg);
      f(n.Body, arg);
      if (n.Else !== null) f(n.Else, arg);
      return;
    case 'ReturnStmt':
      eachOf(n.Results, f, arg);
      return;
    case 'Field':
      if (n.Doc !== null) f(n.Doc, arg);
      eachOf(n.Names, f, arg);
      if (n.Type !== null) f(n.Type, arg);
      if (n.Tag !== null) f(n.Tag, arg);
      if (n.Comment !== null) f(n.Comment, arg);
      return;
    case 'FieldList':
      eachOf(n.List, f, arg);
      return;
    case 'IndexExpr':
      f(n.X, arg);
      f(n.Index, arg);
      return;
    case 'CompositeLit':
      if (n.Type !== null) f(n.Type, arg);
      eachOf(n.Elts, f, arg);
      return;
    case 'KeyValueExpr':
      f(n.Key, arg);
      f(n.Value, arg);
      return;
    case 'FuncType':
      if (n.TypeParams !== null) f(n.TypeParams, arg);
      f(n.Params, arg);
      if (n.Results !== null) f(n.Results, arg);
      return;
    case 'CaseClause':
      eachOf(n.List, f, arg);
      eachOf(n.Body, f, arg);
      return;
    case 'ArrayType':
      if (n.Len !== null) f(n.Len, arg);
      f(n.Elt, arg);
      return;
    case 'SliceExpr':
      f(n.X, arg);
      if (n.Low !== null) f(n.Low, arg);
      if (n.High !== null) f(n.High, arg);
      if (n.Max !== null) f(n.Max, arg);
      return;
    case 'IncDecStmt':
      f(n.X, arg);
      return;
    case 'DeclStmt':
      f(n.Decl, arg);
      return;
    case 'ValueSpec':
      if (n.Doc !== null) f(n.Doc, arg);
      eachOf(n.Names, f, arg);
      if (n.Type !== null) f(n.Type, arg);
      eachOf(n.Values, f, arg);
      if (n.Comment !== null) f(n.Comment, arg);
      return;
    case 'GenDecl':
      if (n.Doc !== null) f(n.Doc, arg);
      eachOf(n.Specs, f, arg);
      return;
    case 'FuncDecl':
      if (n.Doc !== null) f(n.Doc, arg);
      if (n.Recv !== null) f(n.Recv, arg);
      f(n.Name, arg);
      f(n.Type, arg);
      if (n.Body !== null) f(n.Body, arg);
      return;
    case 'FuncLit':
      f(n.Type, arg);
      f(n.Body, arg);
      return;
    case 'TypeAssertExpr':
      f(n.X, arg);
      if (n.Type !== null) f(n.Type, arg);
      return;
    case 'ForStmt':
      if (n.Init !== null) f(n.Init, arg);
      if (n.Cond !== null) f(n.Cond, arg);
      if (n.Post !== null) f(n.Post, arg);
      f(n.Body, arg);
      return;
    case 'RangeStmt':
      if (n.Key !== null) f(n.Key, arg);
      if (n.Value !== null) f(n.Value, arg);
      f(n.X, arg);
      f(n.Body, arg);
      return;
    case 'CommentGroup':
      eachOf(n.List, f, arg);
      return;
    case 'Comment':
      return;
    case 'SwitchStmt':
      if (n.Init !== null) f(n.Init, arg);
      if (n.Tag !== null) f(n.Tag, arg);
      f(n.Body, arg);
      return;
    case 'TypeSwitchStmt':
      if (n.Init !== null) f(n.Init, arg);
      f(n.Assign, arg);
      f(n.Body, arg);
      return;
    case 'BranchStmt':
      if (n.Label !== null) f(n.Label, arg);
      return;
    case 'TypeSpec':
      if (n.Doc !== null) f(n.Doc, arg);
      f(n.Name, arg);
      if (n.TypeParams !== null) f(n.TypeParams, arg);
      f(n.Type, arg);
      if (n.Comment !== null) f(n.Comment, arg);
      return;
    case 'StructType':
      f(n.Fields, arg);
      return;
    case 'InterfaceType':
      f(n.Methods, arg);
      return;
    case 'MapType':
      f(n.Key, arg);
      f(n.Value, arg);
      return;
    case 'ChanType':
      f(n.Value, arg);
      return;
    case 'Ellipsis':
      if (n.Elt !== null) f(n.Elt, arg);
      return;
    case 'IndexListExpr':
      f(n.X, arg);
      eachOf(n.Indices, f, arg);
      return;
    case 'GoStmt':
    case 'DeferStmt':
      f(n.Call, arg);
      return;
    case 'SendStmt':
      f(n.Chan, arg);
      f(n.Value, arg);
      return;
    case 'LabeledStmt':
      f(n.Label, arg);
      f(n.Stmt, arg);
      return;
    case 'CommClause':
      if (n.Comm !== null) f(n.Comm, arg);
      eachOf(n.Body, f, arg);
      return;
    case 'SelectStmt':
      f(n.Body, arg);
      return;
    case 'ImportSpec':
      if (n.Doc !== null) f(n.Doc, arg);
      if (n.Name !== null) f(n.Name, arg);
      f(n.Path, arg);
      if (n.Comment !== null) f(n.Comment, arg);
      return;
    case 'File':
      if (n.Doc !== null) f(n.Doc, arg);
      f(n.Name, arg);
      eachOf(n.Decls, f, arg);
      return;
    case 'BadExpr':
    case 'BadStmt':
    case 'BadDecl':
    case 'EmptyStmt':
      return;
    default: {
      const unknown: never = n;
      throw new Error(`eachChild: unknown node kind ${(unknown as Node).kind}`);
    }
  }
}
