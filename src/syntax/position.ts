// Source positions as go/token models them. A FileSet gives each file a range of
// integers [base, base+size]; a Pos is base + byte offset, and 0 (NoPos) means
// "no position". Analysis code stores only Pos numbers (cheap, comparable) and
// turns them into file:line:col through the FileSet when it reports something.

/** A position in a FileSet: file base + byte offset; NoPos (0) is no position. */
export type Pos = number;
export const NoPos: Pos = 0;

/** A resolved position, as go/token.Position (line and column are 1-based, column in bytes). */
export interface Position {
  filename: string;
  offset: number;
  line: number;
  column: number;
}

export function isValidPosition(p: Position): boolean {
  return p.line > 0;
}

/** Formats like go/token.Position.String: file:line:col, file:line, file, or "-". */
export function formatPosition(p: Position): string {
  let s = p.filename;
  if (p.line > 0) {
    if (s !== '') s += ':';
    s += String(p.line);
    if (p.column !== 0) s += ':' + String(p.column);
  }
  return s === '' ? '-' : s;
}

/** A //line directive's effect: from `offset` on, positions read as filename:line:column. */
interface LineInfo {
  offset: number;
  filename: string;
  line: number;
  column: number;
}

const emptyLines = new Int32Array([0]);

/** One source file of a FileSet (go/token.File). */
export class SourceFile {
  /** Offsets at which each line starts; lines[0] is always 0. */
  private lines: Int32Array = emptyLines;
  private lineCount = 1;
  private infos: LineInfo[] = [];

  constructor(
    readonly name: string,
    readonly base: number,
    readonly size: number,
  ) {}

  /** Pos of a byte offset in this file (offset may equal size, the end of file). */
  pos(offset: number): Pos {
    return this.base + offset;
  }

  /** Byte offset of a Pos belonging to this file. */
  offset(p: Pos): number {
    return p - this.base;
  }

  /** Line start offsets (only the first lineTotal entries are meaningful). */
  get lineTable(): Int32Array {
    return this.lines;
  }

  /** Number of lines in the line table. */
  get lineTotal(): number {
    return this.lineCount;
  }

  /** Installs the line-start table (offsets in increasing order, starting with 0). */
  setLines(lines: Int32Array, count: number = lines.length): void {
    this.lines = lines;
    this.lineCount = count;
  }

  /** Computes the line table from the file's bytes (one pass, native search for '\n'). */
  setLinesForContent(src: Uint8Array): void {
    let cap = 64;
    let lines = new Int32Array(cap);
    let n = 1;
    let i = src.indexOf(10);
    while (i >= 0 && i + 1 < src.length) {
      if (n === cap) {
        cap *= 2;
        const grown = new Int32Array(cap);
        grown.set(lines);
        lines = grown;
      }
      lines[n++] = i + 1;
      i = src.indexOf(10, i + 1);
    }
    this.setLines(lines, n);
  }

  /** Start offset of a 1-based line. */
  lineStart(line: number): number {
    if (line < 1 || line > this.lineCount) throw new RangeError(`invalid line number ${line} (should be in [1, ${this.lineCount}])`);
    return this.lines[line - 1]!;
  }

  /** Records a //line directive (go/token.File.AddLineColumnInfo). */
  addLineColumnInfo(offset: number, filename: string, line: number, column: number): void {
    const n = this.infos.length;
    if ((n === 0 || this.infos[n - 1]!.offset < offset) && offset < this.size) {
      this.infos.push({ offset, filename, line, column });
    }
  }

  /** 1-based line of a byte offset (binary search in the line table). */
  lineOfOffset(offset: number): number {
    const lines = this.lines;
    let lo = 0;
    let hi = this.lineCount;
    // Largest i with lines[i] <= offset.
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (lines[mid]! <= offset) lo = mid;
      else hi = mid;
    }
    return lo + 1;
  }

  /** Unadjusted (ignoring //line directives) line and column of an offset. */
  rawPosition(offset: number): Position {
    const line = this.lineOfOffset(offset);
    return { filename: this.name, offset, line, column: offset - this.lines[line - 1]! + 1 };
  }

  /** Position of p; with adjusted (the default) //line directives are applied as go/token does. */
  position(p: Pos, adjusted = true): Position {
    if (p === NoPos) return { filename: '', offset: 0, line: 0, column: 0 };
    const offset = p - this.base;
    const raw = this.rawPosition(offset);
    if (!adjusted || this.infos.length === 0) return raw;
    // Last line directive at or before offset.
    let lo = -1;
    let hi = this.infos.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (this.infos[mid]!.offset <= offset) lo = mid;
      else hi = mid;
    }
    if (lo < 0) return raw;
    const alt = this.infos[lo]!;
    const res: Position = { filename: alt.filename, offset, line: raw.line, column: raw.column };
    const d = this.lineOfOffset(alt.offset); // line of the directive's effect start
    res.line = alt.line + (raw.line - d);
    if (alt.column === 0) {
      res.column = 0;
    } else if (raw.line === d) {
      res.column = alt.column + (offset - alt.offset);
    }
    return res;
  }
}

/** A set of source files sharing one Pos space (go/token.FileSet). */
export class FileSet {
  private files: SourceFile[] = [];
  private nextBase = 1;
  private last: SourceFile | undefined;

  /** The base the next added file will get. */
  base(): number {
    return this.nextBase;
  }

  /** Adds a file of `size` bytes; its Pos range is [base, base+size]. */
  addFile(name: string, size: number): SourceFile {
    const f = new SourceFile(name, this.nextBase, size);
    this.nextBase += size + 1;
    this.files.push(f);
    this.last = f;
    return f;
  }

  /**
   * Adds a file at an explicit base, for worker threads that parse files with
   * bases agreed in advance. Bases must be added in increasing order.
   */
  addFileAt(name: string, base: number, size: number): SourceFile {
    if (base < this.nextBase) throw new RangeError(`base ${base} below the set's next base ${this.nextBase}`);
    const f = new SourceFile(name, base, size);
    this.nextBase = base + size + 1;
    this.files.push(f);
    this.last = f;
    return f;
  }

  /** The file containing p, or undefined. */
  file(p: Pos): SourceFile | undefined {
    if (p === NoPos) return undefined;
    const last = this.last;
    if (last && last.base <= p && p <= last.base + last.size) return last;
    const files = this.files;
    let lo = 0;
    let hi = files.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (files[mid]!.base <= p) lo = mid + 1;
      else hi = mid;
    }
    const f = files[lo - 1];
    if (f && p <= f.base + f.size) {
      this.last = f;
      return f;
    }
    return undefined;
  }

  /** Resolved position of p (NoPos and unknown positions give line 0). */
  position(p: Pos, adjusted = true): Position {
    const f = this.file(p);
    return f ? f.position(p, adjusted) : { filename: '', offset: 0, line: 0, column: 0 };
  }

  allFiles(): readonly SourceFile[] {
    return this.files;
  }
}
