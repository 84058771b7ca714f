/**
 * A small proof of work for the public forms: the server hands out a signed, expiring challenge and
 * accepts a submission only with a nonce whose SHA-256 with the challenge starts with `bits` zero
 * bits. It costs a phone well under a second and a flood of scripted submissions real CPU, with no
 * outside service (no CAPTCHA provider sees the reporter). A challenge is accepted once.
 */
import crypto from 'node:crypto';
import type { Keyring } from '../../platform/crypto.ts';
import { invalid } from '../../platform/errors.ts';

const TTL_MS = 10 * 60_000;
const used = new Map<string, number>();

/** Issues a challenge: `<issuedAt>.<random>.<bits>.<mac>`. */
export function issueChallenge(keyring: Keyring, bits: number, now: number): { challenge: string; bits: number } {
  const body = `${now}.${crypto.randomBytes(12).toString('base64url')}.${bits}`;
  return { challenge: `${body}.${keyring.hmac('pow', body).slice(0, 32)}`, bits };
}

/** Counts leading zero bits of a digest. */
export function leadingZeroBits(digest: Buffer): number {
  let n = 0;
  for (const byte of digest) {
    if (byte === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}

/** Checks a solution; throws a 400 naming `pow` when it is forged, expired, reused or wrong. */
export function verifySolution(keyring: Keyring, sol: { challenge: string; nonce: string }, now: number): void {
  const parts = sol.challenge.split('.');
  if (parts.length !== 4) throw invalid('pow', 'pow_invalid');
  const [issued, rand, bitsStr, mac] = parts as [string, string, string, string];
  const body = `${issued}.${rand}.${bitsStr}`;
  if (keyring.hmac('pow', body).slice(0, 32) !== mac) throw invalid('pow', 'pow_invalid');
  if (now - Number(issued) > TTL_MS) throw invalid('pow', 'pow_expired');
  if (used.has(sol.challenge)) throw invalid('pow', 'pow_reused');
  const digest = crypto.createHash('sha256').update(`${sol.challenge}:${sol.nonce}`).digest();
  if (leadingZeroBits(digest) < Number(bitsStr)) throw invalid('pow', 'pow_invalid');
  used.set(sol.challenge, now);
  if (used.size > 50_000) for (const [k, t] of used) if (now - t > TTL_MS) used.delete(k);
}

/** Solves a challenge (used by tests, the benchmark and as the reference for the phone page's solver). */
export function solve(challenge: string, bits: number): string {
  for (let i = 0; ; i++) {
    const nonce = i.toString(36);
    if (leadingZeroBits(crypto.createHash('sha256').update(`${challenge}:${nonce}`).digest()) >= bits) return nonce;
  }
}
