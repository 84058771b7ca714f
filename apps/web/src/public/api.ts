/**
 * The phone pages' calls. No cookies go out (`credentials: 'omit'`): a reporter on a phone that is also
 * signed in to the console stays unlinked from the report; the language travels as Accept-Language.
 */
import type { TPublicCode, TPublicStatus } from '@qinglian/contracts';
import { solvePow } from './pow.ts';

/** A refused or failed call; `status` 0 means the network failed (the request may or may not have arrived). */
export class PublicError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: { field: string; reason?: string; message: string }[] = [],
  ) {
    super(message);
  }
  /** True when the server named this field (or a part of it). */
  about(field: string): boolean {
    return this.fields.some((f) => f.field === field || f.field.startsWith(`${field}.`));
  }
}

let language = 'zh-CN';
/** The language the server should answer in. */
export const setApiLanguage = (l: string) => {
  language = l;
};

async function toError(res: Response): Promise<PublicError> {
  try {
    const j = (await res.json()) as { error?: { message: string; details?: { issues?: { field: string; reason?: string; message: string }[] } } };
    return new PublicError(res.status, j.error?.message ?? String(res.status), j.error?.details?.issues ?? []);
  } catch {
    return new PublicError(res.status, String(res.status));
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', cache: 'no-store' });
  } catch {
    throw new PublicError(0, 'network');
  }
  if (!res.ok) throw await toError(res);
  return (await res.json()) as T;
}

/** What a scanned code shows. */
export const fetchCode = (token: string) => call<TPublicCode>('GET', `/api/public/codes/${encodeURIComponent(token)}`);

/**
 * Submits a form with a freshly solved proof of work. A challenge can expire or be refused; then a
 * new one is fetched and the submission tried once more (same idempotency key, so never twice).
 */
export async function submitWithPow<T>(path: string, body: Record<string, unknown>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const ch = await call<{ challenge: string; bits: number }>('POST', '/api/public/pow');
    const nonce = await solvePow(ch.challenge, ch.bits);
    try {
      return await call<T>('POST', path, { ...body, pow: { challenge: ch.challenge, nonce } });
    } catch (e) {
      if (attempt === 0 && e instanceof PublicError && e.status === 400 && e.about('pow')) continue;
      throw e;
    }
  }
}

/** The reporter's view of a report. */
export const fetchStatus = (receipt: string) => call<TPublicStatus>('POST', '/api/public/reports/status', { receipt });

/** The reporter answers or adds material. */
export const sendReply = (receipt: string, text: string, photos: string[]) => call<{ ok: true }>('POST', '/api/public/reports/reply', { receipt, text, photos });

export interface Uploaded {
  id: string;
  mime: string;
  size: number;
}

/**
 * Uploads one photo with progress (fetch cannot report upload progress). `where` is the scanned code
 * (a new report) or the receipt (a reply); it goes before the file, as the server reads in order.
 */
export function uploadPhoto(file: File, where: { code: string } | { receipt: string }, onProgress: (pct: number) => void): { promise: Promise<Uploaded>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<Uploaded>((resolve, reject) => {
    const fd = new FormData();
    if ('code' in where) fd.append('code', where.code);
    else fd.append('receipt', where.receipt);
    fd.append('file', file, file.name || 'photo.jpg');
    xhr.open('POST', '/api/public/uploads');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', language);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)));
    xhr.onload = () => {
      let body: { error?: { message?: string } } & Partial<Uploaded> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON (a proxy's error page): reported by status below
      }
      if (xhr.status === 201 && body.id) {
        onProgress(100);
        resolve(body as Uploaded);
      } else reject(new PublicError(xhr.status, body.error?.message ?? String(xhr.status)));
    };
    xhr.onerror = () => reject(new PublicError(0, 'network'));
    xhr.onabort = () => reject(new PublicError(-1, 'aborted'));
    xhr.send(fd);
  });
  return { promise, abort: () => xhr.abort() };
}
