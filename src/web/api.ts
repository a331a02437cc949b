import type { Problem } from '../contracts/common';

/** Base path of the HTTP API (same origin; the session cookie rides along). */
export const API_BASE = '/api/v1';

/** A problem body as the client sees it: the contract shape plus endpoint-specific extras (e.g. an import `report`). */
export type ProblemBody = Problem & Record<string, unknown>;

/** Any failed API call. `problem` is the server's RFC 9457 body, or one synthesised for network/non-JSON failures. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemBody;

  constructor(problem: ProblemBody) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** Stable error code, e.g. `validation_failed`, `not_found`, `network`. */
  get code(): string {
    return this.problem.code;
  }

  /** Field errors `{path, message}` (empty when the server gave none). */
  get fieldErrors(): { path: string; message: string }[] {
    return this.problem.errors ?? [];
  }
}

/** Query values; `undefined`, `null` and `''` are left out. */
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** Builds `?a=1&b=2` from the defined values, or `''`. */
export function toQueryString(params: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Absolute API URL for links the browser follows itself (downloads). */
export function apiUrl(path: string, params?: QueryParams): string {
  return `${API_BASE}${path}${toQueryString(params)}`;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: QueryParams;
  /** JSON body, or FormData sent as multipart. */
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Calls the API and returns the parsed JSON (undefined for 204).
 * @throws ApiError for every non-2xx answer and for network failures.
 */
export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', query, body, signal } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }

  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), { method, headers, body: payload, signal, credentials: 'same-origin' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(networkProblem());
  }
  return readResponse<T>(response.status, response.headers.get('Content-Type'), await response.text());
}

/** Progress of an upload: bytes sent so far and in total. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Posts multipart form data with upload progress (fetch cannot report it).
 * @throws ApiError as `apiFetch` does.
 */
export function apiUpload<T>(
  path: string,
  options: { query?: QueryParams; form: FormData; onProgress?: (progress: UploadProgress) => void },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', apiUrl(path, options.query));
    request.withCredentials = true;
    request.setRequestHeader('Accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) {
        options.onProgress?.({ loaded: event.loaded, total: event.total });
      }
    };
    request.onerror = () => reject(new ApiError(networkProblem()));
    request.onload = () => {
      try {
        resolve(readResponse<T>(request.status, request.getResponseHeader('Content-Type'), request.responseText));
      } catch (error) {
        reject(error);
      }
    };
    request.send(options.form);
  });
}

function readResponse<T>(status: number, contentType: string | null, text: string): T {
  const isJson = (contentType ?? '').includes('json');
  const data: unknown = isJson && text ? JSON.parse(text) : undefined;
  if (status >= 200 && status < 300) {
    return data as T;
  }
  if (isProblem(data)) {
    throw new ApiError(data);
  }
  throw new ApiError({
    type: 'about:blank',
    title: `HTTP ${status}`,
    status,
    detail: text.slice(0, 200) || undefined,
    code: status === 401 ? 'unauthenticated' : 'http_error',
    requestId: '',
  });
}

function isProblem(data: unknown): data is ProblemBody {
  return typeof data === 'object' && data !== null && 'status' in data && 'title' in data;
}

function networkProblem(): ProblemBody {
  return { type: 'about:blank', title: 'Network error', status: 0, code: 'network', requestId: '' };
}

/** True when the error is an ApiError with the given HTTP status. */
export function isApiStatus(error: unknown, status: number): error is ApiError {
  return error instanceof ApiError && error.status === status;
}
