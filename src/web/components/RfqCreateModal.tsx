import { App as AntApp, Form, Input, Modal, Select } from 'antd';
import { useNavigate } from 'react-router';
import { RFQ_INVITES_MAX } from '../../contracts/deals';
import type { EnterpriseMatch, NeedView } from '../../contracts/matching';
import { useT } from '../i18n';
import { applyProblemToForm, errorMessage } from '../lib/problem';
import { useCreateRfq } from '../queries/deals';

interface RfqForm {
  title: string;
  description?: string;
  deadline: string;
  invitedUsccs: string[];
}

/** `YYYY-MM-DDTHH:mm:ss` in Beijing time, `days` from now (the value of a datetime-local input). */
function beijingLocal(days: number): string {
  return new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 19);
}

/** Open an RFQ on a published need: deadline (Beijing time) and suppliers from the candidates or by USCC. */
export function RfqCreateModal({ need, candidates, open, onClose }: { need: NeedView; candidates: EnterpriseMatch[]; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const create = useCreateRfq(need.id);
  const [form] = Form.useForm<RfqForm>();
  const submit = (v: RfqForm) =>
    create.mutate(
      { title: v.title, description: v.description || undefined, deadlineAt: `${v.deadline.length === 16 ? `${v.deadline}:00` : v.deadline}+08:00`, invitedUsccs: v.invitedUsccs },
      {
        onSuccess: (rfq) => {
          message.success(t('deals.rfq.created'));
          onClose();
          navigate(`/matching/rfqs/${rfq.id}`);
        },
        onError: (err) => {
          applyProblemToForm(form, err, { controls: ['title', 'description', 'invitedUsccs'] });
          message.error(errorMessage(err, t));
        },
      },
    );
  return (
    <Modal
      open={open}
      width={640}
      title={t('deals.rfq.createTitle')}
      onCancel={onClose}
      onOk={() => form.validateFields().then(submit)}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'rfq-create-confirm' } as Record<`data-${string}`, string>}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ title: need.title, deadline: beijingLocal(7), invitedUsccs: [] }}>
        <Form.Item name="title" label={t('deals.rfq.fieldTitle')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={100} data-testid="rfq-title" />
        </Form.Item>
        <Form.Item name="description" label={t('deals.rfq.description')}>
          <Input.TextArea rows={3} maxLength={4000} placeholder={t('deals.rfq.descriptionHint')} data-testid="rfq-description" />
        </Form.Item>
        <Form.Item name="deadline" label={t('deals.rfq.deadline')} rules={[{ required: true }]}>
          <Input type="datetime-local" step={1} data-testid="rfq-deadline" />
        </Form.Item>
        <Form.Item name="invitedUsccs" label={t('deals.rfq.invited')} extra={t('deals.rfq.invitedHint')} rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('deals.rfq.invited') }) }]}>
          <Select
            mode="tags"
            maxCount={RFQ_INVITES_MAX}
            data-testid="rfq-invited"
            tokenSeparators={[',', '，', ' ']}
            options={candidates.map((c) => ({ value: c.uscc, label: c.name }))}
            optionFilterProp="label"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
