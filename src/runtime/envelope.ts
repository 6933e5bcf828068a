// Log lines as they really arrive: wrapped in JSON by a logger or log shipper, prefixed by a
// timestamp, by the container runtime (CRI), by kubectl --prefix or docker compose, by syslog.
// `unwrapLine` peels those layers off and keeps what they say about time and origin.

export interface LogLine {
  /** The text Go printed, envelope removed (still with its indentation). */
  text: string;
  /** Milliseconds since the epoch, when the envelope carried a time. */
  time: number | null;
  /** Which stream the line belongs to (pod/container, compose service, test2json package…); '' when unknown. */
  source: string;
  /** The line continues in the next record of the same source (CRI `P`, test2json output without newline). */
  partial: boolean;
  /** The Go test the line was attributed to (`go test -json`). */
  test?: string;
}

const TEXT_FIELDS = ['msg', 'message', 'log', 'Output', 'MESSAGE', 'textPayload', '@message', 'text', 'line', 'body', 'content'];
const TIME_FIELDS = ['time', 'ts', 'timestamp', '@timestamp', 'Time', 't', 'date', '__REALTIME_TIMESTAMP'];

/** Parses the timestamps loggers write; zone-less times are taken as UTC. Null when not a time. */
export function parseTime(value: unknown, fieldName = ''): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (fieldName === '__REALTIME_TIMESTAMP') return value / 1000;
    // Seconds (zap, logrus with epoch), milliseconds or nanoseconds since the epoch.
    if (value > 1e17) return value / 1e6;
    if (value > 1e11) return value;
    return value * 1000;
  }
  if (typeof value !== 'string' || value.length < 8 || value.length > 64) {
    return null;
  }
  if (/^\d+(\.\d+)?$/.test(value)) return parseTime(Number(value), fieldName);
  let s = value.trim().replace(',', '.').replace(/^(\d{4})\/(\d\d)\/(\d\d)/, '$1-$2-$3');
  s = s.replace(/^(\d{4}-\d\d-\d\d) (\d)/, '$1T$2').replace(/ ?UTC$/, 'Z');
  // JavaScript's Date understands at most milliseconds.
  s = s.replace(/(\.\d{3})\d+/, '$1');
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(s)) s += 'Z';
  s = s.replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? null : ms;
}

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/** syslog and klog print no year: take the current one, or the previous one if that lands in the future. */
function yearlessTime(month: number, day: number, clock: string): number | null {
  const now = new Date();
  const [h, m, sec] = clock.split(':');
  let t = Date.UTC(now.getUTCFullYear(), month, day, Number(h), Number(m), Number(sec));
  if (t > now.getTime() + 86_400_000) t = Date.UTC(now.getUTCFullYear() - 1, month, day, Number(h), Number(m), Number(sec));
  return Number.isNaN(t) ? null : t;
}

function field(obj: Record<string, unknown>, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function sourceOfJson(obj: Record<string, unknown>): string {
  if (typeof obj.Package === 'string') return `pkg:${obj.Package}`;
  const pod = field(obj, 'kubernetes.pod_name') ?? obj.pod ?? obj.pod_name;
  const container = field(obj, 'kubernetes.container_name') ?? obj.container ?? obj.container_name;
  const parts = [pod, container].filter((v): v is string => typeof v === 'string');
  if (parts.length > 0) return parts.join('/');
  for (const key of ['service', 'app', 'host', 'hostname', '_HOSTNAME', 'SYSLOG_IDENTIFIER', '_PID', 'stream']) {
    const v = obj[key];
    if (typeof v === 'string' || typeof v === 'number') return `${key}:${v}`;
  }
  return '';
}

const CRI = /^(\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:\d\d)) (?:stdout|stderr) ([FP]) /;
const KUBECTL = /^\[pod\/([^\]\s]+)\] /;
const COMPOSE = /^([A-Za-z0-9][\w.-]*)\s+\| /;
const ISO = /^\[?(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d| ?UTC)?)\]?(?: |\t|$)/;
const GOLOG = /^(\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d+)?)(?: |$)/;
const SYSLOG = /^([A-Z][a-z]{2}) ([ \d]\d) (\d\d:\d\d:\d\d) (\S+) ([^\s:[]+)(?:\[(\d+)\])?: ?/;
/** logcli / Grafana exports: `{app="shop", pod="x"} line` after the timestamp. */
const LOKI_LABELS = /^\{[A-Za-z_][\w.]*="[^"]*"(?:, ?[A-Za-z_][\w.]*="[^"]*")*\} /;
const KLOG = /^[IWEF](\d\d)(\d\d) (\d\d:\d\d:\d\d)\.\d+\s+\d+ [^\s\]]+:\d+\] /;

/**
 * Peels envelopes off one raw line. A JSON message may hold several lines of text (a logger
 * that logged a whole panic as one message), so the result is a list.
 */
export function unwrapLine(raw: string): LogLine[] {
  let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  let time: number | null = null;
  let source = '';
  let partial = false;
  let test: string | undefined;
  for (let layer = 0; layer < 4; layer++) {
    const c = text.charCodeAt(0);
    if (c === 123 /* { */ && text.charCodeAt(text.length - 1) === 125 /* } */) {
      let obj: unknown;
      try {
        obj = JSON.parse(text);
      } catch {
        break;
      }
      if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) break;
      const rec = obj as Record<string, unknown>;
      const key = TEXT_FIELDS.find((k) => typeof rec[k] === 'string');
      if (key === undefined) {
        // test2json's start/pass events have no Output; they are not log text.
        return typeof rec.Action === 'string' ? [] : [{ text, time, source, partial: false }];
      }
      for (const tk of TIME_FIELDS) {
        if (rec[tk] !== undefined) {
          const t = parseTime(rec[tk], tk);
          if (t !== null) {
            time = t;
            break;
          }
        }
      }
      source = sourceOfJson(rec) || source;
      if (typeof rec.Test === 'string') test = rec.Test;
      text = rec[key] as string;
      if (key === 'Output' || key === 'log') {
        // test2json and docker's json-file keep the newline; without it the line goes on in the next event.
        if (text.endsWith('\n')) text = text.slice(0, -1);
        else partial = true;
      }
      if (text.includes('\n')) {
        return text.split('\n').map((t, i, all) => ({ text: t.endsWith('\r') ? t.slice(0, -1) : t, time, source, partial: partial && i === all.length - 1, test }));
      }
      continue;
    }
    break;
  }
  for (let layer = 0; layer < 6; layer++) {
    const c = text.charCodeAt(0);
    let m: RegExpExecArray | null;
    if (c >= 48 && c <= 57) {
      if ((m = CRI.exec(text))) {
        time = parseTime(m[1]) ?? time;
        partial = m[2] === 'P';
      } else if ((m = ISO.exec(text)) || (m = GOLOG.exec(text))) {
        time = parseTime(m[1]) ?? time;
      } else break;
    } else if (c === 123 /* { */ && (m = LOKI_LABELS.exec(text))) {
      source = m[0].trim();
    } else if (c === 91 /* [ */) {
      if ((m = KUBECTL.exec(text))) source = m[1]!;
      else if ((m = ISO.exec(text))) time = parseTime(m[1]) ?? time;
      else break;
    } else if (c >= 65 && c <= 90 && (m = SYSLOG.exec(text)) && MONTHS[m[1]!] !== undefined) {
      time = yearlessTime(MONTHS[m[1]!]!, Number(m[2]!.trim()), m[3]!) ?? time;
      source = `${m[4]}/${m[5]}${m[6] ? `[${m[6]}]` : ''}`;
    } else if ((c === 73 || c === 87 || c === 69 || c === 70) && (m = KLOG.exec(text))) {
      time = yearlessTime(Number(m[1]) - 1, Number(m[2]), m[3]!) ?? time;
    } else if (c !== 32 && c !== 9 && (m = COMPOSE.exec(text))) {
      source = m[1]!;
    } else break;
    text = text.slice(m[0].length);
  }
  return [{ text, time, source, partial, test }];
}
