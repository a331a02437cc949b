import type { FormInstance } from 'antd';
import { ApiError } from '../api';
import type { Translate } from '../i18n';

/** A field error as the server reports it. */
export interface FieldError {
  path: string;
  message: string;
}

/** Form field path of a problem path: `body.products.0`, `/products/0` and `products[0]` all become `['products', 0]`. */
export function toNamePath(path: string): (string | number)[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter((part) => part !== '' && part !== 'body' && part !== 'query')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** A one-line message for any error: the problem's detail, else its title, else a generic text. */
export function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.code === 'network') {
      return t('common.networkError');
    }
    return error.problem.detail ?? error.problem.title;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Puts each field error of a problem on the matching form field.
 * Returns the errors that match no field (to show in an alert).
 */
export function applyProblemToForm(form: FormInstance, error: unknown, fieldNames: readonly string[]): FieldError[] {
  if (!(error instanceof ApiError)) {
    return [];
  }
  const unmatched: FieldError[] = [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const fieldError of error.fieldErrors) {
    const name = toNamePath(fieldError.path);
    const top = name[0];
    if (typeof top !== 'string' || !fieldNames.includes(top)) {
      unmatched.push(fieldError);
      continue;
    }
    // Errors inside a list (e.g. `products.3`) are shown on the list field itself when it is a single control.
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(fieldError.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return unmatched;
}
