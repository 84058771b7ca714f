/** A signed-in API client on the Node side, for facts a spec needs that a user's screen must not show. */

/** Calls the console's API as one demo user (session cookie and CSRF token included). */
export class ApiClient {
  private constructor(
    private readonly baseURL: string,
    private readonly cookie: string,
    private readonly csrf: string,
  ) {}

  /** Signs in with username and password. */
  static async login(baseURL: string, username: string, password = 'qinglian-demo'): Promise<ApiClient> {
    const res = await fetch(`${baseURL}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
    const me = (await res.json()) as { csrfToken: string };
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return new ApiClient(baseURL, cookie, me.csrfToken);
  }

  /** The session cookie header (to put the same session into a browser context if needed). */
  get cookieHeader(): string {
    return this.cookie;
  }

  /** Sends a request and returns status and parsed JSON body. */
  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { cookie: this.cookie, accept: 'application/json' };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.baseURL + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** GET that must succeed. */
  async get<T = unknown>(path: string): Promise<T> {
    const r = await this.call<T>('GET', path);
    if (r.status !== 200) throw new Error(`GET ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
}
