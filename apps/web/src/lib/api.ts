/**
 * The one way the console talks to the server: same-origin fetch with the session cookie, the CSRF
 * header on every state-changing call, and `{error:{code,message,details}}` bodies turned into ApiError.
 */
import type { TErrorCode } from '@qinglian/contracts';
import { currentDict } from './i18n/current.ts';

/** One problem with one submitted field (validation_failed, conflict). */
export interface FieldIssue {
  field: string;
  message: string;
}
/** One problem in an imported file. */
export interface RowIssue {
  row: number;
  column: string;
  message: string;
}

/** A failed API call; `message` is already in the user's language (the server localizes it). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: TErrorCode | 'network';
  readonly details: unknown;

  constructor(status: number, code: TErrorCode | 'network', message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Field issues of a validation or conflict error. */
  get issues(): FieldIssue[] {
    const d = this.details as { issues?: FieldIssue[] } | undefined;
    return Array.isArray(d?.issues) ? d.issues : [];
  }

  /** Row-by-row problems of a rejected import. */
  get rowErrors(): RowIssue[] {
    const d = this.details as { errors?: RowIssue[] } | undefined;
    return Array.isArray(d?.errors) ? d.errors : [];
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Remembers the session's CSRF token (from /api/auth/me or the login response). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The session's CSRF token, for the rare call that cannot go through `request` (uploads with progress). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Registers what happens when any call answers 401: the app forgets the user and shows the login page. */
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** `?a=1&b=x` from a record; empty, null and undefined values are left out. */
export function toQuery(query?: Query): string {
  if (!query) return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Login and the initial identity check handle 401 themselves. */
  skipAuthRedirect?: boolean;
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(path + toQuery(opts.query), { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', currentDict().common.networkError);
  }
  if (!res.ok) throw await toError(res, opts);
  return res;
}

async function toError(res: Response, opts: RequestOptions): Promise<ApiError> {
  let err: ApiError;
  try {
    const j = (await res.json()) as { error?: { code: TErrorCode; message: string; details?: unknown } };
    err = j.error
      ? new ApiError(res.status, j.error.code, j.error.message, j.error.details)
      : new ApiError(res.status, 'internal', currentDict().common.unexpected);
  } catch {
    err = new ApiError(res.status, res.status === 404 ? 'not_found' : 'internal', currentDict().common.unexpected);
  }
  if (res.status === 401 && !opts.skipAuthRedirect) onUnauthenticated?.();
  return err;
}

/** Calls the API and parses its JSON answer. */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    request<T>(path, { ...opts, method: 'POST', body }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  del: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
};

/** The file name from `content-disposition` (RFC 5987 `filename*=` first). */
function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
}

/**
 * Downloads a file through fetch rather than a plain link, so a refused export shows the server's
 * message instead of a JSON page.
 */
export async function download(path: string, query?: Query, fallbackName = 'download'): Promise<void> {
  const res = await send(path, { query });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Posts a form with a file through XMLHttpRequest, which (unlike fetch) reports upload progress:
 * `onProgress` gets 0..1 while the bytes go up. Errors are the same ApiError as every other call.
 */
export function upload<T>(path: string, form: FormData, onProgress?: (ratio: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', currentDict().common.networkError));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      const e = (body as { error?: { code: TErrorCode; message: string; details?: unknown } } | undefined)?.error;
      if (xhr.status === 401) onUnauthenticated?.();
      reject(e ? new ApiError(xhr.status, e.code, e.message, e.details) : new ApiError(xhr.status, 'internal', currentDict().common.unexpected));
    };
    xhr.send(form);
  });
}
