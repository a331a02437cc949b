import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { PASSWORD_MAX, PASSWORD_MIN, type ResetPasswordBody, type UserView } from '../../contracts/auth';
import { useT } from '../i18n';
import { submitForm, type FieldError, type FormFields } from '../lib/problem';
import { useResetUserPassword } from '../queries/users';
import { ProblemAlert } from './ProblemAlert';

const FIELDS: FormFields = { controls: ['password'] };

/** A platform admin sets a new password for `user`; every session of the user ends. */
export function ResetPasswordModal({ user, onClose }: { user: UserView | undefined; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetPasswordBody>();
  const reset = useResetUserPassword();
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);

  const submit = () =>
    submitForm(form, FIELDS, setUnmatched, async (values) => {
      if (!user) return;
      const result = await reset.mutateAsync({ userId: user.id, body: values });
      void message.success(t('users.passwordReset', { name: user.username, n: result.revoked }));
      onClose();
    });

  return (
    <Modal
      open={user !== undefined}
      title={t('users.resetPasswordTitle', { name: user?.username ?? '' })}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      okButtonProps={{ danger: true, 'data-testid': 'reset-password-submit' }}
      destroyOnHidden
      afterClose={() => {
        reset.reset();
        setUnmatched([]);
      }}
    >
      <p className="muted">{t('users.resetPasswordHint')}</p>
      {reset.error ? <ProblemAlert error={reset.error} fieldErrors={unmatched} /> : null}
      <Form<ResetPasswordBody> form={form} layout="vertical" data-testid="reset-password-form">
        <Form.Item name="password" label={t('users.newPassword')} extra={t('users.passwordHint')} rules={[{ required: true, message: t('common.required', { field: t('users.newPassword') }) }, { min: PASSWORD_MIN, max: PASSWORD_MAX }]}>
          <Input.Password autoComplete="new-password" maxLength={PASSWORD_MAX} data-testid="reset-password-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
