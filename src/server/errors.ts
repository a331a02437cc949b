/**
 * The closed set of error codes. Services throw {@link AppError} with one of these; the HTTP
 * layer maps each to a status in one table (`http/problem.ts`).
 */
export type ErrorCode =
  /** The input failed validation; `details.errors` lists each field. */
  | 'validation_failed'
  /** The resource does not exist, or lies outside the caller's scope. */
  | 'not_found'
  /** No valid session or token. */
  | 'unauthenticated'
  /** Authenticated, but the role may not do this at all (never used for scope: that is not_found). */
  | 'forbidden'
  /** A unique key is taken (e.g. the USCC of an existing enterprise). */
  | 'conflict'
  /** The action is not allowed in the resource's current state. */
  | 'invalid_state'
  /** A referenced row (region, industry, organisation) does not exist. */
  | 'invalid_reference'
  /** Too many attempts; retry later. */
  | 'rate_limited'
  /** The request body or upload is larger than allowed. */
  | 'payload_too_large'
  /** The uploaded file is not a readable spreadsheet. */
  | 'unsupported_file'
  /** An attachment of a type the platform does not accept (or whose bytes do not match its name). */
  | 'unsupported_media_type'
  /** The service is not ready (database down, still starting). */
  | 'unavailable'
  /** Anything unexpected; logged, never echoed. */
  | 'internal';

/** One field-level problem, `path` in dotted or JSON-pointer-like form (e.g. `uscc`, `rows.3.regionCode`). */
export interface FieldError {
  path: string;
  message: string;
}

/** The single application error class. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage?: string;
  readonly errors?: FieldError[];
  /** Extra members of the problem body (e.g. an import `report`). */
  readonly extra?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { userMessage?: string; errors?: FieldError[]; extra?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = options.userMessage;
    this.errors = options.errors;
    this.extra = options.extra;
  }
}

/** Shorthand for a `not_found` error. */
export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} not found`, { userMessage: `${what} 不存在` });
}

/** Shorthand for a `validation_failed` error on one or more fields. */
export function invalid(errors: FieldError[], message = 'Validation failed'): AppError {
  return new AppError('validation_failed', message, { errors });
}
