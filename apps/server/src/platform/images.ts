/**
 * Photos from phones carry GPS positions and device details in their metadata. Reports must not leak
 * where or on what device the reporter took them, so every public photo is cleaned: JPEG APPn
 * segments other than JFIF and the colour profile are dropped, PNG text and EXIF chunks are dropped,
 * and HEIC (iPhone) is decoded and re-encoded as JPEG, which carries none of the original metadata.
 */
import convert from 'heic-convert';

/** Removes metadata from JPEG and PNG; converts HEIC/HEIF to a clean JPEG. Returns the bytes and their type. */
export async function cleanImage(data: Buffer, mime: string): Promise<{ data: Buffer; mime: string }> {
  if (mime === 'image/jpeg') return { data: stripJpeg(data), mime };
  if (mime === 'image/png') return { data: stripPng(data), mime };
  if (mime === 'image/heic' || mime === 'image/heif') {
    const out = await convert({ buffer: data, format: 'JPEG', quality: 0.85 });
    return { data: stripJpeg(Buffer.from(out)), mime: 'image/jpeg' };
  }
  throw new Error(`not an image type: ${mime}`);
}

/** Keeps SOI, APP0 (JFIF), APP2 (ICC profile) and everything from the first non-APP marker on. */
export function stripJpeg(data: Buffer): Buffer {
  if (data[0] !== 0xff || data[1] !== 0xd8) return data;
  const parts: Buffer[] = [data.subarray(0, 2)];
  let i = 2;
  while (i + 4 <= data.length && data[i] === 0xff) {
    const marker = data[i + 1]!;
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const isComment = marker === 0xfe;
    if (!isApp && !isComment) break;
    const len = data.readUInt16BE(i + 2);
    if (marker === 0xe0 || marker === 0xe2) parts.push(data.subarray(i, i + 2 + len));
    i += 2 + len;
  }
  parts.push(data.subarray(i));
  return Buffer.concat(parts);
}

const PNG_DROP = new Set(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME']);

/** Drops PNG text, EXIF and time chunks; image data and colour chunks are kept. */
export function stripPng(data: Buffer): Buffer {
  const sig = data.subarray(0, 8);
  const parts: Buffer[] = [sig];
  let i = 8;
  while (i + 12 <= data.length) {
    const len = data.readUInt32BE(i);
    const type = data.toString('latin1', i + 4, i + 8);
    const end = i + 12 + len;
    if (!PNG_DROP.has(type)) parts.push(data.subarray(i, end));
    i = end;
    if (type === 'IEND') break;
  }
  return Buffer.concat(parts);
}
