/**
 * Encryption of personal data at rest (AES-256-GCM) and keyed hashes. The key never lives in the
 * database: it comes from QINGLIAN_SECRET_KEY or from `secret.key` in the data directory (mode 600).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Keyring {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** HMAC-SHA256 keyed by a sub-key for `purpose`; hex. */
  hmac(purpose: string, value: string): string;
}

/** Loads the key from config or the data directory, creating it on first use. */
export function loadKeyring(secretKey: string | null, dataDir: string | null): Keyring {
  let master: Buffer;
  if (secretKey) {
    master = /^[0-9a-f]{64}$/i.test(secretKey) ? Buffer.from(secretKey, 'hex') : crypto.createHash('sha256').update(secretKey).digest();
  } else if (dataDir) {
    const file = path.join(dataDir, 'secret.key');
    fs.mkdirSync(dataDir, { recursive: true });
    if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    master = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  } else {
    master = crypto.randomBytes(32);
  }
  const sub = (purpose: string) => Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), purpose, 32));
  const encKey = sub('qinglian/encrypt/v1');
  const hmacKeys = new Map<string, Buffer>();
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return `v1.${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed) {
      const buf = Buffer.from(sealed.slice(3), 'base64');
      const d = crypto.createDecipheriv('aes-256-gcm', encKey, buf.subarray(0, 12));
      d.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
    },
    hmac(purpose, value) {
      let k = hmacKeys.get(purpose);
      if (!k) {
        k = sub(`qinglian/hmac/${purpose}`);
        hmacKeys.set(purpose, k);
      }
      return crypto.createHmac('sha256', k).update(value).digest('hex');
    },
  };
}

/** sha256 hex of a string or buffer. */
export const sha256 = (v: string | Buffer) => crypto.createHash('sha256').update(v).digest('hex');
/** A URL-safe random token of `bytes` bytes. */
export const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url');
