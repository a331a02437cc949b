import { Form, Input, Modal, Radio, Select, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { CHAIN_NAME_MAX } from '../../contracts/chains';
import { useT } from '../i18n';
import { useChainTemplates, useCreateChain } from '../queries/chains';
import { ProblemAlert } from './ProblemAlert';
import { RegionCascader } from './RegionCascader';

interface ChainCreateModalProps {
  open: boolean;
  /** The gov user's region (limits and pre-fills the region), null for admins. */
  regionScope: string | null;
  onClose: () => void;
  onCreated: (id: string) => void;
}

interface FormValues {
  from: 'template' | 'blank';
  templateKey?: string;
  regionCode?: string;
  name?: string;
  firstSegment?: string;
}

/** 新建产业链: from a template (pick template and region) or blank with a first segment. */
export function ChainCreateModal({ open, regionScope, onClose, onCreated }: ChainCreateModalProps) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const templates = useChainTemplates();
  const create = useCreateChain();
  const [from, setFrom] = useState<FormValues['from']>('template');

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ from: 'template', regionCode: regionScope && regionScope !== '000000' ? regionScope : undefined });
      setFrom('template');
      create.reset();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = async (values: FormValues) => {
    const body =
      values.from === 'template'
        ? { name: values.name!.trim(), regionCode: values.regionCode!, templateKey: values.templateKey! }
        : { name: values.name!.trim(), regionCode: values.regionCode!, segments: [{ key: 'seg-1', name: values.firstSegment!.trim(), stage: 'upstream' as const, upstream: [], products: [] }] };
    const { id } = await create.mutateAsync(body);
    onCreated(id);
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  return (
    <Modal open={open} title={t('chains.createTitle')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: create.isPending, 'data-testid': 'create-chain-ok' } as ButtonProps} destroyOnHidden width={560}>
      {create.error ? <ProblemAlert error={create.error} /> : null}
      <Form form={form} layout="vertical" onFinish={submit} onValuesChange={(changed: Partial<FormValues>) => changed.from && setFrom(changed.from)}>
        <Form.Item name="from" label={t('chains.createFrom')}>
          <Radio.Group optionType="button" options={[{ value: 'template', label: t('chains.fromTemplate') }, { value: 'blank', label: t('chains.blank') }]} />
        </Form.Item>
        {from === 'template' ? (
          <Form.Item name="templateKey" label={t('chains.template')} rules={[{ required: true, message: t('common.required', { field: t('chains.template') }) }]}>
            <Select
              data-testid="create-chain-template"
              loading={templates.isLoading}
              options={(templates.data?.items ?? []).map((tpl) => ({ value: tpl.key, label: `${tpl.name}（${t('chains.templateSegments', { n: tpl.segments.length })}）` }))}
              onChange={(key: string) => {
                const tpl = templates.data?.items.find((x) => x.key === key);
                if (tpl && !form.getFieldValue('name')) form.setFieldValue('name', tpl.name);
              }}
            />
          </Form.Item>
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('chains.blankHint')}</Typography.Paragraph>
            <Form.Item name="firstSegment" label={t('chains.firstSegment')} rules={required(t('chains.firstSegment'))}>
              <Input maxLength={50} />
            </Form.Item>
          </>
        )}
        <Form.Item name="regionCode" label={t('chains.region')} rules={[{ required: true, message: t('common.required', { field: t('chains.region') }) }]}>
          <RegionCascader scope={regionScope} data-testid="create-chain-region" />
        </Form.Item>
        <Form.Item name="name" label={t('chains.name')} rules={required(t('chains.name'))}>
          <Input maxLength={CHAIN_NAME_MAX} placeholder={t('chains.namePlaceholder')} data-testid="create-chain-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
