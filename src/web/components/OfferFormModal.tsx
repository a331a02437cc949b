import { App as AntApp, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { DESCRIPTION_MAX, TITLE_MAX, type CreateOfferBody } from '../../contracts/matching';
import { useT } from '../i18n';
import { applyProblemToForm, type FieldError } from '../lib/problem';
import { useCurrentUser } from '../queries/auth';
import { useCreateOffer } from '../queries/matching';
import { ProblemAlert } from './ProblemAlert';
import { CrossBorderFormFields } from './CrossBorderFormFields';
import { EnterprisePicker } from './RiskSubjectPickers';

const FIELDS = { controls: ['uscc', 'title', 'description', 'products', 'capacity', 'leadTimeDays', 'certifications', 'regionsServed'] };

/** 发布供给: a member for its own enterprise, gov/admin for an enterprise in scope. */
export function OfferFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<CreateOfferBody>();
  const create = useCreateOffer();
  const [error, setError] = useState<unknown>();
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const isMember = user.role === 'member';

  const submit = async () => {
    const values = await form.validateFields();
    setError(undefined);
    try {
      await create.mutateAsync({ ...values, uscc: isMember ? (user.org?.uscc ?? '') : values.uscc, products: values.products ?? [] });
      message.success(t('matching.offers.saved'));
      form.resetFields();
      onClose();
    } catch (err) {
      setUnmatched(applyProblemToForm(form, err, FIELDS));
      setError(err);
    }
  };

  return (
    <Modal open={open} title={t('matching.offers.create')} onCancel={onClose} onOk={() => void submit()} confirmLoading={create.isPending} width={640} destroyOnHidden okButtonProps={{ 'data-testid': 'offer-save' } as Record<`data-${string}`, string>}>
      {error ? <ProblemAlert error={error} fieldErrors={unmatched} /> : null}
      <Form form={form} layout="vertical" data-testid="offer-form">
        {!isMember && (
          <Form.Item name="uscc" label={t('matching.offers.field.uscc')} rules={[{ required: true, message: t('common.required', { field: t('matching.offers.field.enterprise') }) }]}>
            <EnterprisePicker />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('matching.offers.field.title')} rules={[{ required: true, min: 2, message: t('common.required', { field: t('matching.offers.field.title') }) }]}>
          <Input maxLength={TITLE_MAX} data-testid="offer-title" />
        </Form.Item>
        <Form.Item name="products" label={t('matching.offers.field.products')} extra={t('matching.field.productsHint')}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} data-testid="offer-products" />
        </Form.Item>
        <Form.Item name="description" label={t('matching.offers.field.description')} rules={[{ required: true, min: 2, message: t('common.required', { field: t('matching.offers.field.description') }) }]}>
          <Input.TextArea rows={3} maxLength={DESCRIPTION_MAX} data-testid="offer-description" />
        </Form.Item>
        <Form.Item name="capacity" label={t('matching.offers.field.capacity')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="leadTimeDays" label={t('matching.offers.field.leadTime')}>
          <InputNumber min={0} max={3650} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="certifications" label={t('matching.offers.field.certifications')}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
        </Form.Item>
        <CrossBorderFormFields />
      </Form>
    </Modal>
  );
}
