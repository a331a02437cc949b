import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Space } from 'antd';
import type { ButtonProps } from 'antd';
import { useEffect } from 'react';
import { FAIR_SESSIONS_MAX, FAIR_TITLE_MAX, type CreateFairBody, type FairSessionBody, type FairVisibility } from '../../contracts/fairs';
import { useT } from '../i18n';
import { addDays, todayInShanghai } from '../lib/format';
import { useChainList } from '../queries/chains';
import { useCreateFair } from '../queries/fairs';
import { ProblemAlert } from './ProblemAlert';
import { RegionCascader } from './RegionCascader';

interface FairCreateModalProps {
  open: boolean;
  /** The gov user's region (limits and pre-fills the region), null for admins. */
  regionScope: string | null;
  onClose: () => void;
  onCreated: (id: string) => void;
}

interface FormValues {
  title: string;
  regionCode?: string;
  chainId?: string;
  venue?: string;
  description?: string;
  visibility: FairVisibility;
  largeCapacity: number;
  smeCapacity: number;
  sessions: FairSessionBody[];
}

/** 创建洽谈会: title, region, chain, venue, capacities and one or more sessions (date, start, slot length, slots, tables). */
export function FairCreateModal({ open, regionScope, onClose, onCreated }: FairCreateModalProps) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateFair();
  const chains = useChainList({}, { limit: 200 });

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({
        regionCode: regionScope && regionScope !== '000000' ? regionScope : undefined,
        visibility: 'public', largeCapacity: 20, smeCapacity: 100,
        sessions: [{ date: addDays(todayInShanghai(), 14), startTime: '09:00', slotMinutes: 20, slotCount: 12, tables: 20 }],
      });
      create.reset();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = async (values: FormValues) => {
    const body: CreateFairBody = { ...values, title: values.title.trim(), chainId: values.chainId || undefined, venue: values.venue?.trim() || undefined };
    const fair = await create.mutateAsync(body);
    onCreated(fair.id);
  };
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <Modal open={open} title={t('fairs.create.title')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: create.isPending, 'data-testid': 'fair-create-ok' } as ButtonProps} destroyOnHidden width={760}>
      {create.error ? <ProblemAlert error={create.error} /> : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="title" label={t('fairs.field.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('fairs.field.title') }) }]}>
          <Input maxLength={FAIR_TITLE_MAX} placeholder={t('fairs.create.titlePlaceholder')} data-testid="fair-title" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="regionCode" label={t('fairs.field.region')} rules={required(t('fairs.field.region'))}>
              <RegionCascader scope={regionScope} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="chainId" label={t('fairs.field.chain')}>
              <Select allowClear data-testid="fair-chain" loading={chains.isLoading} options={(chains.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.regionName}）` }))} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="venue" label={t('fairs.field.venue')}>
              <Input maxLength={200} data-testid="fair-venue" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="visibility" label={t('fairs.field.visibility')}>
              <Radio.Group optionType="button" options={[{ value: 'public', label: t('fairs.visibility.public') }, { value: 'region', label: t('fairs.visibility.region') }]} />
            </Form.Item>
          </Col>
        </Row>
        <Space size="large">
          <Form.Item name="largeCapacity" label={t('fairs.field.largeCapacity')} rules={required(t('fairs.field.largeCapacity'))}>
            <InputNumber min={0} max={5000} data-testid="fair-large-capacity" />
          </Form.Item>
          <Form.Item name="smeCapacity" label={t('fairs.field.smeCapacity')} rules={required(t('fairs.field.smeCapacity'))}>
            <InputNumber min={0} max={5000} data-testid="fair-sme-capacity" />
          </Form.Item>
        </Space>
        <Form.List name="sessions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Space key={field.key} align="end" wrap data-testid={`fair-session-${index}`}>
                  <Form.Item name={[field.name, 'date']} label={t('fairs.session.date')} rules={required(t('fairs.session.date'))}>
                    <Input type="date" style={{ width: 150 }} data-testid="fair-session-date" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'startTime']} label={t('fairs.session.start')} rules={required(t('fairs.session.start'))}>
                    <Input type="time" style={{ width: 130 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'slotMinutes']} label={t('fairs.session.slotMinutes')} rules={required(t('fairs.session.slotMinutes'))}>
                    <InputNumber min={5} max={240} style={{ width: 90 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'slotCount']} label={t('fairs.session.slotCount')} rules={required(t('fairs.session.slotCount'))}>
                    <InputNumber min={1} max={48} style={{ width: 80 }} data-testid="fair-session-slots" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'tables']} label={t('fairs.session.tables')} rules={required(t('fairs.session.tables'))}>
                    <InputNumber min={1} max={1000} style={{ width: 90 }} data-testid="fair-session-tables" />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Form.Item>
                      <Button icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('fairs.session.remove')} />
                    </Form.Item>
                  )}
                </Space>
              ))}
              {fields.length < FAIR_SESSIONS_MAX && (
                <div>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ date: addDays(todayInShanghai(), 15), startTime: '14:00', slotMinutes: 20, slotCount: 9, tables: 20 })}>
                  {t('fairs.session.add')}
                </Button>
                </div>
              )}
            </>
          )}
        </Form.List>
        <Form.Item name="description" label={t('fairs.field.description')} style={{ marginTop: 16 }}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
