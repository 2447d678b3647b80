/**
 * Server-side calls from SSR pages to the services, forwarding the visitor's cookie.
 * API_URL is the gateway locally and the HTTP API in AWS.
 */
export function apiBase(): string {
  return process.env.API_URL ?? "http://localhost:3000";
}

export async function api<T>(path: string, init: RequestInit & { cookie?: string | null } = {}): Promise<{ status: number; data: T }> {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  const res = await fetch(`${apiBase()}${path}`, { ...init, headers });
  const data = (await res.json().catch(() => ({}))) as T;
  return { status: res.status, data };
}
