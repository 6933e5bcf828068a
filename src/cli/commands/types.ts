import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { FatalError, UsageError, type Command, type CommandIO } from '../command.js';
import { createLoader } from '../../load/index.js';
import { inspect, end as nodeEnd, pos as nodePos, type Expr, type File } from '../../syntax/ast.js';
import { Program, type CheckedPackage } from '../../types/program.js';
import { recordFor } from '../../types/dump.js';

const usage = `usage: racewatch types [--json] [--no-tests] FILE:LINE:COL...

Prints the object and type of the expression at each position: the innermost
identifier or selector expression there. Types are written as go/types writes
them, with full package paths (map[string]*net/http.Cookie, sync.RWMutex).
Each package is loaded and checked once, however many positions it holds.

  --json       one JSON object per position per line:
               {"pos":"FILE:LINE:COL","object":"var|field|func|method|const|type|pkgname|label|builtin|nil|unknown","name":…,"type":…}
  --no-tests   leave _test.go files out of the packages
`;

interface Query {
  arg: string;
  file: string;
  line: number;
  col: number;
}

function parseQuery(arg: string, cwd: string): Query {
  const m = /^(.*):(\d+):(\d+)$/.exec(arg);
  if (!m) throw new UsageError(`bad position "${arg}": want FILE:LINE:COL`);
  const file = resolve(cwd, m[1]!);
  return { arg, file, line: Number(m[2]), col: Number(m[3]) };
}

function canonical(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

export const typesCommand: Command = {
  name: 'types',
  summary: 'print the object and type of the expression at FILE:LINE:COL',
  usage,
  async run(args: string[], io: CommandIO): Promise<number> {
    let json = false;
    let tests = true;
    const positions: string[] = [];
    for (const a of args) {
      if (a === '--json') json = true;
      else if (a === '--no-tests') tests = false;
      else if (a.startsWith('-')) throw new UsageError(`unknown flag ${a}`);
      else positions.push(a);
    }
    if (positions.length === 0) throw new UsageError('no positions given');
    const queries = positions.map((p) => parseQuery(p, io.cwd));

    const loader = createLoader({ cwd: io.cwd, tests });
    const program = new Program(loader, { skipImportBodies: true });
    // One load and one check per directory, shared by all positions in it.
    const byDir = new Map<string, CheckedPackage[]>();
    const loadDir = (dir: string): CheckedPackage[] => {
      let cps = byDir.get(dir);
      if (cps) return cps;
      cps = [];
      const { packages, errors } = loader.packages([dir]);
      for (const e of errors) io.stderr.write(`${e.file}:${e.line}:${e.column}: ${e.message}\n`);
      for (const sp of packages) cps.push(...program.check(sp, { tests }));
      byDir.set(dir, cps);
      return cps;
    };

    let failures = 0;
    for (const q of queries) {
      const shown = isAbsolute(q.arg) ? q.arg : q.arg;
      const fail = (msg: string): void => {
        failures++;
        if (json) io.stdout.write(JSON.stringify({ pos: shown, object: 'unknown', name: '', type: '', error: msg }) + '\n');
        else io.stderr.write(`${shown}: ${msg}\n`);
      };
      if (!existsSync(q.file)) {
        fail('no such file');
        continue;
      }
      const cps = loadDir(dirname(q.file));
      const target = canonical(q.file);
      let found: { cp: CheckedPackage; file: File } | undefined;
      for (const cp of cps) {
        for (const f of cp.files) if (canonical(f.name) === target) found = { cp, file: f.file };
      }
      if (!found) {
        fail('file is not part of a loaded package (build constraints, or not a .go file)');
        continue;
      }
      const src = program.fset.file(found.file.FileStart);
      if (!src || q.line < 1 || q.line > src.lineTotal) {
        fail('line out of range');
        continue;
      }
      const p = src.pos(src.lineStart(q.line) + q.col - 1);
      const e = innermostAt(found.file, p);
      if (!e) {
        fail('no identifier or selector expression here');
        continue;
      }
      const r = recordFor(program.fset, found.cp.info, e);
      if (!r) {
        fail('no identifier or selector expression here');
        continue;
      }
      if (json) {
        io.stdout.write(JSON.stringify({ pos: shown, object: r.kind, name: r.name, type: r.type }) + '\n');
      } else {
        const decl = r.decl ? `  (declared at ${relOrAbs(io.cwd, r.decl)})` : '';
        io.stdout.write(`${shown}: ${r.kind} ${r.name}${r.type ? ' ' + r.type : ''}${decl}\n`);
      }
    }
    if (failures === queries.length && failures > 0 && !json) throw new FatalError('no position could be resolved');
    return failures > 0 ? 1 : 0;
  },
};

function relOrAbs(cwd: string, loc: string): string {
  const r = relative(cwd, loc);
  return r.startsWith('..') ? loc : r;
}

/** The innermost identifier or selector expression whose extent contains p. */
function innermostAt(file: File, p: number): Expr | null {
  let best: Expr | null = null;
  inspect(file, (n) => {
    const s = nodePos(n);
    const e = nodeEnd(n);
    if (s === 0 || p < s || p >= e) return n.kind === 'File';
    if (n.kind === 'Ident' || n.kind === 'SelectorExpr') best = n;
    return true;
  });
  return best;
}
