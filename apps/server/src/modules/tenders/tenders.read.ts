/**
 * Reads OCDS compiled releases from a stream: JSON Lines (one release per line, read line by line with
 * readline, so memory does not grow with the file), or a release package (`releases[]`) / record package
 * (`records[].compiledRelease`), which is one JSON document and is parsed whole. Every problem is
 * reported with its line number (or, inside a package, its path); the caller decides what a problem means.
 */
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { isObject, type JsonObject } from './engine/ocds.ts';

export type ReadFormat = 'jsonl' | 'release_package' | 'record_package';
export type ReadReason =
  | 'invalid_json'
  | 'not_object'
  | 'missing_ocid'
  | 'no_compiled_release'
  | 'not_a_package'
  | 'empty_file'
  /** Import-side problems, reported the same way. */
  | 'other_institution'
  | 'buyer_other_institution';

/** A problem: where (1-based line, or 0 with a JSON path inside a package) and why. */
export interface ReadIssue {
  line: number;
  path: string;
  reason: ReadReason;
  detail?: string;
}

/** Where a release came from, for messages; `text` is its JSON line as read (JSON Lines only). */
export interface ReadPosition {
  line: number;
  path: string;
  text?: string;
}

export interface ReadSummary {
  format: ReadFormat;
  releases: number;
  issues: ReadIssue[];
}

export interface ReadOptions {
  /**
   * Pass every JSON object on, whatever its ocid, and drop other values silently: only invalid JSON is a
   * problem. This is how cardinal reads (its indicators then skip what has no string ocid).
   */
  lenient?: boolean;
}

export type EachRelease = (release: JsonObject, at: ReadPosition) => void | Promise<void>;

const MAX_ISSUES = 200;

/** True when JSON.parse failed only because the text ended early (a prefix of a valid document). */
function endedEarly(text: string, message: string): boolean {
  if (/end of JSON input/i.test(message)) return true;
  const m = /position (\d+)/.exec(message);
  return m !== null && Number(m[1]) >= text.trimEnd().length;
}

/**
 * The 1-based line of the first syntax error in a document spread over lines. Node's JSON.parse does
 * not always say where, so this finds the shortest run of lines that is already wrong (binary search).
 */
function errorLine(lines: string[]): number {
  let lo = 1;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const text = lines.slice(0, mid).join('\n');
    const r = parseLine(text);
    if ('error' in r && !endedEarly(text, r.error)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function checkRelease(value: unknown, at: ReadPosition, issues: ReadIssue[]): value is JsonObject {
  if (!isObject(value)) {
    issues.push({ ...at, reason: 'not_object' });
    return false;
  }
  if (typeof value.ocid !== 'string' || !value.ocid.trim()) {
    issues.push({ ...at, reason: 'missing_ocid' });
    return false;
  }
  return true;
}

const isPackage = (v: unknown): v is JsonObject => isObject(v) && (Array.isArray(v.records) || Array.isArray(v.releases)) && typeof v.ocid !== 'string';

/** Feeds each release of a parsed package to `each`. */
async function readPackage(pkg: JsonObject, each: EachRelease, issues: ReadIssue[]): Promise<ReadSummary> {
  let releases = 0;
  if (Array.isArray(pkg.records)) {
    for (const [i, record] of pkg.records.entries()) {
      const path = `records[${i}].compiledRelease`;
      const compiled = isObject(record) ? record.compiledRelease : undefined;
      if (compiled === undefined) issues.push({ line: 0, path: `records[${i}]`, reason: 'no_compiled_release' });
      else if (checkRelease(compiled, { line: 0, path }, issues)) {
        releases++;
        await each(compiled, { line: 0, path });
      }
      if (issues.length >= MAX_ISSUES) break;
    }
    return { format: 'record_package', releases, issues };
  }
  for (const [i, release] of (pkg.releases as unknown[]).entries()) {
    const at = { line: 0, path: `releases[${i}]` };
    if (checkRelease(release, at, issues)) {
      releases++;
      await each(release, at);
    }
    if (issues.length >= MAX_ISSUES) break;
  }
  return { format: 'release_package', releases, issues };
}

/** Parses one JSON line: the value, or the parse error's message. */
function parseLine(line: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(line) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * Reads releases from `input`, calling `each` for every well-formed one in order (awaited, so a slow
 * consumer slows the reading). Blank lines are skipped. Problems go to `issues` as they are found (the
 * consumer may add its own), and reading stops once there are 200.
 */
export async function readReleases(input: Readable, each: EachRelease, issues: ReadIssue[] = [], opts: ReadOptions = {}): Promise<ReadSummary> {
  const accept = (value: unknown, at: ReadPosition): value is JsonObject => (opts.lenient ? isObject(value) : checkRelease(value, at, issues));
  let releases = 0;
  let first = true;
  /** Handles one line of JSON Lines; returns a package when the first line is a whole package. */
  const onLine = async (raw: string, lineNo: number): Promise<JsonObject | undefined> => {
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!line.trim()) return;
    const parsed = parseLine(line);
    const wasFirst = first;
    first = false;
    if ('error' in parsed) {
      issues.push({ line: lineNo, path: '', reason: 'invalid_json', detail: parsed.error });
      return;
    }
    if (wasFirst && isPackage(parsed.value)) return parsed.value;
    if (accept(parsed.value, { line: lineNo, path: '' })) {
      releases++;
      await each(parsed.value, { line: lineNo, path: '', text: line });
    }
  };

  const rl = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNo = 0;
  let held: string[] | null = null;
  for await (const raw of rl) {
    lineNo++;
    if (held) {
      held.push(raw);
      continue;
    }
    // A document spread over lines (a pretty-printed package) fails on its first line: hold it whole.
    if (first && raw.trim() && /^\s*[[{]/.test(raw) && 'error' in parseLine(raw.replace(/^\uFEFF/, ''))) {
      held = [...Array<string>(lineNo - 1).fill(''), raw];
      continue;
    }
    const pkg = await onLine(raw, lineNo);
    if (pkg) {
      rl.close();
      return readPackage(pkg, each, issues);
    }
    if (issues.length >= MAX_ISSUES) break;
  }
  rl.close();
  if (held) {
    const text = held.join('\n');
    const doc = parseLine(text.replace(/^\uFEFF/, ''));
    if ('value' in doc) {
      if (isPackage(doc.value)) return readPackage(doc.value, each, issues);
      if (!isObject(doc.value)) return { format: 'jsonl', releases: 0, issues: [{ line: 1, path: '', reason: 'not_a_package' }] };
    }
    // Not one document: JSON Lines whose first line is broken — unless most lines are broken, which
    // means a broken document, reported at the parser's position.
    const nonBlank = held.filter((l) => l.trim()).length;
    const broken = held.filter((l) => l.trim() && 'error' in parseLine(l)).length;
    if ('error' in doc && broken * 2 > nonBlank) {
      return { format: 'jsonl', releases: 0, issues: [{ line: errorLine(held), path: '', reason: 'invalid_json', detail: doc.error }] };
    }
    for (const [i, raw] of held.entries()) {
      await onLine(raw, i + 1);
      if (issues.length >= MAX_ISSUES) break;
    }
  }
  if (releases === 0 && issues.length === 0 && !opts.lenient) issues.push({ line: 0, path: '', reason: 'empty_file' });
  return { format: 'jsonl', releases, issues };
}
