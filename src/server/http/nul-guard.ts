import type { FastifyInstance } from 'fastify';
import { invalid, type FieldError } from '../errors.js';

const NUL = '\u0000';
const MESSAGE = '不能包含空字符（U+0000） must not contain the NUL character';

function collect(value: unknown, path: string, errors: FieldError[], depth = 0): void {
  if (errors.length >= 20 || depth > 32) return;
  if (typeof value === 'string') {
    if (value.includes(NUL)) errors.push({ path, message: MESSAGE });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => collect(item, path ? `${path}.${i}` : String(i), errors, depth + 1));
    return;
  }
  if (value !== null && typeof value === 'object') {
    // for…in over own keys (no entries array): this runs on every request's params and query.
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const item = record[key];
      if (typeof item === 'string' && !key.includes(NUL)) {
        if (errors.length < 20 && item.includes(NUL)) errors.push({ path: path ? `${path}.${key}` : key, message: MESSAGE });
        continue; // the usual leaf: no path string built
      }
      const itemPath = path ? `${path}.${key}` : key;
      if (key.includes(NUL)) errors.push({ path: itemPath, message: MESSAGE });
      collect(item, itemPath, errors, depth + 1);
    }
  }
}

/**
 * PostgreSQL text cannot hold U+0000, so a NUL anywhere in a query parameter, path parameter or
 * JSON body would fail in the database as a 500. Refuse it before validation with a 422 naming
 * the field, in the same path style as schema errors (`querystring.q`, `params.id`, body fields
 * bare).
 */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const errors: FieldError[] = [];
    collect(request.query, 'querystring', errors);
    collect(request.params, 'params', errors);
    collect(request.body, '', errors);
    done(errors.length > 0 ? invalid(errors, 'NUL character in the request') : undefined);
  });
}
