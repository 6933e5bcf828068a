// What a function does, as far as concurrency is concerned: an ordered list of events
// (memory accesses with the locks held, goroutine spawns, synchronisation operations).
// A function's summary is its event list with paths rooted at its receiver,
// parameters, package variables and captured variables; a caller inlines it by
// substituting its own paths for the callee's receiver and parameters.

/**
 * An abstract memory location: a root (a variable, a package variable, a receiver)
 * followed by field names. `key` identifies the location; `text` is how the source
 * spells it at the access.
 *
 * Root keys: `V<pos>` a local variable or parameter declared at pos; `G<name>` a
 * package variable; `F<n>` a fresh object no other code can name (a call result).
 */
export interface Path {
  key: string;
  root: string;
  text: string;
  /**
   * Reached through a copy of the location's value (`m := c.items`, a getter's result):
   * operations on the map it holds do not read the location itself at that moment.
   */
  detached?: boolean;
  /**
   * Reached through a channel: `sent` names a value after the goroutine sent it (`ch <- m`
   * then `m[k] = v`), `recv` a value received from that channel. Each value is received
   * once, so only a sender's access pairs with a receiver's; two receivers got two values.
   */
  handoff?: 'sent' | 'recv';
  /**
   * For a received value: the receiving variable's own location. Accesses are recorded on
   * both, so goroutines that share one received value still race with each other.
   */
  own?: Path;
}

/**
 * Source text of a span, decoded when first shown (in a template string): few of the
 * accesses a run records are ever shown, and decoding each one's was 2% of `check`.
 */
export class SpanText {
  constructor(
    private readonly source: { text(pos: number, end: number): string },
    private readonly pos: number,
    private readonly end: number,
  ) {}

  toString(): string {
    return this.source.text(this.pos, this.end);
  }
}

export type LockMode = 'w' | 'r';

/** The locks that must be held at a program point: lock path key -> mode and spelling. */
export type LockSet = ReadonlyMap<string, { mode: LockMode; text: string }>;

export const NO_LOCKS: LockSet = new Map();

/** Where an event sits in its function: enclosing loops, and branch arms taken. */
export interface Place {
  /** Ids of the loops around the event, outermost first. */
  loops: readonly number[];
  /** `ifId:arm` for each if/switch/select arm around the event, outermost first. */
  arms: readonly string[];
}

export interface AccessEvent {
  k: 'access';
  path: Path;
  write: boolean;
  /** An operation on a map's contents (index, len, range, delete...): the map at `path`. */
  mapOp: boolean;
  /** The location itself holds a map (assigning it replaces the map). */
  mapLoc: boolean;
  /** The end-of-iteration copy of a Go 1.22 loop variable (reads this iteration's copy). */
  iterCopy?: boolean;
  /** A write inside `if p == nil { ... }` to p: lazy initialisation. */
  lazyInit?: boolean;
  /** Inside `if !v { ... }` where the local bool v only ever goes from false to true: v's root. */
  unlessFlag?: string;
  /** A write of a value that cannot be nil (an allocation, or a location known to hold one). */
  nonNilValue?: boolean;
  /**
   * Made after assertions that panic otherwise (`assert(t.inst == nil)`): `<key>==nil` or
   * `<key>!=nil` for a field of the receiver, a parameter or a variable.
   */
  assumes?: readonly string[];
  /** The location holds a struct or array value: it overlaps its own fields. */
  structVal: boolean;
  /** Done with sync/atomic: never races with another atomic access. */
  atomic: boolean;
  /** The operation as the source spells it: "len(c.items)", "c.items[k] = v" (a span decoded when shown). */
  op: string | SpanText;
  pos: number;
  end: number;
  locks: LockSet;
  /** Display name of the function whose body holds the access: "(*Cache).Put". */
  fn: string;
  seq: number;
  place: Place;
}

export interface SpawnEvent {
  k: 'spawn';
  /** "go", "errgroup.Go", "WaitGroup.Go", "time.AfterFunc". */
  via: string;
  body: Event[];
  /** The WaitGroup/errgroup whose Wait joins this goroutine (Go methods), if any. */
  group: string | null;
  /** Spawned repeatedly: in a loop here or in the body of a function inlined in a loop. */
  multi: boolean;
  /** Loop-fresh variable roots: each instance sees its own copy. */
  freshRoots: ReadonlySet<string>;
  /** Locals of the goroutine's own code: no other goroutine (or instance) sees them. */
  ownLocals: ReadonlySet<string>;
  /** Local bools (roots) already set to true, for good, when the goroutine starts. */
  flagsSet?: readonly string[];
  /** Locations the spawner knows to be non-nil when the goroutine starts (see FuncWalker.nonNil). */
  nonNil?: readonly string[];
  /** What runs: "(*Server).loop", "a function literal". */
  what: string;
  pos: number;
  locks: LockSet;
  seq: number;
  place: Place;
}

/** `unlock`: a write lock (obj: the lock's key) released, for barrier reasoning. */
export type SyncOp = 'send' | 'recv' | 'close' | 'wait' | 'done' | 'unlock';

export interface SyncEvent {
  k: 'sync';
  op: SyncOp;
  /** Channel / WaitGroup path key; null when it has no name we can follow. */
  obj: string | null;
  /** Channel capacity when known (0 = unbuffered). */
  cap: number | undefined;
  /**
   * What a receive can observe: the receive at the head of `for v := range ch` gets a
   * sent value (never the close); the one that ends the loop gets the close only.
   * Undefined: either.
   */
  sees?: 'send' | 'close';
  pos: number;
  seq: number;
  place: Place;
}

/** Can the send or close `x` be what the receive `r` observes? */
export function delivers(x: SyncEvent, r: SyncEvent): boolean {
  return r.sees === undefined || r.sees === x.op;
}

export type Event = AccessEvent | SpawnEvent | SyncEvent;

/** One inlining's view of a callee's events: its renaming of paths, lock sets and assumptions. */
export interface InlineLayer {
  path(p: Path, mapOp: boolean): Path;
  /** The root `path` gives an access's path with this root (`whole`: the path is its root alone), and whether that one is; builds no path. */
  root(root: string, whole: boolean, mapOp?: boolean): RootShape;
  /** `root`, in place: `shape` becomes what it is through this layer (no object made per access). */
  rootInto(shape: RootShape, mapOp: boolean): void;
  locks(l: LockSet): LockSet;
  assumes(l: readonly string[]): readonly string[];
}

/**
 * Access events inlined at one call and not copied: the first `count` accesses of
 * `src[from..to)`, a stretch of a callee's events holding only accesses and runs (all of
 * them unless the size bound cut the stretch), seen through `layers` (each inlining on the
 * way up, innermost first), all at `place` and numbered `seq`, `seq + 1`, ... Inlining
 * copied every callee access at every level of every call chain (over GOROOT/src, 5
 * million copies for the few hundred summaries the model reads); a run costs one object
 * per stretch between a callee's syncs and spawns, and accesses are built once, when a
 * summary is read (`concreteEvents`).
 */
export interface AccessRun {
  k: 'run';
  src: readonly SummaryEvent[];
  from: number;
  to: number;
  count: number;
  layers: readonly InlineLayer[];
  place: Place;
  seq: number;
  /** The shapes of the plain writes in the stretch (see runWrites), worked out when first asked for. */
  writes: readonly RootShape[] | undefined;
}

/** A path's root, and whether the path is the root alone: what a plain access's root becomes through an inlining depends on both. */
export interface RootShape {
  root: string;
  whole: boolean;
}

/**
 * The distinct shapes of the plain writes (not map operations) a run's stretch makes, in
 * its source's terms (before the run's own layers); a superset where the size bound cut
 * the run. Seen through a caller's layers they tell which roots the run writes below
 * without visiting its accesses: each run is worked out once, its nested runs' shapes
 * reused.
 */
export function runWrites(r: AccessRun): readonly RootShape[] {
  if (r.writes) return r.writes;
  const out: RootShape[] = [];
  const add = (x: RootShape): void => {
    if (!out.some((y) => y.root === x.root && y.whole === x.whole)) out.push(x);
  };
  for (let i = r.from; i < r.to; i++) {
    const e = r.src[i]!;
    if (e.k === 'run') for (const x of runWrites(e)) add(shapeThrough(x, e.layers));
    else if (e.k === 'access' && e.write && !e.mapOp) add({ root: e.path.root, whole: e.path.key === e.path.root });
  }
  return (r.writes = out);
}

/** A plain write's shape seen through `layers` (innermost first). */
export function shapeThrough(x: RootShape, layers: readonly InlineLayer[]): RootShape {
  for (const l of layers) x = l.root(x.root, x.whole);
  return x;
}

/** What a summary holds: events, and runs of accesses inlined but not yet copied. */
export type SummaryEvent = Event | AccessRun;

/** How many events a summary's list stands for (what the size bound counts). */
export function eventCount(events: readonly SummaryEvent[]): number {
  let n = 0;
  for (const e of events) n += e.k === 'run' ? e.count : 1;
  return n;
}

/**
 * Calls f with each access a run stands for, in order, and the layers to see it through
 * (innermost first): a run inside the stretch adds its own layers below the outer ones.
 * f returns false to stop.
 */
export function eachRunAccess(r: AccessRun, f: (e: AccessEvent, layers: readonly InlineLayer[]) => boolean): void {
  eachOfRun(r, { layers: r.layers, outer: null }, (e, chain) => f(e, chain.outer === null ? chain.layers : flatLayers(chain)));
}

/** Layers innermost first, as a chain: a nested run's own layers, then those around it (concatenated only when asked for). */
interface LayerChain {
  layers: readonly InlineLayer[];
  outer: LayerChain | null;
}

function flatLayers(chain: LayerChain): InlineLayer[] {
  const out: InlineLayer[] = [];
  for (let c: LayerChain | null = chain; c !== null; c = c.outer) out.push(...c.layers);
  return out;
}

/** Visits r's accesses seen through `chain`; false when f asked to stop. */
function eachOfRun(r: AccessRun, chain: LayerChain, f: (e: AccessEvent, chain: LayerChain) => boolean): boolean {
  let left = r.count;
  for (let i = r.from; i < r.to && left > 0; i++) {
    const e = r.src[i]!;
    if (e.k === 'run') {
      // The inner run's accesses count against this run's own.
      let stopped = false;
      eachOfRun(e, { layers: e.layers, outer: chain }, (a, l) => {
        if (left === 0) return false;
        left--;
        if (f(a, l)) return true;
        stopped = true;
        return false;
      });
      if (stopped) return false;
    } else {
      left--;
      if (!f(e as AccessEvent, chain)) return false;
    }
  }
  return true;
}

/**
 * Which of a run's accesses a reader needs, told from the access and the root its path
 * will have, before the path is built (building paths through every layer was most of
 * the cost of reading a summary). The lock sets of those left out that hold a lock are
 * handed to `dropped`, with their numbers.
 */
export interface AccessFilter {
  keep(e: AccessEvent, root: string): boolean;
  dropped(seq: number, locks: LockSet): void;
}

/** The accesses a run stands for, in order (those `filter` keeps). */
export function runAccesses(r: AccessRun, out: Event[], filter?: AccessFilter): void {
  let seq = r.seq;
  const shape: RootShape = { root: '', whole: false };
  eachOfRun(r, { layers: r.layers, outer: null }, (e, chain) => {
    const n = seq++;
    if (filter !== undefined) {
      shape.root = e.path.root;
      shape.whole = e.path.key === e.path.root;
      // Indexed loops: for-of allocated an iterator result per layer here (2% of all allocation).
      for (let c: LayerChain | null = chain; c !== null; c = c.outer) for (let k = 0; k < c.layers.length; k++) c.layers[k]!.rootInto(shape, e.mapOp);
      if (!filter.keep(e, shape.root)) {
        let locks = e.locks;
        for (let c: LayerChain | null = chain; c !== null; c = c.outer) for (let k = 0; k < c.layers.length; k++) locks = c.layers[k]!.locks(locks);
        if (locks.size > 0) filter.dropped(n, locks);
        return true;
      }
    }
    let path = e.path;
    let locks = e.locks;
    let assumes = e.assumes;
    for (let c: LayerChain | null = chain; c !== null; c = c.outer) {
      for (let k = 0; k < c.layers.length; k++) {
        const l = c.layers[k]!;
        path = l.path(path, e.mapOp);
        locks = l.locks(locks);
        if (assumes) assumes = l.assumes(assumes);
      }
    }
    out.push(movedAccess(e, path, locks, assumes, n, r.place));
    return true;
  });
}

/** The access e made elsewhere: on `path`, holding `locks`, after `assumes`, numbered `seq` at `place`. */
export function movedAccess(e: AccessEvent, path: Path, locks: LockSet, assumes: readonly string[] | undefined, seq: number, place: Place): AccessEvent {
  const a: AccessEvent = {
    k: 'access',
    path,
    write: e.write,
    mapOp: e.mapOp,
    mapLoc: e.mapLoc,
    structVal: e.structVal,
    lazyInit: e.lazyInit,
    atomic: e.atomic,
    op: e.op,
    pos: e.pos,
    end: e.end,
    locks,
    fn: e.fn,
    seq,
    place,
  };
  // Optional fields are set after the literal: a spread inside it makes V8 build each
  // event the slow way, in a shape of its own.
  if (e.iterCopy !== undefined) a.iterCopy = e.iterCopy;
  if (e.unlessFlag !== undefined) a.unlessFlag = e.unlessFlag;
  if (e.nonNilValue) a.nonNilValue = true;
  if (assumes) a.assumes = assumes;
  return a;
}

/** The events with every run replaced by the accesses it stands for (the list itself when it has none). */
export function flattenRuns(events: readonly SummaryEvent[], filter?: AccessFilter): Event[] {
  let i = 0;
  while (i < events.length && events[i]!.k !== 'run') i++;
  if (i === events.length) return events as Event[];
  const out = events.slice(0, i) as Event[];
  for (; i < events.length; i++) {
    const e = events[i]!;
    if (e.k === 'run') runAccesses(e, out, filter);
    else out.push(e);
  }
  return out;
}

const concrete = new WeakMap<readonly SummaryEvent[], Event[]>();

/** A finished summary's events, runs copied out, once per summary. */
export function concreteEvents(s: { events: readonly SummaryEvent[] }): Event[] {
  let out = concrete.get(s.events);
  if (!out) concrete.set(s.events, (out = flattenRuns(s.events)));
  return out;
}

export interface FuncSummary {
  name: string;
  /** Runs stand for accesses not yet copied: readers outside the summarizer take `concreteEvents(s)`. */
  events: SummaryEvent[];
  /**
   * The variable roots (`V…`, `L…`) its top-level accesses name, runs included, in
   * paths, lock sets and assumptions: an inlining gives the callee's locals among them
   * names of its call up front, as copying each access did.
   */
  accessRoots?: readonly string[];

  /** Root keys of the receiver and parameters, for substitution at call sites. */
  recvRoot: string | null;
  paramRoots: (string | null)[];
  /** Locks held at every return that were not held on entry (lock helpers). */
  acquired: LockSet;
  /** Locks released that the function did not take (unlock helpers). */
  released: ReadonlySet<string>;
  /** The summary was cut short (size or depth bound): absence of events proves nothing. */
  truncated: boolean;
  /** Some call was left out by the depth bound (a summary made deep in a call chain). */
  depthCut?: boolean;
  /** Roots of the function's own locals (declared functions only; literals share theirs). */
  localRoots?: ReadonlySet<string>;
  /** The location every return statement hands back (`return s.users`), if one. */
  result?: Path | null;
  /** Roots that are new at every run of the function (its literals' locals, inlined callees' locals). */
  perCall?: ReadonlySet<string>;
  /** Locations under the receiver, parameters or package variables that are non-nil at every return. */
  ensured?: readonly string[];
  /** Field suffixes (".common") non-nil in the object every non-nil return hands back. */
  resultEnsured?: readonly string[];
}

export function lockSetUnion(a: LockSet, b: LockSet): LockSet {
  if (a.size === 0) return b;
  if (b.size === 0) return a;
  const m = new Map(a);
  for (const [k, v] of b) {
    const prev = m.get(k);
    if (!prev || (prev.mode === 'r' && v.mode === 'w')) m.set(k, v);
  }
  return m;
}

export function lockSetIntersect(a: LockSet, b: LockSet): LockSet {
  if (a === b) return a;
  const m = new Map<string, { mode: LockMode; text: string }>();
  for (const [k, v] of a) {
    const o = b.get(k);
    if (o) m.set(k, v.mode === 'w' && o.mode === 'w' ? v : { mode: 'r', text: v.text });
  }
  return m;
}

/** A lock both sides hold that excludes them from each other (not two read locks). */
export function commonLock(a: LockSet, b: LockSet): string | undefined {
  if (a.size === 0 || b.size === 0) return undefined;
  for (const [k, v] of a) {
    const o = b.get(k);
    if (o && (v.mode === 'w' || o.mode === 'w')) return k;
  }
  return undefined;
}

export function describeLocks(l: LockSet): string {
  if (l.size === 0) return 'without a lock';
  const parts = [...l.values()].filter((v) => !v.text.startsWith('once ')).map((v) => (v.mode === 'r' ? `${v.text} (read)` : v.text));
  if (parts.length === 0) return 'without a lock';
  return 'holding ' + parts.join(', ');
}
