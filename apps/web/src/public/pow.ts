/**
 * The browser side of the public forms' proof of work (see the server's reports/pow.ts): find a nonce
 * so that SHA-256 of `${challenge}:${nonce}` starts with `bits` zero bits. Nonces are tried in the
 * same order as the server's reference solver (0, 1, 2… in base 36). WebCrypto needs a secure
 * context (HTTPS); a hospital that serves the pages over plain HTTP still works with the small
 * SHA-256 below.
 */

/** Counts the leading zero bits of a digest. */
export function leadingZeroBits(d: Uint8Array): number {
  let n = 0;
  for (const byte of d) {
    if (byte === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}

const K = Uint32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const ror = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** SHA-256 in plain JavaScript (only used where WebCrypto is missing). */
export function sha256(data: Uint8Array): Uint8Array {
  const len = data.length;
  const size = ((len + 9 + 63) >> 6) << 6;
  const buf = new Uint8Array(size);
  buf.set(data);
  buf[len] = 0x80;
  const view = new DataView(buf.buffer);
  view.setUint32(size - 8, Math.floor(len / 0x20000000));
  view.setUint32(size - 4, (len * 8) >>> 0);
  const h = Uint32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  for (let off = 0; off < size; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      w[i] = (w[i - 16]! + (ror(a, 7) ^ ror(a, 18) ^ (a >>> 3)) + w[i - 7]! + (ror(b, 17) ^ ror(b, 19) ^ (b >>> 10))) | 0;
    }
    let [a, b, c, d, e, f, g, k] = h as unknown as number[];
    for (let i = 0; i < 64; i++) {
      const t1 = (k! + (ror(e!, 6) ^ ror(e!, 11) ^ ror(e!, 25)) + ((e! & f!) ^ (~e! & g!)) + K[i]! + w[i]!) | 0;
      const t2 = ((ror(a!, 2) ^ ror(a!, 13) ^ ror(a!, 22)) + ((a! & b!) ^ (a! & c!) ^ (b! & c!))) | 0;
      k = g;
      g = f;
      f = e;
      e = (d! + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    const add = [a, b, c, d, e, f, g, k];
    for (let i = 0; i < 8; i++) h[i] = h[i]! + add[i]!;
  }
  const out = new Uint8Array(32);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) ov.setUint32(i * 4, h[i]!);
  return out;
}

const BATCH = 256;

/** Finds the nonce; yields to the page between batches so the "submitting" state keeps painting. */
export async function solvePow(challenge: string, bits: number): Promise<string> {
  const enc = new TextEncoder();
  const subtle = globalThis.crypto?.subtle;
  for (let base = 0; ; base += BATCH) {
    const nonces = Array.from({ length: BATCH }, (_, j) => (base + j).toString(36));
    const inputs = nonces.map((n) => enc.encode(`${challenge}:${n}`));
    const digests = subtle
      ? (await Promise.all(inputs.map((i) => subtle.digest('SHA-256', i)))).map((d) => new Uint8Array(d))
      : inputs.map(sha256);
    const hit = digests.findIndex((d) => leadingZeroBits(d) >= bits);
    if (hit >= 0) return nonces[hit]!;
    if (!subtle) await new Promise((r) => setTimeout(r, 0));
  }
}
