import { App, Col, Form, Input, InputNumber, Modal, Row } from 'antd';
import { useState } from 'react';
import type { CreateEnterpriseBody } from '../../contracts/enterprises';
import { useT } from '../i18n';
import { applyProblemToForm, type FieldError, type FormFields } from '../lib/problem';
import { withoutEmpty } from '../lib/values';
import { useCreateEnterprise } from '../queries/enterprises';
import { checkUscc } from '../queries/reference';
import { EnterpriseProfileFields } from './EnterpriseProfileFields';
import { ProblemAlert } from './ProblemAlert';
import { SizePreview } from './SizePreview';

const FIELDS: FormFields = {
  controls: ['uscc', 'name', 'regionCode', 'industryCode', 'employees', 'revenue', 'assets', 'year', 'tags', 'products', 'capabilities'],
};

interface EnterpriseCreateModalProps {
  open: boolean;
  onClose: () => void;
  /** Called with the new enterprise's USCC. */
  onCreated: (uscc: string) => void;
  regionScope?: string | null;
}

/** Registers an enterprise: USCC checked on blur, region and industry from the reference trees, figures for the size class. */
export function EnterpriseCreateModal({ open, onClose, onCreated, regionScope }: EnterpriseCreateModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateEnterpriseBody>();
  const create = useCreateEnterprise();
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);

  const submit = async () => {
    const values = await form.validateFields();
    try {
      const created = await create.mutateAsync(withoutEmpty(values));
      message.success(t('common.created'));
      form.resetFields();
      onCreated(created.uscc);
    } catch (error) {
      setUnmatched(applyProblemToForm(form, error, FIELDS));
    }
  };

  return (
    <Modal
      open={open}
      title={t('list.createTitle')}
      width={760}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'ent-submit' }}
      destroyOnHidden
      afterClose={() => {
        create.reset();
        setUnmatched([]);
      }}
    >
      {create.error ? <ProblemAlert error={create.error} fieldErrors={unmatched} /> : null}
      <Form form={form} layout="vertical" requiredMark className="modal-form" data-testid="enterprise-create-form">
        <Form.Item
          name="uscc"
          label={t('ent.uscc')}
          validateTrigger="onBlur"
          hasFeedback
          rules={[
            { required: true, message: t('common.required', { field: t('ent.uscc') }) },
            {
              validator: async (_, value: string | undefined) => {
                const code = value?.trim();
                if (!code) {
                  return;
                }
                const result = await checkUscc(code);
                if (!result.valid) {
                  throw new Error(result.reason ?? t('ent.usccInvalid'));
                }
              },
            },
          ]}
        >
          <Input data-testid="ent-uscc" maxLength={18} className="mono" placeholder="91320500XXXXXXXXXX" />
        </Form.Item>
        <EnterpriseProfileFields regionScope={regionScope} canEditTags />
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="employees" label={t('ent.employees')}>
              <InputNumber data-testid="ent-employees" min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="revenue" label={t('ent.revenue')}>
              <InputNumber data-testid="ent-revenue" min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="assets" label={t('ent.assets')}>
              <InputNumber data-testid="ent-assets" min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="year" label={t('ent.year')}>
              <InputNumber data-testid="ent-year" min={1990} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <SizePreview form={form} />
      </Form>
    </Modal>
  );
}
