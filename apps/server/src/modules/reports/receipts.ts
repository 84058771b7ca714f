/**
 * Receipts: the reporter's only way back in. A receipt is derived from the submission's idempotency
 * key with a server-side HMAC key, so a retried submission gets the same receipt back without the
 * receipt ever being stored; the database keeps only a keyed hash of it (160 bits of entropy, so a
 * stolen database cannot be searched for receipts, and lookup is one indexed equality).
 */
import crypto from 'node:crypto';
import type { Keyring } from '../../platform/crypto.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** 32 characters in groups of four: QL-XXXX-…; 160 bits. */
const format = (raw: string) => `QL-${raw.match(/.{4}/g)!.join('-')}`;

/** Normalises what a person types: case, spaces, dashes, and the letters Crockford maps (O→0, I/L→1). */
export function normaliseReceipt(input: string): string {
  return input
    .toUpperCase()
    .replace(/^QL/, '')
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** The receipt for a submission's idempotency key (same key → same receipt). */
export function receiptFor(keyring: Keyring, idempotencyKey: string): string {
  return format(base32(Buffer.from(keyring.hmac('receipt-derive', idempotencyKey), 'hex').subarray(0, 20)));
}

/** A fresh random receipt (for reports entered by staff, e.g. a letter whose writer may follow up). */
export const randomReceipt = () => format(base32(crypto.randomBytes(20)));

/** What the database stores and looks up. */
export const receiptHash = (keyring: Keyring, receipt: string) => keyring.hmac('receipt', normaliseReceipt(receipt));
export const idempotencyHash = (keyring: Keyring, key: string) => keyring.hmac('idempotency', key);
