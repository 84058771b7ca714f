/**
 * Content-addressed file storage under `<dataDir>/files/ab/abcdef…`: the same bytes are stored once,
 * and a file is written and fsynced before the row that names it commits, so an answered upload
 * survives a crash.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from './crypto.ts';

const blobPath = (dataDir: string, hash: string) => path.join(dataDir, 'files', hash.slice(0, 2), hash);

/** Stores the bytes durably and returns their sha256. */
export async function putBlob(dataDir: string, data: Buffer): Promise<string> {
  const hash = sha256(data);
  const file = blobPath(dataDir, hash);
  try {
    await fs.access(file);
    return hash;
  } catch {}
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  const fh = await fs.open(tmp, 'wx');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.rename(tmp, file);
  return hash;
}

/** Reads stored bytes by hash. */
export const getBlob = (dataDir: string, hash: string) => fs.readFile(blobPath(dataDir, hash));
