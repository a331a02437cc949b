import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Form, Input, Modal, Select, Space } from 'antd';
import { CONSORTIUM_ROLES } from '../../../contracts/consortia';
import type { ConsortiumView } from '../../../contracts/consortia';
import { ChainSegmentFields } from '../../components/ChainSegmentFields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RemoteSearchSelect, type RemoteOptions, type RemoteSearchSelectProps } from '../../components/RemoteSearchSelect';
import { useT, type MessageKey } from '../../i18n';
import { applyProblemToForm } from '../../lib/problem';
import { useConsortiumCandidates, useConsortiumWrites, useCreateConsortium } from '../../queries/collab';

type InviteRole = Exclude<(typeof CONSORTIUM_ROLES)[number], 'lead'>;
const INVITE_ROLES = CONSORTIUM_ROLES.filter((r): r is InviteRole => r !== 'lead');

interface FormValues {
  name: string;
  field?: string;
  description?: string;
  chainId?: string;
  segmentKey?: string;
  members?: { uscc?: string; role: InviteRole }[];
}

/** Role options of an invited member (sme, institute, university). */
export function useInviteRoleOptions() {
  const t = useT();
  return INVITE_ROLES.map((r) => ({ value: r, label: t(`collab.role.${r}` as MessageKey) }));
}

function useCandidateOptions(q: string): RemoteOptions {
  const found = useConsortiumCandidates(q);
  return { options: (found.data?.items ?? []).map((e) => ({ value: e.uscc, label: `${e.name}（${e.regionName}）` })), isFetching: found.isFetching };
}

/** Picks an enterprise to invite by name words or a USCC prefix; the value is the USCC. */
export function CandidatePicker(props: RemoteSearchSelectProps) {
  const t = useT();
  return <RemoteSearchSelect {...props} useOptions={useCandidateOptions} style={{ width: 340 }} placeholder={t('collab.consortia.pickEnterprise')} notFoundContent={(q) => (q.length >= 2 ? t('collab.empty') : null)} />;
}

/**
 * Forming a consortium (no `consortium`) or editing one: name, field, description, the chain and
 * one of its segments; on forming, the members to invite (each found by name, with a role).
 * Members of an existing consortium are invited one by one on its page.
 */
export function ConsortiumFormModal({ consortium, onClose }: { consortium?: ConsortiumView; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const create = useCreateConsortium();
  const { update } = useConsortiumWrites(consortium?.id ?? '');
  const mutation = consortium ? update : create;
  const [form] = Form.useForm<FormValues>();
  const roleOptions = useInviteRoleOptions();
  const initialValues: FormValues = consortium
    ? { name: consortium.name, field: consortium.field, description: consortium.description, chainId: consortium.chainId ?? undefined, segmentKey: consortium.segmentKey ?? undefined }
    : { name: '', members: [] };
  const submit = async (values: FormValues) => {
    const common = { name: values.name, field: values.field ?? '', description: values.description ?? '' };
    try {
      if (consortium) await update.mutateAsync({ ...common, chainId: values.chainId ?? null, segmentKey: values.segmentKey ?? null });
      else await create.mutateAsync({ ...common, chainId: values.chainId, segmentKey: values.segmentKey, members: (values.members ?? []).filter((m) => m.uscc).map((m) => ({ uscc: m.uscc!, role: m.role })) });
      message.success(t('common.saved'));
      onClose();
    } catch (err) {
      applyProblemToForm(form, err, { controls: ['name', 'field', 'description', 'chainId', 'segmentKey'], lists: ['members'] });
    }
  };
  return (
    <Modal open width={720} title={consortium ? t('collab.consortia.edit') : t('collab.consortia.form')} onCancel={onClose} footer={[
      <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
      <Button key="ok" type="primary" loading={mutation.isPending} onClick={() => form.submit()} data-testid="consortium-submit">{t('common.save')}</Button>,
    ]}>
      {mutation.error ? <ProblemAlert error={mutation.error} /> : null}
      <Form<FormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={submit}>
        <Form.Item name="name" label={t('collab.consortia.name')} rules={[{ required: true, min: 2 }]}><Input data-testid="consortium-name" maxLength={120} /></Form.Item>
        <Form.Item name="field" label={t('collab.consortia.field')}><Input data-testid="consortium-field" maxLength={60} /></Form.Item>
        <ChainSegmentFields form={form} testIdPrefix="consortium" />
        <Form.Item name="description" label={t('collab.consortia.description')}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
        {!consortium && (
          <Form.List name="members">
            {(rows, { add, remove }) => (
              <Form.Item label={t('collab.consortia.invitees')} extra={t('collab.consortia.inviteesHint')}>
                {rows.map((row, i) => (
                  <Space key={row.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[row.name, 'uscc']} rules={[{ required: true, message: t('collab.consortia.pickEnterprise') }]}><CandidatePicker data-testid={`consortium-member-${i}`} /></Form.Item>
                    <Form.Item name={[row.name, 'role']}><Select style={{ width: 120 }} options={roleOptions} data-testid={`consortium-member-role-${i}`} /></Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('collab.consortia.removeInvitee')} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ role: 'sme' })} data-testid="consortium-member-add">{t('collab.consortia.addInvitee')}</Button>
              </Form.Item>
            )}
          </Form.List>
        )}
      </Form>
    </Modal>
  );
}
