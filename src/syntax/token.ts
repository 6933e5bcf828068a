// Token codes with the same numbering as go/token, so that tables indexed by token
// can be copied from Go without translation. Integer codes keep the scanner's and
// parser's hot paths free of string comparisons.

export const enum Token {
  ILLEGAL = 0,
  EOF = 1,
  COMMENT = 2,

  literal_beg = 3,
  IDENT = 4,
  INT = 5,
  FLOAT = 6,
  IMAG = 7,
  CHAR = 8,
  STRING = 9,
  literal_end = 10,

  operator_beg = 11,
  ADD = 12,
  SUB = 13,
  MUL = 14,
  QUO = 15,
  REM = 16,

  AND = 17,
  OR = 18,
  XOR = 19,
  SHL = 20,
  SHR = 21,
  AND_NOT = 22,

  ADD_ASSIGN = 23,
  SUB_ASSIGN = 24,
  MUL_ASSIGN = 25,
  QUO_ASSIGN = 26,
  REM_ASSIGN = 27,

  AND_ASSIGN = 28,
  OR_ASSIGN = 29,
  XOR_ASSIGN = 30,
  SHL_ASSIGN = 31,
  SHR_ASSIGN = 32,
  AND_NOT_ASSIGN = 33,

  LAND = 34,
  LOR = 35,
  ARROW = 36,
  INC = 37,
  DEC = 38,

  EQL = 39,
  LSS = 40,
  GTR = 41,
  ASSIGN = 42,
  NOT = 43,

  NEQ = 44,
  LEQ = 45,
  GEQ = 46,
  DEFINE = 47,
  ELLIPSIS = 48,

  LPAREN = 49,
  LBRACK = 50,
  LBRACE = 51,
  COMMA = 52,
  PERIOD = 53,

  RPAREN = 54,
  RBRACK = 55,
  RBRACE = 56,
  SEMICOLON = 57,
  COLON = 58,
  operator_end = 59,

  keyword_beg = 60,
  BREAK = 61,
  CASE = 62,
  CHAN = 63,
  CONST = 64,
  CONTINUE = 65,

  DEFAULT = 66,
  DEFER = 67,
  ELSE = 68,
  FALLTHROUGH = 69,
  FOR = 70,

  FUNC = 71,
  GO = 72,
  GOTO = 73,
  IF = 74,
  IMPORT = 75,

  INTERFACE = 76,
  MAP = 77,
  PACKAGE = 78,
  RANGE = 79,
  RETURN = 80,

  SELECT = 81,
  STRUCT = 82,
  SWITCH = 83,
  TYPE = 84,
  VAR = 85,
  keyword_end = 86,

  additional_beg = 87,
  TILDE = 88,
  additional_end = 89,
}

const tokenStrings: string[] = [];
function def(tok: Token, s: string): void {
  tokenStrings[tok] = s;
}
def(Token.ILLEGAL, 'ILLEGAL');
def(Token.EOF, 'EOF');
def(Token.COMMENT, 'COMMENT');
def(Token.IDENT, 'IDENT');
def(Token.INT, 'INT');
def(Token.FLOAT, 'FLOAT');
def(Token.IMAG, 'IMAG');
def(Token.CHAR, 'CHAR');
def(Token.STRING, 'STRING');
const ops: [Token, string][] = [
  [Token.ADD, '+'], [Token.SUB, '-'], [Token.MUL, '*'], [Token.QUO, '/'], [Token.REM, '%'],
  [Token.AND, '&'], [Token.OR, '|'], [Token.XOR, '^'], [Token.SHL, '<<'], [Token.SHR, '>>'], [Token.AND_NOT, '&^'],
  [Token.ADD_ASSIGN, '+='], [Token.SUB_ASSIGN, '-='], [Token.MUL_ASSIGN, '*='], [Token.QUO_ASSIGN, '/='], [Token.REM_ASSIGN, '%='],
  [Token.AND_ASSIGN, '&='], [Token.OR_ASSIGN, '|='], [Token.XOR_ASSIGN, '^='], [Token.SHL_ASSIGN, '<<='], [Token.SHR_ASSIGN, '>>='],
  [Token.AND_NOT_ASSIGN, '&^='],
  [Token.LAND, '&&'], [Token.LOR, '||'], [Token.ARROW, '<-'], [Token.INC, '++'], [Token.DEC, '--'],
  [Token.EQL, '=='], [Token.LSS, '<'], [Token.GTR, '>'], [Token.ASSIGN, '='], [Token.NOT, '!'],
  [Token.NEQ, '!='], [Token.LEQ, '<='], [Token.GEQ, '>='], [Token.DEFINE, ':='], [Token.ELLIPSIS, '...'],
  [Token.LPAREN, '('], [Token.LBRACK, '['], [Token.LBRACE, '{'], [Token.COMMA, ','], [Token.PERIOD, '.'],
  [Token.RPAREN, ')'], [Token.RBRACK, ']'], [Token.RBRACE, '}'], [Token.SEMICOLON, ';'], [Token.COLON, ':'],
  [Token.TILDE, '~'],
];
for (const [t, s] of ops) def(t, s);

/** Keywords in token order (BREAK..VAR). */
export const keywords: readonly string[] = [
  'break', 'case', 'chan', 'const', 'continue',
  'default', 'defer', 'else', 'fallthrough', 'for',
  'func', 'go', 'goto', 'if', 'import',
  'interface', 'map', 'package', 'range', 'return',
  'select', 'struct', 'switch', 'type', 'var',
];
keywords.forEach((k, i) => def((Token.BREAK + i) as Token, k));

/** The token's spelling as go/token's Token.String() gives it. */
export function tokenString(tok: Token): string {
  const s = tokenStrings[tok];
  return s !== undefined ? s : `token(${tok})`;
}

const keywordMap = new Map<string, Token>(keywords.map((k, i) => [k, (Token.BREAK + i) as Token]));

/** IDENT or the keyword token spelled by `name`. */
export function lookup(name: string): Token {
  return keywordMap.get(name) ?? Token.IDENT;
}

export function isLiteral(tok: Token): boolean {
  return Token.literal_beg < tok && tok < Token.literal_end;
}
export function isOperator(tok: Token): boolean {
  return (Token.operator_beg < tok && tok < Token.operator_end) || tok === Token.TILDE;
}
export function isKeyword(tok: Token): boolean {
  return Token.keyword_beg < tok && tok < Token.keyword_end;
}

export const LowestPrec = 0;
export const UnaryPrec = 6;
export const HighestPrec = 7;

/** Binary operator precedence as go/token's Token.Precedence. */
export function precedence(tok: Token): number {
  switch (tok) {
    case Token.LOR:
      return 1;
    case Token.LAND:
      return 2;
    case Token.EQL: case Token.NEQ: case Token.LSS: case Token.LEQ: case Token.GTR: case Token.GEQ:
      return 3;
    case Token.ADD: case Token.SUB: case Token.OR: case Token.XOR:
      return 4;
    case Token.MUL: case Token.QUO: case Token.REM: case Token.SHL: case Token.SHR: case Token.AND: case Token.AND_NOT:
      return 5;
  }
  return LowestPrec;
}

/** Whether `name` is a Go identifier that is not a keyword (go/token.IsIdentifier). */
export function isIdentifier(name: string): boolean {
  if (name === '' || keywordMap.has(name)) return false;
  let first = true;
  for (const ch of name) {
    const c = ch.codePointAt(0)!;
    const letter = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || (c >= 0x80 && /\p{L}/u.test(ch));
    const digit = (c >= 0x30 && c <= 0x39) || (c >= 0x80 && /\p{Nd}/u.test(ch));
    if (!letter && (first || !digit)) return false;
    first = false;
  }
  return true;
}
