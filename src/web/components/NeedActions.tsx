import { App as AntApp, Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import type { UserView } from '../../contracts/auth';
import { COMMENT_MAX, type NeedView } from '../../contracts/matching';
import { useT } from '../i18n';
import { errorMessage } from '../lib/problem';
import { useNeedTransition, type NeedVerb } from '../queries/matching';

/** True when `code` lies in the region subtree of `scope` (the server's prefix rule, GB/T 2260). */
function isWithin(code: string, scope: string): boolean {
  if (scope === '000000') return true;
  const prefix = scope.endsWith('0000') ? scope.slice(0, 2) : scope.endsWith('00') ? scope.slice(0, 4) : scope;
  return code.startsWith(prefix);
}

/** Gov users whose scope contains the owner's region, and admins: they review and see candidates. */
export function isReviewer(user: UserView, need: NeedView): boolean {
  return user.role === 'platform_admin' || (user.role === 'gov' && Boolean(user.regionCode) && isWithin(need.ownerRegionCode, user.regionCode!));
}

/** The owner enterprise's members and reviewers manage a need. */
export function canManageNeed(user: UserView, need: NeedView): boolean {
  return (user.role === 'member' && user.org?.uscc === need.uscc) || isReviewer(user, need);
}

/** The workflow buttons the user may press for the need's current status. */
export function NeedActions({ user, need }: { user: UserView; need: NeedView }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const transition = useNeedTransition();
  const [isReturning, setReturning] = useState(false);
  const [form] = Form.useForm<{ comment: string }>();
  const run = (verb: NeedVerb, comment?: string) =>
    transition.mutate(
      { id: need.id, verb, comment },
      {
        onSuccess: () => {
          message.success(t('matching.action.done'));
          setReturning(false);
        },
        onError: (err) => message.error(errorMessage(err, t)),
      },
    );
  const manage = canManageNeed(user, need);
  const review = isReviewer(user, need);
  const confirm = (verb: NeedVerb, primary = false) => (
    <Popconfirm key={verb} title={t('matching.action.confirm', { action: t(`matching.action.${verb}`) })} onConfirm={() => run(verb)}>
      <Button type={primary ? 'primary' : 'default'} loading={transition.isPending} data-testid={`need-action-${verb}`}>
        {t(`matching.action.${verb}`)}
      </Button>
    </Popconfirm>
  );
  return (
    <Space>
      {need.status === 'draft' && manage && confirm('submit', true)}
      {need.status === 'submitted' && review && confirm('publish', true)}
      {need.status === 'submitted' && review && (
        <Button danger onClick={() => setReturning(true)} data-testid="need-action-return">
          {t('matching.action.return')}
        </Button>
      )}
      {need.status === 'published' && manage && confirm('fulfil', true)}
      {need.status === 'published' && manage && confirm('close')}
      <Modal
        open={isReturning}
        title={t('matching.action.return')}
        onCancel={() => setReturning(false)}
        onOk={() => form.validateFields().then((v) => run('return', v.comment))}
        confirmLoading={transition.isPending}
        okButtonProps={{ 'data-testid': 'need-return-confirm' } as Record<`data-${string}`, string>}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="comment" label={t('matching.action.returnComment')} rules={[{ required: true, min: 2, message: t('matching.action.returnPlaceholder') }]}>
            <Input.TextArea rows={4} maxLength={COMMENT_MAX} placeholder={t('matching.action.returnPlaceholder')} data-testid="need-return-comment" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
