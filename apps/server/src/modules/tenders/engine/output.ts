/** The result map printed the way cardinal prints it (serde_json with Rust's float formatting). */
import type { EngineResult } from './engine.ts';
import { CODES, GROUPS } from './state.ts';

/** A finite f64 as Rust's `ryu` writes it in serde_json: `1.0`, `0.2`, `1e-7`, `1.5e16`; NaN and infinities are `null`. */
export function formatF64(x: number): string {
  if (!Number.isFinite(x)) return 'null';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, exponent] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const length = digits.length;
  const kk = Number(exponent) + 1; // the decimal point sits after kk digits
  const k = kk - length;
  let s: string;
  if (k >= 0 && kk <= 16) s = `${digits}${'0'.repeat(k)}.0`;
  else if (kk > 0 && kk <= 16) s = `${digits.slice(0, kk)}.${digits.slice(kk)}`;
  else if (kk > -5 && kk <= 0) s = `0.${'0'.repeat(-kk)}${digits}`;
  else if (length === 1) s = `${digits}e${kk - 1}`;
  else s = `${digits[0]}.${digits.slice(1)}e${kk - 1}`;
  return x < 0 ? `-${s}` : s;
}

/** Rust's `f64::round` (half away from zero) to 4 decimals, as cardinal rounds the Meta values. */
const round4 = (v: number) => (Math.sign(v) * Math.round(Math.abs(v) * 10_000)) / 10_000;

/** The result map as plain JSON data (numbers stay numbers), for tests and the API. */
export function resultObject(r: EngineResult): Record<string, Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, Record<string, number>>> = {};
  for (const group of GROUPS) {
    const g = r.results.get(group);
    if (!g?.size) continue;
    out[group] = Object.fromEntries([...g].map(([id, codes]) => [id, Object.fromEntries(CODES.filter((c) => codes.has(c)).map((c) => [c, codes.get(c)!]))]));
  }
  return out;
}

/** The JSON text `ocdscardinal indicators` prints: groups, then `Meta` unless `noMeta`. */
export function formatResults(r: EngineResult, opts: { noMeta?: boolean } = {}): string {
  const parts: string[] = [];
  for (const group of GROUPS) {
    const g = r.results.get(group);
    if (!g?.size) continue;
    const ids = [...g].map(([id, codes]) => {
      const values = CODES.filter((c) => codes.has(c)).map((c) => `${JSON.stringify(c)}:${formatF64(codes.get(c)!)}`);
      return `${JSON.stringify(id)}:{${values.join(',')}}`;
    });
    parts.push(`${JSON.stringify(group)}:{${ids.join(',')}}`);
  }
  if (!opts.noMeta) {
    const meta = CODES.filter((c) => r.meta.has(c)).map((c) => {
      const entries = [...r.meta.get(c)!].map(([k, v]) => `${JSON.stringify(k)}:${formatF64(round4(v))}`);
      return `${JSON.stringify(c)}:{${entries.join(',')}}`;
    });
    parts.push(`"Meta":{${meta.join(',')}}`);
  }
  return `{${parts.join(',')}}`;
}
