/** argon2id password hashing (the library's default algorithm, OWASP parameters). */
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (stored: string, password: string) => verify(stored, password).catch(() => false);

let dummy: Promise<string> | null = null;
/** Spends the same time as a real check, so a response does not reveal whether a username exists. */
export async function verifyDummy(password: string): Promise<void> {
  dummy ??= hashPassword('qinglian-timing-equaliser');
  await verifyPassword(await dummy, password);
}
