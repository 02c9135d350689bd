import type { z } from 'zod';
import { BridgeError } from '../../src-shared/bridge/contract.js';
import { httpError, networkError } from './errors.js';

export const UNREADABLE_SERVER_ANSWER =
  'The server sent an answer Tether could not read (it may run another version of Tether); nothing was applied.';

export interface JsonRequest<S extends z.ZodType> {
  baseUrl: string;
  path: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  token: string | null;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  timeoutMs: number;
  /** Every answer is checked against this before anyone sees it (invariant 5). */
  schema: S;
}

function buildUrl(baseUrl: string, path: string, query: JsonRequest<z.ZodType>['query']): URL {
  const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  // A server under a path prefix (https://host/tether) keeps its prefix.
  url.pathname = new URL(baseUrl).pathname.replace(/\/$/, '') + path;
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined) url.searchParams.set(key, String(value));
  return url;
}

async function readJson(response: Response): Promise<{ json: unknown; text: string }> {
  const text = await response.text();
  try {
    return { json: text ? (JSON.parse(text) as unknown) : null, text };
  } catch {
    return { json: undefined, text };
  }
}

/** One HTTP request: timeout, error mapping, JSON parse and schema check. */
export async function requestJson<S extends z.ZodType>(req: JsonRequest<S>): Promise<z.output<S>> {
  const url = buildUrl(req.baseUrl, req.path, req.query);
  let response: Response;
  let body: { json: unknown; text: string };
  try {
    response = await fetch(url, {
      method: req.method,
      headers: {
        accept: 'application/json',
        ...(req.token === null ? {} : { authorization: `Bearer ${req.token}` }),
        ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    body = await readJson(response);
  } catch (err) {
    throw networkError(err, req.baseUrl, req.timeoutMs);
  }
  if (!response.ok) throw httpError(response.status, body.json, response.headers.get('retry-after'));
  const parsed = req.schema.safeParse(body.json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.join('.') || 'body'}: ${first.message}` : 'unreadable';
    // The person reads what happened; the route and the field at fault go to main's log (dispatch.ts).
    const error = new BridgeError({ code: 'internal', message: UNREADABLE_SERVER_ANSWER, retryable: true });
    error.cause = `invalid answer to ${req.method} ${req.path} (${where})`;
    throw error;
  }
  return parsed.data;
}
