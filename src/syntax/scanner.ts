// A Go scanner over the file's bytes, a port of go/scanner that reports the same
// tokens, literals and errors at the same offsets. It works on a Uint8Array (never
// a decoded JS string), returns integer token codes, interns identifiers by hashing
// their bytes (so a repeated name costs no allocation), and decodes a literal's text
// once, with a latin-1 fast path when the literal is pure ASCII.

import { posix as pathPosix } from 'node:path';
import { Token } from './token.js';
import { keywords } from './token.js';

/** Receives a scanner error: byte offset in the file and message. */
export type ScanErrorHandler = (offset: number, msg: string) => void;
/** Receives a //line directive's effect (go/token.File.AddLineColumnInfo). */
export type LineDirectiveHandler = (offset: number, filename: string, line: number, column: number) => void;

const BOM = 0xfeff;
const EOF_CH = -1;

// ---- UTF-8 decoding, as unicode/utf8.DecodeRune (invalid or short input: RuneError, width 1)

let decodedWidth = 1;
/** Decodes the rune at src[i] (i < src.length); its width is left in `decodedWidth`. */
function decodeRune(src: Uint8Array, i: number): number {
  const n = src.length;
  const b0 = src[i]!;
  if (b0 < 0x80) {
    decodedWidth = 1;
    return b0;
  }
  decodedWidth = 1;
  if (b0 < 0xc2 || b0 > 0xf4) return 0xfffd;
  if (b0 < 0xe0) {
    if (i + 1 >= n) return 0xfffd;
    const b1 = src[i + 1]!;
    if (b1 < 0x80 || b1 > 0xbf) return 0xfffd;
    decodedWidth = 2;
    return ((b0 & 0x1f) << 6) | (b1 & 0x3f);
  }
  if (b0 < 0xf0) {
    if (i + 1 >= n) return 0xfffd;
    const b1 = src[i + 1]!;
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    if (b1 < lo || b1 > hi) return 0xfffd;
    if (i + 2 >= n) return 0xfffd;
    const b2 = src[i + 2]!;
    if (b2 < 0x80 || b2 > 0xbf) return 0xfffd;
    decodedWidth = 3;
    return ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
  }
  if (i + 1 >= n) return 0xfffd;
  const b1 = src[i + 1]!;
  const lo = b0 === 0xf0 ? 0x90 : 0x80;
  const hi = b0 === 0xf4 ? 0x8f : 0xbf;
  if (b1 < lo || b1 > hi) return 0xfffd;
  if (i + 2 >= n) return 0xfffd;
  const b2 = src[i + 2]!;
  if (b2 < 0x80 || b2 > 0xbf) return 0xfffd;
  if (i + 3 >= n) return 0xfffd;
  const b3 = src[i + 3]!;
  if (b3 < 0x80 || b3 > 0xbf) return 0xfffd;
  decodedWidth = 4;
  return ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
}

/**
 * Text of src[start:end] as a JS string, each byte of invalid UTF-8 becoming U+FFFD
 * (Go's conversion rule, which the AST dump contract also uses).
 */
export function decodeUtf8(src: Uint8Array, start: number, end: number): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (src[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return latin1(src, start, end);
  const fast = Buffer.prototype.utf8Slice.call(src, start, end) as string;
  if (fast.indexOf('\ufffd') < 0) return fast;
  // Some sequence was invalid (or U+FFFD is really there): decode byte by byte as Go does.
  let out = '';
  for (let i = start; i < end; ) {
    let r = decodeRune(src, i);
    if (i + decodedWidth > end) {
      r = 0xfffd;
      decodedWidth = 1;
    }
    out += String.fromCodePoint(r);
    i += decodedWidth;
  }
  return out;
}

function latin1(src: Uint8Array, start: number, end: number): string {
  // Short strings from explicit char codes: flat strings, and cheaper than a native call.
  const fcc = String.fromCharCode;
  switch (end - start) {
    case 0: return '';
    case 1: return fcc(src[start]!);
    case 2: return fcc(src[start]!, src[start + 1]!);
    case 3: return fcc(src[start]!, src[start + 1]!, src[start + 2]!);
    case 4: return fcc(src[start]!, src[start + 1]!, src[start + 2]!, src[start + 3]!);
    case 5: return fcc(src[start]!, src[start + 1]!, src[start + 2]!, src[start + 3]!, src[start + 4]!);
    case 6: return fcc(src[start]!, src[start + 1]!, src[start + 2]!, src[start + 3]!, src[start + 4]!, src[start + 5]!);
    case 7: return fcc(src[start]!, src[start + 1]!, src[start + 2]!, src[start + 3]!, src[start + 4]!, src[start + 5]!, src[start + 6]!);
    case 8: return fcc(src[start]!, src[start + 1]!, src[start + 2]!, src[start + 3]!, src[start + 4]!, src[start + 5]!, src[start + 6]!, src[start + 7]!);
  }
  return Buffer.prototype.latin1Slice.call(src, start, end) as string;
}

// ---- character classes

function isLetterRune(ch: number): boolean {
  if (ch < 0x80) return (ch >= 0x61 && ch <= 0x7a) || (ch >= 0x41 && ch <= 0x5a) || ch === 0x5f;
  return unicodeIsLetter(ch);
}
function isDigitRune(ch: number): boolean {
  if (ch < 0x80) return ch >= 0x30 && ch <= 0x39;
  return unicodeIsDigit(ch);
}
const letterRe = /^\p{L}$/u;
const digitRe = /^\p{Nd}$/u;
export function unicodeIsLetter(ch: number): boolean {
  return ch >= 0 && ch <= 0x10ffff && letterRe.test(String.fromCodePoint(ch));
}
export function unicodeIsDigit(ch: number): boolean {
  return ch >= 0 && ch <= 0x10ffff && digitRe.test(String.fromCodePoint(ch));
}
function isDecimal(ch: number): boolean {
  return ch >= 0x30 && ch <= 0x39;
}
function lower(ch: number): number {
  return 0x20 | ch;
}
function isHex(ch: number): boolean {
  return (ch >= 0x30 && ch <= 0x39) || (lower(ch) >= 0x61 && lower(ch) <= 0x66);
}
function digitVal(ch: number): number {
  if (ch >= 0x30 && ch <= 0x39) return ch - 0x30;
  const l = lower(ch);
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return 16;
}

// Byte classes for the identifier fast path: 1 = ASCII letter, digit or '_'.
const identByte = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || (c >= 0x30 && c <= 0x39)) identByte[c] = 1;
}

// ---- identifier interning: one table per thread, shared by every file it scans.
// An identifier seen before costs a hash probe and a byte comparison, no allocation.
// A slot is four int32s side by side (hash, arena offset, length, token) so that a
// probe touches one cache line; the name's bytes live in an arena so the comparison
// is typed array to typed array. The table is small enough to stay in cache and is
// simply cleared when half full: it then refills with the names of the code at hand.

const INTERN_BITS = 14;
const INTERN_SIZE = 1 << INTERN_BITS;
const INTERN_MASK = INTERN_SIZE - 1;
const INTERN_LIMIT = INTERN_SIZE >> 1;
const internTab = new Int32Array(INTERN_SIZE * 4); // hash (never 0; 0 = free), offset, length, token
const internStr: string[] = [];
for (let i = 0; i < INTERN_SIZE; i++) internStr.push('');
let arena = new Uint8Array(1 << 18);
let arenaUsed = 0;
let internCount = 0;

/** FNV-1a, forced non-zero (the scan loop computes the same over bytes). */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 1;
}

function internInsert(slot: number, hash: number, src: Uint8Array, start: number, end: number, str: string, tok: Token): void {
  const len = end - start;
  if (arenaUsed + len > arena.length) {
    const grown = new Uint8Array(Math.max(arena.length * 2, arenaUsed + len));
    grown.set(arena.subarray(0, arenaUsed));
    arena = grown;
  }
  for (let i = 0; i < len; i++) arena[arenaUsed + i] = src[start + i]!;
  const t = slot << 2;
  internTab[t] = hash;
  internTab[t + 1] = arenaUsed;
  internTab[t + 2] = len;
  internTab[t + 3] = tok;
  internStr[slot] = str;
  arenaUsed += len;
  internCount++;
}

function resetIntern(): void {
  internTab.fill(0);
  arenaUsed = 0;
  internCount = 0;
  const enc = new TextEncoder();
  keywords.forEach((k, i) => {
    const h = hashString(k);
    let slot = h & INTERN_MASK;
    while (internTab[slot << 2] !== 0) slot = (slot + 1) & INTERN_MASK;
    const bytes = enc.encode(k);
    internInsert(slot, h, bytes, 0, bytes.length, k, Token.BREAK + i);
  });
}
resetIntern();

let internedTok: Token = Token.IDENT;
/** Interned string for the ASCII identifier src[start:end] (hash from the scan loop); its token is left in internedTok. */
function internIdent(src: Uint8Array, start: number, end: number, hash: number): string {
  const len = end - start;
  let slot = hash & INTERN_MASK;
  for (;;) {
    const t = slot << 2;
    const h = internTab[t]!;
    if (h === 0) break;
    if (h === hash && internTab[t + 2] === len) {
      const off = internTab[t + 1]! - start;
      let i = start;
      while (i < end && arena[off + i] === src[i]) i++;
      if (i === end) {
        internedTok = internTab[t + 3]!;
        return internStr[slot]!;
      }
    }
    slot = (slot + 1) & INTERN_MASK;
  }
  const str = latin1(src, start, end);
  internedTok = Token.IDENT;
  if (internCount >= INTERN_LIMIT) {
    resetIntern();
    return str;
  }
  internInsert(slot, hash, src, start, end, str, Token.IDENT);
  return str;
}

/** Keyword token or IDENT for any identifier text. */
function lookupName(name: string): Token {
  const k = keywords.indexOf(name);
  return k < 0 ? Token.IDENT : ((Token.BREAK + k) as Token);
}

function runeQuote(ch: number): string {
  // Go's %q for a rune.
  if (ch < 0) return `'\\x${(ch & 0xff).toString(16).padStart(2, '0')}'`;
  switch (ch) {
    case 0x07: return "'\\a'";
    case 0x08: return "'\\b'";
    case 0x0c: return "'\\f'";
    case 0x0a: return "'\\n'";
    case 0x0d: return "'\\r'";
    case 0x09: return "'\\t'";
    case 0x0b: return "'\\v'";
    case 0x5c: return "'\\\\'";
    case 0x27: return "'\\''";
  }
  if (ch < 0x20 || ch === 0x7f) return `'\\x${ch.toString(16).padStart(2, '0')}'`;
  if (ch < 0x7f) return `'${String.fromCharCode(ch)}'`;
  if (ch > 0x10ffff || (ch >= 0xd800 && ch < 0xe000)) return "'\\ufffd'".replace('\\ufffd', '\ufffd');
  if (isPrintRune(ch)) return `'${String.fromCodePoint(ch)}'`;
  return ch < 0x10000 ? `'\\u${ch.toString(16).padStart(4, '0')}'` : `'\\U${ch.toString(16).padStart(8, '0')}'`;
}
const printRe = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\u0020]$/u;
function isPrintRune(ch: number): boolean {
  return printRe.test(String.fromCodePoint(ch));
}
/** Go's %#U: U+0041 'A' (the quoted form only for printable runes). */
function runeHashU(ch: number): string {
  const hex = ch.toString(16).toUpperCase().padStart(4, '0');
  if (ch >= 0 && ch <= 0x10ffff && !(ch >= 0xd800 && ch < 0xe000) && isPrintRune(ch)) return `U+${hex} '${String.fromCodePoint(ch)}'`;
  return `U+${hex}`;
}

function litname(prefix: number): string {
  switch (prefix) {
    case 0x78: return 'hexadecimal literal';
    case 0x6f: case 0x30: return 'octal literal';
    case 0x62: return 'binary literal';
  }
  return 'decimal literal';
}

/** Index of the first misplaced '_' in a number literal, or -1 (go/scanner.invalidSep). */
function invalidSep(x: string): number {
  let x1 = 0x20;
  let d = 0x2e; // '.'
  let i = 0;
  if (x.length >= 2 && x.charCodeAt(0) === 0x30) {
    x1 = lower(x.charCodeAt(1));
    if (x1 === 0x78 || x1 === 0x6f || x1 === 0x62) {
      d = 0x30;
      i = 2;
    }
  }
  for (; i < x.length; i++) {
    const p = d;
    d = x.charCodeAt(i);
    if (d === 0x5f) {
      if (p !== 0x30) return i;
    } else if (isDecimal(d) || (x1 === 0x78 && isHex(d))) {
      d = 0x30;
    } else {
      if (p === 0x5f) return i - 1;
      d = 0x2e;
    }
  }
  if (d === 0x5f) return x.length - 1;
  return -1;
}

function stripCR(b: Uint8Array, comment: boolean): Uint8Array {
  const c = new Uint8Array(b.length);
  let i = 0;
  for (let j = 0; j < b.length; j++) {
    const ch = b[j]!;
    if (ch !== 13 || (comment && i > 2 && c[i - 1] === 0x2a && j + 1 < b.length && b[j + 1] === 0x2f)) {
      c[i++] = ch;
    }
  }
  return c.subarray(0, i);
}

const maxLineCol = 1 << 30;

/**
 * The scanner. After `scan()`, `pos` (file base + offset), `tok` and `lit` describe
 * the token; for STRING tokens `stringEnd` is the Pos just after the literal as it
 * appears in the source (raw strings may lose carriage returns in `lit`).
 */
export class Scanner {
  private readonly src: Uint8Array;
  private readonly size: number;
  private readonly base: number;
  private readonly dir: string;
  private readonly filename: string;
  private readonly onError: ScanErrorHandler;
  private readonly onLineDirective: LineDirectiveHandler | undefined;

  private ch = 0x20;
  /** Set when next() reads a non-ASCII byte: a literal without one is decoded as latin-1 directly. */
  private sawHigh = false;
  private offset = 0;
  private rdOffset = 0;
  private insertSemi = false;
  private nlPos = -1; // offset of a newline inside a preceding /*...*/ comment, or -1

  pos = 0;
  tok: Token = Token.ILLEGAL;
  lit = '';
  stringEnd = 0;
  errorCount = 0;

  constructor(
    filename: string,
    src: Uint8Array,
    base: number,
    onError: ScanErrorHandler,
    onLineDirective?: LineDirectiveHandler,
  ) {
    this.src = src;
    this.size = src.length;
    this.base = base;
    this.filename = filename;
    this.dir = filename.includes('/') ? filename.slice(0, filename.lastIndexOf('/') + 1) : '';
    this.onError = onError;
    this.onLineDirective = onLineDirective;
    this.next();
    if (this.ch === BOM) this.next(); // a BOM is ignored at the very beginning only
  }

  private error(offset: number, msg: string): void {
    this.errorCount++;
    this.onError(offset, msg);
  }

  /** Reads the next Unicode character into ch (EOF_CH at the end). */
  private next(): void {
    const src = this.src;
    if (this.rdOffset < this.size) {
      this.offset = this.rdOffset;
      let r = src[this.rdOffset]!;
      let w = 1;
      if (r === 0) {
        this.error(this.offset, 'illegal character NUL');
      } else if (r >= 0x80) {
        this.sawHigh = true;
        r = decodeRune(src, this.rdOffset);
        w = decodedWidth;
        if (r === 0xfffd && w === 1) {
          const o = this.rdOffset;
          if (this.offset === 0 && this.size - o >= 2 && ((src[o] === 0xff && src[o + 1] === 0xfe) || (src[o] === 0xfe && src[o + 1] === 0xff))) {
            this.error(this.offset, 'illegal UTF-8 encoding (got UTF-16)');
            this.rdOffset = this.size; // consume everything to avoid an error cascade
          } else {
            this.error(this.offset, 'illegal UTF-8 encoding');
          }
        } else if (r === BOM && this.offset > 0) {
          this.error(this.offset, 'illegal byte order mark');
        }
      }
      this.rdOffset += w;
      this.ch = r;
    } else {
      this.offset = this.size;
      this.ch = EOF_CH;
    }
  }

  /**
   * After a `{` token: moves to its matching `}`, so that the next scan returns that
   * brace, without tokenising what lies between (for declaration-only parses, where
   * function bodies are not wanted). Braces inside comments and string, raw-string and
   * rune literals do not count. Returns false, changing nothing, when the braces do not
   * balance before the end of the file, when a literal is not closed on its line, or
   * when a `line` directive comment lies between (it would move later positions): the
   * caller then scans the body as usual, and reports what that finds.
   */
  skipToClosingBrace(): boolean {
    const src = this.src;
    const n = this.size;
    let depth = 1;
    let j = this.offset;
    while (j < n) {
      const b = src[j]!;
      if (b === 0x7b) {
        depth++;
        j++;
      } else if (b === 0x7d) {
        if (--depth === 0) {
          this.rdOffset = j;
          this.insertSemi = false;
          this.nlPos = -1;
          this.next();
          return true;
        }
        j++;
      } else if (b === 0x22 || b === 0x27) {
        // "…" or '…': to the unescaped closing quote on the same line
        j++;
        while (j < n && src[j] !== b) {
          const c = src[j]!;
          if (c === 0x0a) return false;
          j += c === 0x5c ? 2 : 1;
        }
        if (j >= n) return false;
        j++;
      } else if (b === 0x60) {
        const close = src.indexOf(0x60, j + 1);
        if (close < 0) return false;
        j = close + 1;
      } else if (b === 0x2f && j + 1 < n && src[j + 1] === 0x2f) {
        if (isLineDirective(src, j + 2)) return false;
        const nl = src.indexOf(0x0a, j + 2);
        j = nl < 0 ? n : nl + 1;
      } else if (b === 0x2f && j + 1 < n && src[j + 1] === 0x2a) {
        if (isLineDirective(src, j + 2)) return false;
        let k = j + 2;
        while (k + 1 < n && !(src[k] === 0x2a && src[k + 1] === 0x2f)) k++;
        if (k + 1 >= n) return false;
        j = k + 2;
      } else {
        j++;
      }
    }
    return false;
  }

  private peek(): number {
    return this.rdOffset < this.size ? this.src[this.rdOffset]! : 0;
  }

  /**
   * Skips a run of plain ASCII (no NUL, newline, CR or the byte `stop`) after the
   * current character, which must itself be plain ASCII.
   */
  private skipPlain(stop1: number, stop2: number): void {
    const src = this.src;
    const n = this.size;
    let j = this.rdOffset;
    while (j < n) {
      const b = src[j]!;
      if (b >= 0x80 || b === 10 || b === 13 || b === 0 || b === stop1 || b === stop2) break;
      j++;
    }
    if (j > this.rdOffset) {
      this.offset = j - 1;
      this.ch = src[j - 1]!;
      this.rdOffset = j;
    }
  }

  /** Offset of the first newline in the last block comment scanned (0 if none). */
  private commentNl = 0;

  private scanComment(): string {
    const src = this.src;
    const offs = this.offset - 1; // position of the initial '/'
    this.sawHigh = false;
    let next = -1; // offset just after the comment; < 0 means an unterminated comment
    let numCR = 0;
    let nlOffset = 0; // offset of the first newline in a /*...*/ comment

    const second: number = this.ch;
    if (second === 0x2f) {
      // //-style comment (the final '\n' belongs to the comment for line directives)
      this.next();
      for (;;) {
        const c = this.ch;
        if (c === 10 || c < 0) break;
        if (c === 13) numCR++;
        else if (c < 0x80 && c !== 0) this.skipPlain(-1, -1);
        this.next();
      }
      next = this.offset;
      if (this.ch === 10) next++;
    } else {
      /*-style comment */
      this.next();
      let done = false;
      while (this.ch >= 0) {
        const ch = this.ch;
        if (ch === 13) numCR++;
        else if (ch === 10 && nlOffset === 0) nlOffset = this.offset;
        else if (ch !== 0x2a && ch < 0x80 && ch !== 0) this.skipPlain(0x2a, -1);
        this.next();
        if (ch === 0x2a && this.ch === 0x2f) {
          this.next();
          next = this.offset;
          done = true;
          break;
        }
      }
      if (!done) this.error(offs, 'comment not terminated');
    }

    let start = offs;
    let end = this.offset;
    // On Windows a //-comment may end in \r: drop it (go/scanner does).
    if (numCR > 0 && end - start >= 2 && src[start + 1] === 0x2f && src[end - 1] === 13) {
      end--;
      numCR--;
    }

    if (next >= 0 && (src[start + 1] === 0x2a || offs === 0 || src[offs - 1] === 10) && end - start >= 7 &&
        src[start + 2] === 0x6c && src[start + 3] === 0x69 && src[start + 4] === 0x6e && src[start + 5] === 0x65 && src[start + 6] === 0x20) {
      this.updateLineInfo(next, offs, src.subarray(start, end));
    }

    let text: string;
    if (numCR > 0) {
      const stripped = stripCR(src.subarray(start, end), src[start + 1] === 0x2a);
      text = decodeUtf8(stripped, 0, stripped.length);
    } else {
      text = this.sawHigh ? decodeUtf8(src, start, end) : latin1(src, start, end);
    }
    this.commentNl = nlOffset;
    return text;
  }

  private updateLineInfo(next: number, offs: number, text: Uint8Array): void {
    if (text[1] === 0x2a) text = text.subarray(0, text.length - 2); // lop off trailing "*/"
    text = text.subarray(7); // lop off leading "//line " or "/*line "
    offs += 7;

    let [i, n, ok] = trailingDigits(text);
    if (i === 0) return; // not a line directive
    if (!ok) {
      this.error(offs + i, 'invalid line number: ' + decodeUtf8(text, i, text.length));
      return;
    }
    let line: number;
    let col = 0;
    const [i2, n2, ok2] = trailingDigits(text.subarray(0, i - 1));
    let iCol = 0;
    if (ok2) {
      // line:col
      iCol = i;
      i = i2;
      line = n2;
      col = n;
      if (col === 0 || col > maxLineCol) {
        this.error(offs + iCol, 'invalid column number: ' + decodeUtf8(text, iCol, text.length));
        return;
      }
      text = text.subarray(0, iCol - 1); // lop off ":col"
    } else {
      line = n;
    }
    if (line === 0 || line > maxLineCol) {
      this.error(offs + i, 'invalid line number: ' + decodeUtf8(text, i, text.length));
      return;
    }
    let filename = decodeUtf8(text, 0, i - 1);
    if (filename === '' && ok2) {
      filename = this.filename; // no //line directive can be in effect before (we only need the name)
      filename = this.currentFilename(offs);
    } else if (filename !== '') {
      filename = pathPosix.normalize(filename);
      if (filename !== '/' && filename.endsWith('/')) filename = filename.slice(0, -1);
      if (!pathPosix.isAbsolute(filename)) filename = goJoin(this.dir, filename);
    }
    if (this.onLineDirective) this.onLineDirective(next, filename, line, col);
    this.lastDirective = { offset: next, filename };
  }

  private lastDirective: { offset: number; filename: string } | undefined;
  private currentFilename(offset: number): string {
    const d = this.lastDirective;
    return d && d.offset <= offset ? d.filename : this.filename;
  }

  private scanIdentifierSlow(start: number): string {
    // The identifier has non-ASCII characters: decode rune by rune.
    while (isLetterRune(this.ch) || isDigitRune(this.ch)) this.next();
    return decodeUtf8(this.src, start, this.offset);
  }

  private digits(base: number, invalid: { at: number } | null): number {
    let digsep = 0;
    if (base <= 10) {
      const max = 0x30 + base;
      while (isDecimal(this.ch) || this.ch === 0x5f) {
        let ds = 1;
        if (this.ch === 0x5f) ds = 2;
        else if (this.ch >= max && invalid !== null && invalid.at < 0) invalid.at = this.offset;
        digsep |= ds;
        this.next();
      }
    } else {
      while (isHex(this.ch) || this.ch === 0x5f) {
        digsep |= this.ch === 0x5f ? 2 : 1;
        this.next();
      }
    }
    return digsep;
  }

  private scanNumber(): Token {
    const offs = this.offset;
    let tok = Token.ILLEGAL;
    let base = 10;
    let prefix = 0; // 0 (decimal), '0' (0-octal), 'x', 'o' or 'b'
    let digsep = 0;
    const invalid = { at: -1 };

    if (this.ch !== 0x2e) {
      tok = Token.INT;
      if (this.ch === 0x30) {
        this.next();
        switch (lower(this.ch)) {
          case 0x78:
            this.next();
            base = 16;
            prefix = 0x78;
            break;
          case 0x6f:
            this.next();
            base = 8;
            prefix = 0x6f;
            break;
          case 0x62:
            this.next();
            base = 2;
            prefix = 0x62;
            break;
          default:
            base = 8;
            prefix = 0x30;
            digsep = 1; // leading 0
        }
      }
      digsep |= this.digits(base, invalid);
    }

    if (this.ch === 0x2e) {
      tok = Token.FLOAT;
      if (prefix === 0x6f || prefix === 0x62) this.error(this.offset, 'invalid radix point in ' + litname(prefix));
      this.next();
      digsep |= this.digits(base, invalid);
    }

    if ((digsep & 1) === 0) this.error(this.offset, litname(prefix) + ' has no digits');

    const e = lower(this.ch);
    if (e === 0x65 || e === 0x70) {
      if (e === 0x65 && prefix !== 0 && prefix !== 0x30) {
        this.error(this.offset, `${runeQuote(this.ch)} exponent requires decimal mantissa`);
      } else if (e === 0x70 && prefix !== 0x78) {
        this.error(this.offset, `${runeQuote(this.ch)} exponent requires hexadecimal mantissa`);
      }
      this.next();
      tok = Token.FLOAT;
      if (this.ch === 0x2b || this.ch === 0x2d) this.next();
      const ds = this.digits(10, null);
      digsep |= ds;
      if ((ds & 1) === 0) this.error(this.offset, 'exponent has no digits');
    } else if (prefix === 0x78 && tok === Token.FLOAT) {
      this.error(this.offset, "hexadecimal mantissa requires a 'p' exponent");
    }

    if (this.ch === 0x69) {
      tok = Token.IMAG;
      this.next();
    }

    const lit = latin1(this.src, offs, this.offset);
    if (tok === Token.INT && invalid.at >= 0) {
      this.error(invalid.at, `invalid digit ${runeQuote(lit.charCodeAt(invalid.at - offs))} in ${litname(prefix)}`);
    }
    if ((digsep & 2) !== 0) {
      const i = invalidSep(lit);
      if (i >= 0) this.error(offs + i, "'_' must separate successive digits");
    }
    this.lit = lit;
    return tok;
  }

  private scanEscape(quote: number): boolean {
    const offs = this.offset;
    let n: number;
    let base: number;
    let max: number;
    switch (this.ch) {
      case 0x61: case 0x62: case 0x66: case 0x6e: case 0x72: case 0x74: case 0x76: case 0x5c: case quote:
        this.next();
        return true;
      case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35: case 0x36: case 0x37:
        n = 3; base = 8; max = 255;
        break;
      case 0x78:
        this.next();
        n = 2; base = 16; max = 255;
        break;
      case 0x75:
        this.next();
        n = 4; base = 16; max = 0x10ffff;
        break;
      case 0x55:
        this.next();
        n = 8; base = 16; max = 0x10ffff;
        break;
      default: {
        const msg = this.ch < 0 ? 'escape sequence not terminated' : 'unknown escape sequence';
        this.error(offs, msg);
        return false;
      }
    }
    let x = 0;
    while (n > 0) {
      const d = digitVal(this.ch);
      if (d >= base) {
        const msg = this.ch < 0 ? 'escape sequence not terminated' : `illegal character ${runeHashU(this.ch)} in escape sequence`;
        this.error(this.offset, msg);
        return false;
      }
      x = x * base + d;
      this.next();
      n--;
    }
    if (x > max || (x >= 0xd800 && x < 0xe000)) {
      this.error(offs, 'escape sequence is invalid Unicode code point');
      return false;
    }
    return true;
  }

  private scanRune(): string {
    const offs = this.offset - 1;
    this.sawHigh = this.ch >= 0x80; // the first character was read before the call
    let valid = true;
    let n = 0;
    for (;;) {
      const ch = this.ch;
      if (ch === 10 || ch < 0) {
        if (valid) {
          this.error(offs, 'rune literal not terminated');
          valid = false;
        }
        break;
      }
      this.next();
      if (ch === 0x27) break;
      n++;
      if (ch === 0x5c) {
        if (!this.scanEscape(0x27)) valid = false;
      }
    }
    if (valid && n !== 1) this.error(offs, 'illegal rune literal');
    return this.sawHigh ? decodeUtf8(this.src, offs, this.offset) : latin1(this.src, offs, this.offset);
  }

  private scanString(): string {
    const offs = this.offset - 1;
    this.sawHigh = this.ch >= 0x80; // the first character was read before the call
    for (;;) {
      const ch = this.ch;
      if (ch === 10 || ch < 0) {
        this.error(offs, 'string literal not terminated');
        break;
      }
      if (ch !== 0x22 && ch !== 0x5c && ch < 0x80 && ch !== 0) this.skipPlain(0x22, 0x5c);
      this.next();
      if (ch === 0x22) break;
      if (ch === 0x5c) this.scanEscape(0x22);
    }
    return this.sawHigh ? decodeUtf8(this.src, offs, this.offset) : latin1(this.src, offs, this.offset);
  }

  private scanRawString(): string {
    const offs = this.offset - 1;
    this.sawHigh = this.ch >= 0x80; // the first character was read before the call
    let hasCR = false;
    for (;;) {
      const ch = this.ch;
      if (ch < 0) {
        this.error(offs, 'raw string literal not terminated');
        break;
      }
      this.next();
      if (ch === 0x60) break;
      if (ch === 13) hasCR = true;
      else if (this.ch !== 0x60 && this.ch < 0x80 && this.ch > 0 && this.ch !== 13 && this.ch !== 10) this.skipPlain(0x60, -1);
    }
    if (hasCR) {
      const stripped = stripCR(this.src.subarray(offs, this.offset), false);
      return decodeUtf8(stripped, 0, stripped.length);
    }
    return this.sawHigh ? decodeUtf8(this.src, offs, this.offset) : latin1(this.src, offs, this.offset);
  }

  private switch2(tok0: Token, tok1: Token): Token {
    if (this.ch === 0x3d) {
      this.next();
      return tok1;
    }
    return tok0;
  }
  private switch3(tok0: Token, tok1: Token, ch2: number, tok2: Token): Token {
    if (this.ch === 0x3d) {
      this.next();
      return tok1;
    }
    if (this.ch === ch2) {
      this.next();
      return tok2;
    }
    return tok0;
  }
  private switch4(tok0: Token, tok1: Token, ch2: number, tok2: Token, tok3: Token): Token {
    if (this.ch === 0x3d) {
      this.next();
      return tok1;
    }
    if (this.ch === ch2) {
      this.next();
      if (this.ch === 0x3d) {
        this.next();
        return tok3;
      }
      return tok2;
    }
    return tok0;
  }

  /** Scans the next token into pos/tok/lit (and stringEnd for STRING). */
  scan(): void {
    for (;;) {
      if (this.nlPos >= 0) {
        this.pos = this.base + this.nlPos;
        this.tok = Token.SEMICOLON;
        this.lit = '\n';
        this.nlPos = -1;
        return;
      }
      // skip white space
      let ch = this.ch;
      if (ch === 0x20 || ch === 0x09 || (ch === 0x0a && !this.insertSemi) || ch === 0x0d) {
        // Skip white space byte by byte: every byte of it is ASCII.
        const src = this.src;
        const n = this.size;
        const nlIsSpace = !this.insertSemi;
        let j = this.rdOffset;
        let b = -1;
        while (j < n) {
          b = src[j]!;
          if (b === 0x20 || b === 0x09 || b === 0x0d || (b === 0x0a && nlIsSpace)) j++;
          else break;
        }
        if (j >= n) {
          this.offset = n;
          this.rdOffset = n;
          this.ch = EOF_CH;
        } else {
          // Let next() read the first non-space character (it checks NUL and UTF-8).
          this.offset = j - 1;
          this.rdOffset = j;
          this.next();
        }
        ch = this.ch;
      }
      const offs = this.offset;
      this.pos = this.base + offs;
      let insertSemi = false;
      let tok: Token;
      let lit = '';

      if (ch < 0x80 && ch >= 0 && identByte[ch] === 1 && !isDecimal(ch)) {
        // identifier or keyword: ASCII fast path
        const src = this.src;
        const n = this.size;
        let h = Math.imul(0x811c9dc5 ^ ch, 0x01000193);
        let j = this.rdOffset;
        while (j < n) {
          const b = src[j]!;
          if (identByte[b] !== 1) break;
          h = Math.imul(h ^ b, 0x01000193);
          j++;
        }
        const b = j < n ? src[j]! : -1;
        if (b >= 0x80) {
          // Non-ASCII continues the identifier (or is an error): slow path.
          this.offset = j - 1;
          this.rdOffset = j;
          this.ch = src[j - 1]!;
          this.next();
          lit = this.scanIdentifierSlow(offs);
          tok = lit.length > 1 ? lookupName(lit) : Token.IDENT;
        } else {
          lit = internIdent(src, offs, j, h | 1);
          tok = internedTok;
          if (b < 0) {
            this.offset = n;
            this.rdOffset = n;
            this.ch = EOF_CH;
          } else {
            this.offset = j;
            this.rdOffset = j + 1;
            this.ch = b;
            if (b === 0) this.error(j, 'illegal character NUL');
          }
        }
        if (tok === Token.IDENT || tok === Token.BREAK || tok === Token.CONTINUE || tok === Token.FALLTHROUGH || tok === Token.RETURN) insertSemi = true;
      } else if (ch >= 0x80 && isLetterRune(ch)) {
        this.next();
        lit = this.scanIdentifierSlow(offs);
        tok = lit.length > 1 ? lookupName(lit) : Token.IDENT;
        insertSemi = true; // a non-ASCII identifier is never a keyword
      } else if (isDecimal(ch) || (ch === 0x2e && isDecimal(this.peek()))) {
        insertSemi = true;
        tok = this.scanNumber();
        lit = this.lit;
      } else {
        this.next(); // always make progress
        switch (ch) {
          case EOF_CH:
            if (this.insertSemi) {
              this.insertSemi = false; // EOF consumed
              this.tok = Token.SEMICOLON;
              this.lit = '\n';
              return;
            }
            tok = Token.EOF;
            break;
          case 0x0a:
            this.insertSemi = false; // newline consumed
            this.tok = Token.SEMICOLON;
            this.lit = '\n';
            return;
          case 0x22:
            insertSemi = true;
            tok = Token.STRING;
            lit = this.scanString();
            break;
          case 0x27:
            insertSemi = true;
            tok = Token.CHAR;
            lit = this.scanRune();
            break;
          case 0x60:
            insertSemi = true;
            tok = Token.STRING;
            lit = this.scanRawString();
            break;
          case 0x3a:
            tok = this.switch2(Token.COLON, Token.DEFINE);
            break;
          case 0x2e:
            tok = Token.PERIOD;
            if (this.ch === 0x2e && this.peek() === 0x2e) {
              this.next();
              this.next();
              tok = Token.ELLIPSIS;
            }
            break;
          case 0x2c:
            tok = Token.COMMA;
            break;
          case 0x3b:
            tok = Token.SEMICOLON;
            lit = ';';
            break;
          case 0x28:
            tok = Token.LPAREN;
            break;
          case 0x29:
            insertSemi = true;
            tok = Token.RPAREN;
            break;
          case 0x5b:
            tok = Token.LBRACK;
            break;
          case 0x5d:
            insertSemi = true;
            tok = Token.RBRACK;
            break;
          case 0x7b:
            tok = Token.LBRACE;
            break;
          case 0x7d:
            insertSemi = true;
            tok = Token.RBRACE;
            break;
          case 0x2b:
            tok = this.switch3(Token.ADD, Token.ADD_ASSIGN, 0x2b, Token.INC);
            if (tok === Token.INC) insertSemi = true;
            break;
          case 0x2d:
            tok = this.switch3(Token.SUB, Token.SUB_ASSIGN, 0x2d, Token.DEC);
            if (tok === Token.DEC) insertSemi = true;
            break;
          case 0x2a:
            tok = this.switch2(Token.MUL, Token.MUL_ASSIGN);
            break;
          case 0x2f:
            if (this.ch === 0x2f || this.ch === 0x2a) {
              const comment = this.scanComment();
              const nlOffset = this.commentNl;
              if (this.insertSemi && nlOffset !== 0) {
                this.nlPos = nlOffset;
                this.insertSemi = false;
              } else {
                insertSemi = this.insertSemi; // preserve insertSemi info
              }
              tok = Token.COMMENT;
              lit = comment;
            } else {
              tok = this.switch2(Token.QUO, Token.QUO_ASSIGN);
            }
            break;
          case 0x25:
            tok = this.switch2(Token.REM, Token.REM_ASSIGN);
            break;
          case 0x5e:
            tok = this.switch2(Token.XOR, Token.XOR_ASSIGN);
            break;
          case 0x3c:
            if (this.ch === 0x2d) {
              this.next();
              tok = Token.ARROW;
            } else {
              tok = this.switch4(Token.LSS, Token.LEQ, 0x3c, Token.SHL, Token.SHL_ASSIGN);
            }
            break;
          case 0x3e:
            tok = this.switch4(Token.GTR, Token.GEQ, 0x3e, Token.SHR, Token.SHR_ASSIGN);
            break;
          case 0x3d:
            tok = this.switch2(Token.ASSIGN, Token.EQL);
            break;
          case 0x21:
            tok = this.switch2(Token.NOT, Token.NEQ);
            break;
          case 0x26:
            if (this.ch === 0x5e) {
              this.next();
              tok = this.switch2(Token.AND_NOT, Token.AND_NOT_ASSIGN);
            } else {
              tok = this.switch3(Token.AND, Token.AND_ASSIGN, 0x26, Token.LAND);
            }
            break;
          case 0x7c:
            tok = this.switch3(Token.OR, Token.OR_ASSIGN, 0x7c, Token.LOR);
            break;
          case 0x7e:
            tok = Token.TILDE;
            break;
          default:
            if (ch !== BOM) {
              if (ch === 0x201c || ch === 0x201d) {
                this.error(offs, `curly quotation mark ${runeQuote(ch)} (use neutral '"')`);
              } else {
                this.error(offs, `illegal character ${runeHashU(ch)}`);
              }
            }
            insertSemi = this.insertSemi; // preserve insertSemi info
            tok = Token.ILLEGAL;
            lit = ch === 0xfffd || ch < 0 ? '\ufffd' : String.fromCodePoint(ch);
        }
      }
      this.insertSemi = insertSemi;
      this.tok = tok;
      this.lit = lit;
      this.stringEnd = this.base + this.offset; // end of the token in the source (used for literals)
      return;
    }
  }
}

/** filepath.Join(dir, name) for slash paths. */
function goJoin(dir: string, name: string): string {
  if (dir === '') return pathPosix.normalize(name).replace(/\/$/, '') || '.';
  const j = pathPosix.join(dir, name);
  return j.length > 1 && j.endsWith('/') ? j.slice(0, -1) : j;
}

/** go/scanner.trailingDigits: index after the last ':', its number, whether it parsed. */
function trailingDigits(text: Uint8Array): [number, number, boolean] {
  const i = text.lastIndexOf(0x3a);
  if (i < 0) return [0, 0, false];
  // strconv.ParseUint(s, 10, 0): decimal digits only, non-empty, fits in 64 bits.
  const n = text.length;
  if (i + 1 >= n) return [i + 1, 0, false];
  let v = 0;
  for (let k = i + 1; k < n; k++) {
    const c = text[k]!;
    if (c < 0x30 || c > 0x39) return [i + 1, 0, false];
    v = v * 10 + (c - 0x30);
  }
  if (v > 18446744073709551615) return [i + 1, 0, false];
  return [i + 1, v, true];
}

/** Whether a comment whose text starts at offset i (after // or /*) is a line directive. */
function isLineDirective(src: Uint8Array, i: number): boolean {
  return src[i] === 0x6c && src[i + 1] === 0x69 && src[i + 2] === 0x6e && src[i + 3] === 0x65 && src[i + 4] === 0x20;
}
