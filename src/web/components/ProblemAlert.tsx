import { Alert } from 'antd';
import { ApiError } from '../api';
import { useT } from '../i18n';
import { errorMessage, type FieldError } from '../lib/problem';

interface ProblemAlertProps {
  error: unknown;
  /** Field errors not shown on a form field; defaults to all of the problem's field errors. */
  fieldErrors?: FieldError[];
  title?: string;
}

/** Shows an API problem: its detail, the field errors and the request id (for support). */
export function ProblemAlert({ error, fieldErrors, title }: ProblemAlertProps) {
  const t = useT();
  if (!error) {
    return null;
  }
  const problem = error instanceof ApiError ? error.problem : undefined;
  const errors = fieldErrors ?? (error instanceof ApiError ? error.fieldErrors : []);
  const description = (
    <>
      {errors.length > 0 && (
        <ul className="problem-errors">
          {errors.map((fieldError) => (
            <li key={`${fieldError.path}:${fieldError.message}`}>
              {fieldError.path ? <code>{fieldError.path}</code> : null} {fieldError.message}
            </li>
          ))}
        </ul>
      )}
      {problem?.requestId ? (
        <div className="problem-request-id">
          {t('common.requestId')}: {problem.requestId}
        </div>
      ) : null}
    </>
  );
  return (
    <Alert
      type="error"
      showIcon
      data-testid="problem-alert"
      title={title ?? errorMessage(error, t)}
      description={title ? <>{errorMessage(error, t)}{description}</> : description}
    />
  );
}
