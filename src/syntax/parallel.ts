// Parsing many files on every core: worker threads each run the parser over batches
// of files read from disk and send back only small results (errors, a hash of the
// AST JSON, byte counts), never trees, so that nothing large crosses threads.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** What the workers compute for each file. */
export type ParseJob =
  /** syntax errors only (racewatch parse) */
  | 'check'
  /** syntax errors and, for a file without errors, the SHA-256 of its AST JSON (differential test) */
  | 'hash';

export interface FileError {
  line: number;
  col: number;
  offset: number;
  message: string;
  /** `path:line:col: message` as gofmt -e prints it (with //line directives applied). */
  formatted: string;
}

export interface FileOutcome {
  file: string;
  /** Size in bytes (0 when unreadable). */
  bytes: number;
  /** Set when the file could not be read. */
  readError?: string;
  /** All syntax errors, sorted as go/parser sorts them. */
  errors: FileError[];
  /** SHA-256 of the AST JSON (job 'hash', files without errors). */
  hash?: string;
  /** Whether the file had bytes go/parser rejects as not text (NUL, invalid UTF-8). */
  notText?: boolean;
}

export interface WorkerRequest {
  job: ParseJob;
  files: string[];
  first: number;
}
export interface WorkerReply {
  first: number;
  outcomes: FileOutcome[];
}

/** Number of parsing threads to use: one per core. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

const workerUrl = new URL('./parseworker.js', import.meta.url);

/**
 * Options for parser worker threads: a larger young generation cuts GC time for
 * tree-building, and a 64 MB stack lets the recursive-descent parser nest as deep
 * as go/parser's own limit (about 30,000 parentheses) where the main thread's
 * default stack stops near 1,000.
 */
export const parserWorkerOptions = { resourceLimits: { maxYoungGenerationSizeMb: 144, stackSizeMb: 64 } };

/**
 * Parses `files` on `workers` threads (files are handed out in small batches as
 * threads become free) and returns one outcome per file, in the order given.
 */
export async function parseFilesParallel(files: string[], job: ParseJob, workers = defaultWorkers()): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array<FileOutcome>(files.length);
  if (files.length === 0) return outcomes;
  const n = Math.max(1, Math.min(workers, Math.ceil(files.length / 8)));
  const batch = Math.max(1, Math.min(64, Math.ceil(files.length / (n * 16))));
  let next = 0;
  const pool: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: n }, () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(workerUrl, parserWorkerOptions);
          pool.push(w);
          const feed = (): void => {
            if (next >= files.length) {
              resolve();
              return;
            }
            const first = next;
            next = Math.min(files.length, next + batch);
            const req: WorkerRequest = { job, files: files.slice(first, next), first };
            w.postMessage(req);
          };
          w.on('message', (reply: WorkerReply) => {
            for (let i = 0; i < reply.outcomes.length; i++) outcomes[reply.first + i] = reply.outcomes[i]!;
            feed();
          });
          w.on('error', reject);
          w.on('exit', (code) => {
            if (code !== 0) reject(new Error(`parser worker exited with code ${code}`));
          });
          feed();
        }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return outcomes;
}
