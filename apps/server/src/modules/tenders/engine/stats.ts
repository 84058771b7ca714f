/**
 * The statistics cardinal-rs takes from the statrs crate and Rust's f64, reproduced bit for bit:
 * statrs's quantile (Hyndman–Fan type 8, h = (n + 1/3)·p + 1/3, clamped to min/max at the ends) and
 * `f64::mul_add` (one rounding), so fences — and therefore which cases sit on them — match exactly.
 */

/** Sorts ascending; NaN (only from a 0/0 ratio) goes last. */
export function sortedOf(values: Iterable<number>): Float64Array {
  // Float64Array.prototype.sort orders numerically and puts NaN last.
  return Float64Array.from(values).sort();
}

/** statrs `Data::quantile(tau)` on already sorted data. */
export function quantile(sorted: Float64Array, tau: number): number {
  const n = sorted.length;
  if (tau < 0 || tau > 1 || n === 0) return Number.NaN;
  const h = (n + 1 / 3) * tau + 1 / 3;
  const hf = Math.trunc(h);
  if (hf <= 0 || tau === 0) return sorted[0]!;
  if (hf >= n || tau === 1) return sorted[n - 1]!;
  const a = sorted[hf - 1]!;
  const b = sorted[hf]!;
  return a + (h - hf) * (b - a);
}

/** statrs `lower_quartile`, `upper_quartile`. */
export function quartiles(values: Iterable<number>): { q1: number; q3: number } {
  const sorted = sortedOf(values);
  return { q1: quantile(sorted, 0.25), q3: quantile(sorted, 0.75) };
}

/** statrs `percentile(p)` for an integer p. */
export function percentile(values: Iterable<number>, p: number): number {
  return quantile(sortedOf(values), p / 100);
}

const view = new DataView(new ArrayBuffer(8));

/** x = m · 2^e exactly, with m an integer. */
function decompose(x: number): [bigint, number] {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e = -1074;
  if (biased !== 0) {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  return [x < 0 ? -m : m, e];
}

/** x · 2^e without intermediate overflow or underflow of the power. */
function ldexp(x: number, e: number): number {
  let r = x;
  let k = e;
  while (k > 1000) {
    r *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    r *= 2 ** -1000;
    k += 1000;
  }
  return r * 2 ** k;
}

/** The double nearest to m · 2^e (ties to even). */
function roundToDouble(m: bigint, e: number): number {
  const neg = m < 0n;
  let a = neg ? -m : m;
  const bits = a.toString(2).length;
  let exp = e;
  if (bits > 53) {
    const shift = bits - 53;
    const rem = a & ((1n << BigInt(shift)) - 1n);
    const half = 1n << BigInt(shift - 1);
    a >>= BigInt(shift);
    if (rem > half || (rem === half && (a & 1n) === 1n)) a += 1n;
    exp += shift;
  }
  const r = ldexp(Number(a), exp);
  return neg ? -r : r;
}

/** Rust's `a.mul_add(b, c)`: a·b + c rounded once. */
export function mulAdd(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || a === 0 || b === 0) return a * b + c;
  if (c === 0) return a * b;
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const [mc, ec] = decompose(c);
  const ep = ea + eb;
  const e = Math.min(ep, ec);
  const sum = ((ma * mb) << BigInt(ep - e)) + (mc << BigInt(ec - e));
  return sum === 0n ? 0 : roundToDouble(sum, e);
}
