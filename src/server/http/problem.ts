import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type FieldError } from '../errors.js';

/** The one table mapping error codes to HTTP status. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_failed: 422,
  not_found: 404,
  unauthenticated: 401,
  forbidden: 403,
  conflict: 409,
  invalid_state: 409,
  invalid_reference: 422,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_file: 422,
  unsupported_media_type: 415,
  unavailable: 503,
  internal: 500,
};

const TITLES: Record<ErrorCode, string> = {
  validation_failed: '请求参数有误 Validation failed',
  not_found: '资源不存在 Not found',
  unauthenticated: '请先登录 Authentication required',
  forbidden: '无权执行此操作 Forbidden',
  conflict: '与现有数据冲突 Conflict',
  invalid_state: '当前状态不允许此操作 Invalid state',
  invalid_reference: '引用的数据不存在 Invalid reference',
  rate_limited: '请求过于频繁 Too many requests',
  payload_too_large: '请求内容过大 Payload too large',
  unsupported_file: '无法读取文件 Unsupported file',
  unsupported_media_type: '不支持的文件类型 Unsupported media type',
  unavailable: '服务暂不可用 Service unavailable',
  internal: '服务器内部错误 Internal error',
};

/** Translate PostgreSQL driver errors into application errors (the one place that knows SQLSTATEs). */
function fromDriver(err: unknown): AppError | undefined {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) {
    return undefined;
  }
  switch (code) {
    case '23505':
      return new AppError('conflict', (err as Error).message, { userMessage: '记录已存在' });
    case '23503':
      return new AppError('invalid_reference', (err as Error).message, { userMessage: '引用的记录不存在' });
    case '22P02':
    case '22003':
    case '22021': // a byte sequence PostgreSQL text cannot hold (NUL)
    case '23514':
      return new AppError('validation_failed', (err as Error).message, { userMessage: '数据格式或取值不合法' });
    case '57P01':
    case '57P03':
    case '08006':
    case '08001':
      return new AppError('unavailable', (err as Error).message);
    default:
      return undefined;
  }
}

function pointerToPath(pointer: string): string {
  return pointer.replace(/^\//, '').split('/').filter(Boolean).join('.');
}

/** Normalise anything thrown in a request into an AppError plus extra body members. */
export function toAppError(err: unknown): { error: AppError; extra?: Record<string, unknown> } {
  if (err instanceof AppError) {
    return { error: err, extra: err.extra };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext;
    const errors: FieldError[] = err.validation.map((v) => {
      const field = pointerToPath(v.instancePath);
      return { path: where && where !== 'body' ? `${where}.${field}`.replace(/\.$/, '') : field || where || '', message: v.message ?? 'invalid' };
    });
    const part = where === 'querystring' ? '查询参数' : where === 'params' ? '路径参数' : where === 'headers' ? '请求头' : '请求体';
    return { error: new AppError('validation_failed', `Invalid ${where ?? 'request'}`, { userMessage: `${part}有 ${errors.length} 处错误`, errors }) };
  }
  const driver = fromDriver(err);
  if (driver) {
    return { error: driver };
  }
  const fe = err as FastifyError;
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode < 500 && !isResponseSerializationError(err)) {
    const code: ErrorCode =
      fe.statusCode === 413 ? 'payload_too_large'
      : fe.statusCode === 404 ? 'not_found'
      : fe.statusCode === 429 ? 'rate_limited'
      : fe.statusCode === 401 ? 'unauthenticated'
      : fe.statusCode === 415 ? 'unsupported_media_type'
      : 'validation_failed';
    // JSON parse errors and the like: the message names the problem, not a field.
    return { error: new AppError(code, fe.message, { userMessage: fe.message, errors: code === 'validation_failed' ? [{ path: 'body', message: fe.message }] : undefined }) };
  }
  if (isMalformedMultipart(err)) {
    // The multipart parser (busboy) throws plain errors for a body it cannot split: no boundary, cut off.
    return { error: new AppError('validation_failed', err.message, { userMessage: '上传内容不是有效的 multipart/form-data', errors: [{ path: 'file', message: err.message }] }) };
  }
  return { error: new AppError('internal', 'Internal error', { cause: err }) };
}

/** Errors of @fastify/busboy on a malformed multipart body (found by test/authz/fuzz.test.ts). */
function isMalformedMultipart(err: unknown): err is Error {
  return err instanceof Error && /^Multipart: |^Boundary required$|unexpected end of multipart data/i.test(err.message);
}

/** Render an error as RFC 9457 problem+json; 5xx are logged (never echoed) with the request id. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, err: unknown, logger?: Logger): FastifyReply {
  const { error, extra } = toAppError(err);
  const status = STATUS_BY_CODE[error.code];
  if (status >= 500) {
    logger?.error({ err, requestId: request.id, method: request.method, url: request.url }, 'request failed');
  }
  const body: Record<string, unknown> = {
    type: `https://xieshou.local/problems/${error.code.replace(/_/g, '-')}`,
    title: TITLES[error.code],
    status,
    detail: status >= 500 ? '服务器内部错误，请稍后重试。' : (error.userMessage ?? error.message),
    code: error.code,
    requestId: request.id,
    ...(error.errors ? { errors: error.errors } : {}),
    ...extra,
  };
  return reply.code(status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(body));
}

/**
 * Install the error and not-found handlers. `serveShell`, when given, answers browser
 * navigations to client-side routes (GET, outside /api, accepting HTML) with the web app.
 */
export function registerProblemHandlers(app: FastifyInstance, logger: Logger | undefined, serveShell?: (reply: FastifyReply) => FastifyReply): void {
  app.setErrorHandler((err, request, reply) => sendProblem(request, reply, err, logger));
  app.setNotFoundHandler((request, reply) => {
    if (serveShell && request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html')) {
      return serveShell(reply);
    }
    return sendProblem(request, reply, new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}`, { userMessage: '接口不存在' }));
  });
}
