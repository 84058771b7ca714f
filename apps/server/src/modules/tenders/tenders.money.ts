/** Money as integer fen (BigInt) and exact decimal strings: OCDS amounts arrive as JSON numbers, sums never use floats. */

/** An OCDS amount (a JSON number, in yuan) as fen, rounded half away from zero; null when not finite. */
export function toFen(n: number): bigint | null {
  if (!Number.isFinite(n)) return null;
  // Fast path: amounts with at most two decimals (nearly all) are whole fen to within float error;
  // anything else (a third decimal, a huge amount) takes the exact decimal route below.
  const scaled = n * 100;
  const whole = Math.round(scaled);
  if (Math.abs(n) < 1e9 && Math.abs(scaled - whole) < 1e-7) return BigInt(whole);
  // The shortest decimal that reads back as n: exactly what the file said, e.g. 1234.56 → "1234.56".
  const [mantissa, expText] = String(Math.abs(n)).split('e') as [string, string | undefined];
  const [int, frac = ''] = mantissa.split('.') as [string, string | undefined];
  let digits = int + frac;
  let point = int.length + (expText ? Number(expText) : 0);
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const rest = digits.slice(point);
  let fen = BigInt(digits.slice(0, point) || '0') * 100n + BigInt(`${rest}00`.slice(0, 2));
  if ((rest[2] ?? '0') >= '5') fen += 1n;
  return n < 0 ? -fen : fen;
}

/** Fen as a decimal string in yuan: 12345n → "123.45". */
export function fenToDecimal(fen: bigint): string {
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

/** A decimal yuan string as fen: "123.45" → 12345n. */
export function decimalToFen(s: string): bigint {
  const neg = s.startsWith('-');
  const [int, frac = ''] = (neg ? s.slice(1) : s).split('.') as [string, string | undefined];
  const fen = BigInt(int || '0') * 100n + BigInt(`${frac}00`.slice(0, 2));
  return neg ? -fen : fen;
}

/** Fen as yuan for people: 123456789n → "1,234,567.89". */
export function fenToYuanText(fen: bigint): string {
  const [int, frac] = fenToDecimal(fen).split('.') as [string, string];
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** part / whole as a percentage with one decimal, computed exactly ("62.5"). */
export function percentText(part: bigint, whole: bigint): string {
  if (whole === 0n) return '0.0';
  const tenths = (part * 2000n + whole) / (2n * whole); // rounded half up
  return `${tenths / 10n}.${tenths % 10n}`;
}
