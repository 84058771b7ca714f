/** RFC 3339 timestamps as chrono's `DateTime::parse_from_rfc3339` reads them, and chrono's whole-day difference. */

/** Two ASCII digits at i as a number, or -1. */
function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** An instant as whole seconds since the epoch plus nanoseconds (0 ≤ nanos < 2·10⁹; a leap second adds 10⁹). */
export interface Instant {
  secs: number;
  nanos: number;
}

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Parses an RFC 3339 date-time with offset (YYYY-MM-DD, then T, t or space, HH:MM:SS, optional
 * fraction, then Z, z or ±HH:MM); null when chrono would reject it. Hand-written: it runs per bid.
 */
export function parseRfc3339(s: string): Instant | null {
  if (s.length < 20 || s[4] !== '-' || s[7] !== '-' || s[13] !== ':' || s[16] !== ':') return null;
  const sepChar = s[10];
  if (sepChar !== 'T' && sepChar !== 't' && sepChar !== ' ') return null;
  const c1 = d2(s, 0);
  const c2 = d2(s, 2);
  const mo = d2(s, 5);
  const d = d2(s, 8);
  const h = d2(s, 11);
  const mi = d2(s, 14);
  const sec = d2(s, 17);
  if (c1 < 0 || c2 < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60) return null;
  const y = c1 * 100 + c2;
  if (d > (mo === 2 && isLeap(y) ? 29 : MONTH_DAYS[mo - 1]!)) return null;
  let i = 19;
  let nanos = 0;
  if (s[i] === '.') {
    i++;
    const from = i;
    let scale = 100_000_000;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
      nanos += (s.charCodeAt(i) - 48) * scale; // digits past nanoseconds are dropped, as chrono does
      scale = Math.floor(scale / 10);
      i++;
    }
    if (i === from) return null;
  }
  let offset = 0;
  const z = s[i];
  if ((z === 'Z' || z === 'z') && i + 1 === s.length) offset = 0;
  else if ((z === '+' || z === '-') && i + 6 === s.length && s[i + 3] === ':') {
    const oh = d2(s, i + 1);
    const om = d2(s, i + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return null;
    offset = (z === '-' ? -1 : 1) * (oh * 3600 + om * 60);
  } else return null;
  let s2 = sec;
  if (sec === 60) {
    // chrono represents a leap second as second 59 with nanoseconds past one billion.
    s2 = 59;
    nanos += 1e9;
  }
  return { secs: daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s2 - offset, nanos };
}

/** chrono's `(end - start).num_days()`: whole days, truncated toward zero. */
export function wholeDaysBetween(start: Instant, end: Instant): number {
  let secs = end.secs - start.secs;
  let nanos = end.nanos - start.nanos;
  while (nanos < 0) {
    secs -= 1;
    nanos += 1e9;
  }
  while (nanos >= 1e9) {
    secs += 1;
    nanos -= 1e9;
  }
  const wholeSecs = secs < 0 && nanos > 0 ? secs + 1 : secs;
  return Math.trunc(wholeSecs / 86400);
}
