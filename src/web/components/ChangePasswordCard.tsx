import { App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { PASSWORD_MAX, PASSWORD_MIN, type ChangePasswordBody } from '../../contracts/auth';
import { useT } from '../i18n';
import { submitForm, type FieldError, type FormFields } from '../lib/problem';
import { useChangeOwnPassword } from '../queries/users';
import { ProblemAlert } from './ProblemAlert';

const FIELDS: FormFields = { controls: ['currentPassword', 'newPassword'] };

type ChangePasswordForm = ChangePasswordBody & { confirmPassword: string };

/** 修改密码 on the account page: this device stays signed in, the others are signed out. */
export function ChangePasswordCard() {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangePasswordForm>();
  const change = useChangeOwnPassword();
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });

  const submit = () =>
    submitForm(form, FIELDS, setUnmatched, async ({ currentPassword, newPassword }) => {
      setUnmatched([]);
      const result = await change.mutateAsync({ currentPassword, newPassword });
      void message.success(t('account.passwordChanged', { n: result.revoked }));
    });

  return (
    <Card size="small" title={t('account.changePassword')} style={{ marginBottom: 16 }}>
      <div className="muted" style={{ marginBottom: 12 }}>{t('account.changePasswordHint')}</div>
      {change.error ? <ProblemAlert error={change.error} fieldErrors={unmatched} /> : null}
      <Form<ChangePasswordForm> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 420 }} data-testid="change-password-form">
        <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[required(t('account.currentPassword'))]}>
          <Input.Password autoComplete="current-password" maxLength={PASSWORD_MAX} data-testid="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('users.newPassword')} extra={t('users.passwordHint')} rules={[required(t('users.newPassword')), { min: PASSWORD_MIN, max: PASSWORD_MAX }]}>
          <Input.Password autoComplete="new-password" maxLength={PASSWORD_MAX} data-testid="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            required(t('account.confirmPassword')),
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('account.passwordMismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={PASSWORD_MAX} data-testid="confirm-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="change-password-submit">
          {t('account.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
