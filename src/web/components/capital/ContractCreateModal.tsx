import { Button, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { SETTLEMENT_MODES, type SettlementMode, type TermFlag } from '../../../contracts/capital';
import { useT } from '../../i18n';
import { todayInShanghai } from '../../lib/format';
import { applyProblemToForm, type FieldError } from '../../lib/problem';
import { useCurrentUser } from '../../queries/auth';
import { useCreateContract } from '../../queries/capital';
import { ProblemAlert } from '../ProblemAlert';
import { EnterprisePicker } from '../RiskSubjectPickers';
import { toFen } from './money';
import { TermFlagsResult } from './TermFlags';

interface ContractForm {
  side: 'buyer' | 'supplier';
  counterparty?: string;
  buyerUscc?: string;
  supplierUscc?: string;
  title?: string;
  amountYuan: number;
  signedOn: string;
  termDays: number;
  acceptanceDays?: number;
  settlementMode?: SettlementMode;
  lateInterestBp?: number;
  clausesText?: string;
}

const FIELDS = { controls: ['buyerUscc', 'supplierUscc', 'title', 'amountFen', 'signedOn', 'termDays', 'acceptanceDays', 'settlementMode', 'lateInterestBp', 'clauses'] };

/** 登记合同: a member for its own enterprise (as buyer or supplier), gov/admin for two enterprises; shows the flags the screen found. */
export function ContractCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const user = useCurrentUser();
  const [form] = Form.useForm<ContractForm>();
  const create = useCreateContract();
  const [error, setError] = useState<unknown>();
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const [flags, setFlags] = useState<TermFlag[] | undefined>();
  const isMember = user.role === 'member';
  const own = user.org?.uscc ?? '';

  const close = () => {
    setFlags(undefined);
    setError(undefined);
    form.resetFields();
    onClose();
  };

  const submit = async () => {
    const v = await form.validateFields();
    setError(undefined);
    const counterparty = v.counterparty ?? '';
    const buyerUscc = isMember ? (v.side === 'buyer' ? own : counterparty) : (v.buyerUscc ?? '');
    const supplierUscc = isMember ? (v.side === 'supplier' ? own : counterparty) : (v.supplierUscc ?? '');
    const clauses = (v.clausesText ?? '').split('\n').map((c) => c.trim()).filter(Boolean);
    try {
      const result = await create.mutateAsync({
        buyerUscc, supplierUscc, amountFen: toFen(v.amountYuan), termDays: v.termDays, signedOn: v.signedOn, title: v.title || undefined,
        acceptanceDays: v.acceptanceDays ?? undefined, settlementMode: v.settlementMode, lateInterestBp: v.lateInterestBp ?? undefined, clauses,
      });
      setFlags(result.flags);
    } catch (err) {
      const rest = applyProblemToForm(form, err, FIELDS);
      setUnmatched(rest);
      setError(err);
    }
  };

  return (
    <Modal
      open={open}
      title={t('capital.contracts.create')}
      onCancel={close}
      width={680}
      destroyOnHidden
      footer={
        flags ? (
          <Button type="primary" onClick={close} data-testid="contract-done">
            {t('capital.delivery.close')}
          </Button>
        ) : (
          [
            <Button key="cancel" onClick={close}>
              {t('common.cancel')}
            </Button>,
            <Button key="ok" type="primary" loading={create.isPending} onClick={() => void submit()} data-testid="contract-save">
              {t('common.save')}
            </Button>,
          ]
        )
      }
    >
      {flags ? (
        <TermFlagsResult flags={flags} />
      ) : (
        <>
          {error ? <ProblemAlert error={error} fieldErrors={unmatched} /> : null}
          <Form form={form} layout="vertical" data-testid="contract-form" initialValues={{ side: 'buyer', signedOn: todayInShanghai(), termDays: 60 }}>
            {isMember ? (
              <>
                <Form.Item name="side">
                  <Radio.Group data-testid="contract-side">
                    <Radio value="buyer">{t('capital.contracts.iAmBuyer')}</Radio>
                    <Radio value="supplier">{t('capital.contracts.iAmSupplier')}</Radio>
                  </Radio.Group>
                </Form.Item>
                <Form.Item name="counterparty" label={t('capital.field.counterparty')} rules={[{ required: true, message: t('common.required', { field: t('capital.field.counterparty') }) }]}>
                  <EnterprisePicker data-testid="contract-counterparty" />
                </Form.Item>
              </>
            ) : (
              <>
                <Form.Item name="buyerUscc" label={t('capital.field.buyer')} rules={[{ required: true, message: t('common.required', { field: t('capital.field.buyer') }) }]}>
                  <EnterprisePicker data-testid="contract-buyer" />
                </Form.Item>
                <Form.Item name="supplierUscc" label={t('capital.field.supplier')} rules={[{ required: true, message: t('common.required', { field: t('capital.field.supplier') }) }]}>
                  <EnterprisePicker data-testid="contract-supplier" />
                </Form.Item>
              </>
            )}
            <Form.Item name="title" label={t('capital.field.title')}>
              <Input maxLength={100} data-testid="contract-title" />
            </Form.Item>
            <Space wrap size="large" align="start">
              <Form.Item name="amountYuan" label={t('capital.field.amount')} rules={[{ required: true, message: t('common.required', { field: t('capital.field.amount') }) }]}>
                <InputNumber min={0.01} precision={2} style={{ width: 200 }} data-testid="contract-amount" />
              </Form.Item>
              <Form.Item name="signedOn" label={t('capital.field.signedOn')} rules={[{ required: true }]}>
                <Input type="date" max={todayInShanghai()} data-testid="contract-signed-on" />
              </Form.Item>
            </Space>
            <Space wrap size="large" align="start">
              <Form.Item name="termDays" label={t('capital.field.termDays')} extra={t('capital.field.termDaysHint')} rules={[{ required: true }]}>
                <InputNumber min={0} max={3650} precision={0} style={{ width: 160 }} data-testid="contract-term" />
              </Form.Item>
              <Form.Item name="acceptanceDays" label={t('capital.field.acceptanceDays')} extra={t('capital.field.acceptanceDaysHint')}>
                <InputNumber min={0} max={3650} precision={0} style={{ width: 160 }} data-testid="contract-acceptance" />
              </Form.Item>
            </Space>
            <Space wrap size="large" align="start">
              <Form.Item name="settlementMode" label={t('capital.field.settlementMode')}>
                <Select allowClear style={{ width: 200 }} options={SETTLEMENT_MODES.map((m) => ({ value: m, label: t(`capital.settlement.${m}`) }))} />
              </Form.Item>
              <Form.Item name="lateInterestBp" label={t('capital.field.lateInterestBp')} extra={t('capital.field.lateInterestBpHint')}>
                <InputNumber min={0} max={100000} precision={0} style={{ width: 200 }} />
              </Form.Item>
            </Space>
            <Form.Item name="clausesText" label={t('capital.field.clauses')} extra={t('capital.field.clausesHint')}>
              <Input.TextArea rows={3} data-testid="contract-clauses" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
