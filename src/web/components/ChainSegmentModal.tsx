import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { ButtonProps } from 'antd';
import { App, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { CHAIN_STAGES, SEGMENT_NAME_MAX, type ChainDetail, type ChainSegment, type ChainStage } from '../../contracts/chains';
import { useT } from '../i18n';
import { useChainWrites } from '../queries/chains';
import { stageKey } from './ChainMap';
import { ProblemAlert } from './ProblemAlert';

/** What the modal does: add a segment, edit one, split one, or merge one with others. */
export type SegmentModalMode = 'add' | 'edit' | 'split' | 'merge';

interface ChainSegmentModalProps {
  chain: ChainDetail;
  mode: SegmentModalMode | null;
  segment?: ChainSegment;
  onClose: () => void;
  /** Called with the key to select after the change (the new or merged segment, or none). */
  onDone: (selectKey: string | undefined) => void;
}

interface FormValues {
  name?: string;
  stage?: ChainStage;
  upstream?: string[];
  products?: string[];
  parts?: Array<{ name: string }>;
  mergeWith?: string[];
}

/** A fresh segment key (users name segments; keys stay technical and stable). */
function newKey(base: string, suffix: string): string {
  return `${base.slice(0, 40 - suffix.length - 1)}-${suffix}`;
}

/** Add, edit, split or merge segments of a chain. */
export function ChainSegmentModal({ chain, mode, segment, onClose, onDone }: ChainSegmentModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const writes = useChainWrites(chain.id);
  const mutation = { add: writes.addSegment, edit: writes.updateSegment, split: writes.splitSegment, merge: writes.mergeSegments }[mode ?? 'add'];

  useEffect(() => {
    if (!mode) return;
    form.resetFields();
    if (mode === 'edit' && segment) {
      form.setFieldsValue({ name: segment.name, stage: segment.stage, upstream: segment.upstream, products: segment.products });
    } else if (mode === 'split' && segment) {
      form.setFieldsValue({ parts: [{ name: `${segment.name}（一）` }, { name: `${segment.name}（二）` }] });
    } else if (mode === 'merge' && segment) {
      form.setFieldsValue({ name: segment.name, mergeWith: [] });
    } else {
      form.setFieldsValue({ stage: 'upstream', upstream: [], products: [] });
    }
  }, [mode, segment, form]);

  const others = chain.segments.filter((s) => s.key !== segment?.key);
  const segmentOptions = (list: readonly ChainSegment[]) => list.map((s) => ({ value: s.key, label: `${s.name}（${t(stageKey(s.stage))}）` }));

  const submit = async (values: FormValues) => {
    const stamp = Date.now().toString(36);
    if (mode === 'add') {
      const key = newKey('seg', stamp);
      await writes.addSegment.mutateAsync({ key, name: values.name!, stage: values.stage!, upstream: values.upstream ?? [], products: values.products ?? [] });
      onDone(key);
    } else if (mode === 'edit' && segment) {
      await writes.updateSegment.mutateAsync({ key: segment.key, body: { name: values.name, stage: values.stage, upstream: values.upstream ?? [], products: values.products ?? [] } });
      onDone(segment.key);
    } else if (mode === 'split' && segment) {
      const into = (values.parts ?? []).map((part, i) => ({ key: newKey(segment.key, `${stamp}${i + 1}`), name: part.name }));
      await writes.splitSegment.mutateAsync({ key: segment.key, body: { into } });
      onDone(into[0].key);
    } else if (mode === 'merge' && segment) {
      await writes.mergeSegments.mutateAsync({ keys: [segment.key, ...(values.mergeWith ?? [])], into: { key: segment.key, name: values.name! } });
      onDone(segment.key);
    }
    message.success(t('chains.segment.saved'));
  };

  const title = mode === 'add' ? 'chains.segment.addTitle' : mode === 'edit' ? 'chains.segment.editTitle' : mode === 'split' ? 'chains.segment.splitTitle' : 'chains.segment.mergeTitle';
  return (
    <Modal
      open={mode !== null}
      title={t(title)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: mutation.isPending, 'data-testid': 'segment-modal-ok' } as ButtonProps}
      destroyOnHidden
      width={560}
    >
      {mutation.error ? <ProblemAlert error={mutation.error} /> : null}
      <Form form={form} layout="vertical" onFinish={submit} data-testid="segment-modal-form">
        {(mode === 'add' || mode === 'edit' || mode === 'merge') && (
          <Form.Item name="name" label={t('chains.segment.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('chains.segment.name') }) }]}>
            <Input maxLength={SEGMENT_NAME_MAX} data-testid="segment-name-input" />
          </Form.Item>
        )}
        {(mode === 'add' || mode === 'edit') && (
          <>
            <Form.Item name="stage" label={t('chains.segment.stage')} rules={[{ required: true }]}>
              <Select options={CHAIN_STAGES.map((stage) => ({ value: stage, label: t(stageKey(stage)) }))} />
            </Form.Item>
            <Form.Item name="upstream" label={t('chains.segment.upstream')}>
              <Select mode="multiple" allowClear options={segmentOptions(others)} />
            </Form.Item>
            <Form.Item name="products" label={t('chains.segment.products')}>
              <Select mode="tags" placeholder={t('chains.segment.productsPlaceholder')} tokenSeparators={['，', ',', '、']} open={false} suffixIcon={null} />
            </Form.Item>
          </>
        )}
        {mode === 'split' && (
          <>
            <Typography.Paragraph type="secondary">{t('chains.segment.splitHint')}</Typography.Paragraph>
            <Form.List name="parts">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, index) => (
                    <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
                      <Form.Item name={[field.name, 'name']} label={t('chains.segment.splitPart', { n: index + 1 })} rules={[{ required: true, whitespace: true }]} style={{ flex: 1 }}>
                        <Input maxLength={SEGMENT_NAME_MAX} data-testid={`split-part-${index}`} />
                      </Form.Item>
                      {fields.length > 2 ? <MinusCircleOutlined onClick={() => remove(field.name)} /> : null}
                    </div>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })} disabled={fields.length >= 10}>
                    {t('chains.segment.addPart')}
                  </Button>
                </>
              )}
            </Form.List>
          </>
        )}
        {mode === 'merge' && (
          <>
            <Form.Item name="mergeWith" label={t('chains.segment.mergeWith')} rules={[{ required: true, type: 'array', min: 1 }]}>
              <Select mode="multiple" options={segmentOptions(others)} data-testid="merge-with-select" />
            </Form.Item>
            <Typography.Paragraph type="secondary">{t('chains.segment.mergeHint')}</Typography.Paragraph>
          </>
        )}
      </Form>
    </Modal>
  );
}
