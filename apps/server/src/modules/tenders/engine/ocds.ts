/**
 * Reading OCDS compiled releases the way cardinal-rs does: a field counts only when it has the
 * expected JSON type (serde_json's `if let Some(Value::String(s)) = v.get("k")`), so a number where a
 * string belongs is "missing", never coerced. Shared by the indicators and the hospital flags.
 */

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

// Only JSON.parse'd objects reach these helpers and every key read here is an OCDS field name, none of
// which exists on Object.prototype, so a plain property read is an own-member read.

/** True for a JSON object (not an array, not null). */
export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `o.get(k)` as a string. */
export function str(o: unknown, k: string): string | undefined {
  if (!isObject(o)) return undefined;
  const v = o[k];
  return typeof v === 'string' ? v : undefined;
}

/** `o.get(k)` as an object. */
export function obj(o: unknown, k: string): JsonObject | undefined {
  if (!isObject(o)) return undefined;
  const v = o[k];
  return isObject(v) ? v : undefined;
}

/** `o.get(k)` as an array. */
export function arr(o: unknown, k: string): Json[] | undefined {
  if (!isObject(o)) return undefined;
  const v = o[k];
  return Array.isArray(v) ? v : undefined;
}

/** `o.get(k)` as a number. */
export function num(o: unknown, k: string): number | undefined {
  if (!isObject(o)) return undefined;
  const v = o[k];
  return typeof v === 'number' ? v : undefined;
}

/** A pipe-separated setting as a set; Rust's `split_terminator('|')` (a trailing empty part is dropped). */
export function parsePipe(value: string | undefined): Set<string> {
  if (value === undefined || value === '') return new Set();
  const parts = value.split('|');
  if (parts[parts.length - 1] === '') parts.pop();
  return new Set(parts);
}

/** `tender.status` is "cancelled": the process is skipped by every indicator. */
export function isCancelled(release: JsonObject): boolean {
  return str(obj(release, 'tender'), 'status') === 'cancelled';
}

/** An allow list (when non-empty) or else a deny list on `tender.procurementMethodDetails`. */
export function matchesProcurementMethodDetails(release: JsonObject, include: Set<string>, exclude: Set<string>): boolean {
  const details = str(obj(release, 'tender'), 'procurementMethodDetails');
  if (details === undefined) return include.size === 0;
  return include.size === 0 ? !exclude.has(details) : include.has(details);
}

/** `tender.procurementMethod` is in the set; an empty set matches everything, a missing method nothing. */
export function matchesProcurementMethod(tender: JsonObject, set: Set<string>): boolean {
  if (set.size === 0) return true;
  const method = str(tender, 'procurementMethod');
  return method !== undefined && set.has(method);
}

// Several indicators ask the same questions of one release in a row; the last answers are kept.
// (Single-threaded, and the answers are never mutated by their callers.)
let submittedFor: JsonObject | null = null;
let submittedMemo: JsonObject[] = [];
let completeFor: JsonObject | null = null;
let completeMemo: { awards: Json[]; details: Json[] } | null = null;

/** Bids whose status is a string other than invited or withdrawn (pending, valid, disqualified…). */
export function submittedBids(release: JsonObject): JsonObject[] {
  if (release !== submittedFor) {
    submittedMemo = computeSubmittedBids(release);
    submittedFor = release;
  }
  return submittedMemo;
}

function computeSubmittedBids(release: JsonObject): JsonObject[] {
  const out: JsonObject[] = [];
  const details = arr(obj(release, 'bids'), 'details');
  if (!details) return out;
  for (const bid of details) {
    const status = str(bid, 'status');
    if (status !== undefined && status !== 'invited' && status !== 'withdrawn') out.push(bid as JsonObject);
  }
  return out;
}

/**
 * The active awards and the bid details, or null while any award is in a non-final state (pending,
 * invalid…): indicator results must be stable. Cancelled and unsuccessful awards are left out.
 */
export function completeAwardsAndBids(release: JsonObject): { awards: Json[]; details: Json[] } | null {
  if (release !== completeFor) {
    completeMemo = computeCompleteAwardsAndBids(release);
    completeFor = release;
  }
  return completeMemo;
}

function computeCompleteAwardsAndBids(release: JsonObject): { awards: Json[]; details: Json[] } | null {
  const awards = arr(release, 'awards');
  const details = arr(obj(release, 'bids'), 'details');
  if (!awards || !details) return null;
  const complete: Json[] = [];
  for (const award of awards) {
    const status = str(award, 'status');
    if (status === undefined) continue;
    if (status === 'active') complete.push(award);
    else if (status !== 'cancelled' && status !== 'unsuccessful') return null;
  }
  return { awards: complete, details };
}

/** The id of the single supplier of the only complete award, else undefined. */
export function soleSupplierId(awards: Json[]): string | undefined {
  if (awards.length !== 1) return undefined;
  const suppliers = arr(awards[0], 'suppliers');
  if (suppliers?.length !== 1) return undefined;
  return str(suppliers[0], 'id');
}

/** Valid bids with one tenderer and a value: [tendererId, amount, currency]. */
export function validPricedBids(details: Json[]): [string, number, string][] {
  const out: [string, number, string][] = [];
  for (const bid of details) {
    if (str(bid, 'status') !== 'valid') continue;
    const value = obj(bid, 'value');
    const amount = num(value, 'amount');
    const currency = str(value, 'currency');
    const tenderers = arr(bid, 'tenderers');
    if (amount === undefined || currency === undefined || !tenderers || tenderers.length !== 1) continue;
    const id = str(tenderers[0], 'id');
    if (id !== undefined) out.push([id, amount, currency]);
  }
  return out;
}

/** The first `n` characters (Unicode scalar values, as Rust's `chars().take(n)`). */
export function takeChars(s: string, n: number): string {
  let i = 0;
  let count = 0;
  while (i < s.length && count < n) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
    count++;
  }
  return s.slice(0, i);
}
