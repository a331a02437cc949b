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

/** The fields of a form: single controls, and `Form.List`s whose rows have their own inputs. */
export interface FormFields {
  controls: readonly string[];
  lists?: readonly string[];
}

/**
 * Puts each field error of a problem on the matching form field.
 * Returns the errors that match no field (to show in an alert).
 */
export function applyProblemToForm(form: FormInstance, error: unknown, fields: FormFields): FieldError[] {
  if (!(error instanceof ApiError)) {
    return [];
  }
  const unmatched: FieldError[] = [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const fieldError of error.fieldErrors) {
    const path = toNamePath(fieldError.path);
    const top = path[0];
    const isList = typeof top === 'string' && (fields.lists ?? []).includes(top);
    if (typeof top !== 'string' || !(isList || fields.controls.includes(top))) {
      unmatched.push(fieldError);
      continue;
    }
    // A list row's input has its own path (`certifications.0.expiresOn`); a single control such as the
    // products tag input takes the errors of its items (`products.3`) itself.
    const name = isList ? path : [top];
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(fieldError.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return unmatched;
}

/**
 * Submit a form: validate it, run `action` with its values, then reset it. A problem from the
 * server puts its field errors on the form's fields and hands the rest to `onUnmatched` (to show
 * in an alert); a failed local validation just leaves the form's own messages showing.
 */
export async function submitForm<T>(form: FormInstance<T>, fields: FormFields, onUnmatched: (errors: FieldError[]) => void, action: (values: T) => Promise<void>): Promise<void> {
  const values = await form.validateFields();
  try {
    await action(values);
    form.resetFields();
  } catch (error) {
    onUnmatched(applyProblemToForm(form, error, fields));
  }
}
