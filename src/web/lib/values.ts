/** Keys whose value is empty: cleared inputs give `null`, `undefined` or `''`. */
type EmptyValue = null | undefined | '';

/** A copy without empty top-level values, so optional body fields are left out rather than sent as null. */
export function withoutEmpty<T extends object>(values: T): T {
  const entries = Object.entries(values).filter(([, value]) => !isEmpty(value));
  return Object.fromEntries(entries) as T;
}

/** `''` and `undefined` become `null` (for body fields that accept null). */
export function emptyToNull<T>(value: T | EmptyValue): T | null {
  return isEmpty(value) ? null : (value as T);
}

function isEmpty(value: unknown): value is EmptyValue {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}
