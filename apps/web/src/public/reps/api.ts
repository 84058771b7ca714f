/**
 * The rep pages' calls: the rep's own session cookie (same origin) and its CSRF token on every
 * change. Errors carry the server's field issues, already in the rep's language.
 */
import type { TBooking, TCheckCode, TRepInstitution, TRepSelf, TSlot, TVisit } from '@qinglian/contracts';
import { PublicError } from '../api.ts';

let csrf = '';
let language = 'zh-CN';
/** The language the server should answer in. */
export const setRepLanguage = (l: string) => {
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

async function call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new PublicError(0, 'network');
  }
  if (!res.ok) throw await toError(res);
  return (await res.json()) as T;
}

/** The signed-in rep (null when not signed in); remembers the CSRF token. */
export async function fetchMe(): Promise<TRepSelf | null> {
  try {
    const me = await call<TRepSelf>('GET', '/api/rep/me');
    csrf = me.csrfToken;
    return me;
  } catch (e) {
    if (e instanceof PublicError && e.status === 401) return null;
    throw e;
  }
}

export const regions = () => call<{ id: string; name: string }[]>('GET', '/api/rep/regions');
export const sendSms = (phone: string) => call<{ ok: true }>('POST', '/api/rep/auth/sms', { phone });
export const signUp = (body: { regionId: string; phone: string; password: string; smsCode: string }) => call<{ ok: true }>('POST', '/api/rep/auth/signup', body);
export const signIn = (phone: string, password: string) => call<{ ok: true }>('POST', '/api/rep/auth/login', { phone, password });
export const signOut = () => call<{ ok: true }>('POST', '/api/rep/auth/logout');
export const saveProfile = (body: object) => call<TRepSelf>('PUT', '/api/rep/profile', body);
export const signPledge = () => call<TRepSelf>('POST', '/api/rep/pledge', { accept: true });
export const submitRegistration = () => call<TRepSelf>('POST', '/api/rep/submit');
export const institutions = () => call<TRepInstitution[]>('GET', '/api/rep/institutions');
export const apply = (institutionId: string) => call<TRepSelf>('POST', '/api/rep/applications', { institutionId });
export const slots = (institutionId: string, from: string, to: string) =>
  call<{ items: TSlot[] }>('GET', `/api/rep/slots?institutionId=${institutionId}&from=${from}&to=${to}`);
export const bookings = () => call<{ items: TBooking[] }>('GET', '/api/rep/bookings?pageSize=50&order=desc');
export const book = (body: object) => call<TBooking>('POST', '/api/rep/bookings', body);
export const cancelBooking = (id: string) => call<{ ok: true }>('POST', `/api/rep/bookings/${id}/cancel`);
export const checkCode = (id: string) => call<TCheckCode>('POST', `/api/rep/bookings/${id}/code`);
export const visits = () => call<{ items: TVisit[] }>('GET', '/api/rep/visits');

/** Uploads one document: `kind` goes before the file, as the server reads the form in order. */
export function upload(kind: 'photo' | 'letter' | 'licence', file: File) {
  const fd = new FormData();
  fd.append('kind', kind);
  fd.append('file', file, file.name || kind);
  return call<TRepSelf>('POST', '/api/rep/uploads', fd);
}
