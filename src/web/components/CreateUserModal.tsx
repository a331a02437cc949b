import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { ORG_KINDS, PASSWORD_MAX, PASSWORD_MIN, ROLES, USERNAME_MAX, type CreateUserBody, type Role } from '../../contracts/auth';
import { orgKindKey, roleKey, useT } from '../i18n';
import { submitForm, type FieldError, type FormFields } from '../lib/problem';
import { withoutEmpty } from '../lib/values';
import { useCreateUser } from '../queries/users';
import { ProblemAlert } from './ProblemAlert';
import { RegionCascader } from './RegionCascader';

const FIELDS: FormFields = { controls: ['username', 'password', 'role', 'displayName', 'regionCode', 'orgUscc', 'orgKind'] };

/** Creates an account: a gov user needs a region, a member needs an organisation's USCC. */
export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateUserBody>();
  const role = Form.useWatch<Role | undefined>('role', form);
  const create = useCreateUser();
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });

  const submit = () =>
    submitForm(form, FIELDS, setUnmatched, async (values) => {
      await create.mutateAsync(withoutEmpty(values));
      message.success(t('common.created'));
      onClose();
    });

  return (
    <Modal
      open={open}
      title={t('users.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'user-submit' }}
      destroyOnHidden
      afterClose={() => {
        create.reset();
        setUnmatched([]);
      }}
    >
      {create.error ? <ProblemAlert error={create.error} fieldErrors={unmatched} /> : null}
      <Form<CreateUserBody> form={form} layout="vertical" initialValues={{ role: 'member' }} data-testid="user-create-form">
        <Form.Item name="username" label={t('users.username')} rules={[required(t('users.username')), { min: 3, max: USERNAME_MAX }, { pattern: /^[A-Za-z0-9_.@-]+$/ }]}>
          <Input autoComplete="off" maxLength={USERNAME_MAX} data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ max: 100 }]}>
          <Input maxLength={100} data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="password" label={t('users.password')} extra={t('users.passwordHint')} rules={[required(t('users.password')), { min: PASSWORD_MIN, max: PASSWORD_MAX }]}>
          <Input.Password autoComplete="new-password" maxLength={PASSWORD_MAX} data-testid="user-password" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[required(t('users.role'))]}>
          <Select<Role> data-testid="user-role" options={ROLES.map((value) => ({ value, label: t(roleKey(value)) }))} />
        </Form.Item>
        {role === 'gov' && (
          <Form.Item name="regionCode" label={t('users.region')} rules={[required(t('users.region'))]}>
            <RegionCascader data-testid="user-region" placeholder={t('list.regionPlaceholder')} />
          </Form.Item>
        )}
        {role === 'member' && (
          <>
            <Form.Item name="orgUscc" label={t('users.orgUscc')} rules={[required(t('users.orgUscc')), { max: 32 }]}>
              <Input className="mono" maxLength={32} data-testid="user-org-uscc" />
            </Form.Item>
            <Form.Item name="orgKind" label={t('users.orgKind')}>
              <Select allowClear placeholder={t('users.orgKindDefault')} options={ORG_KINDS.map((kind) => ({ value: kind, label: t(orgKindKey(kind)) }))} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
