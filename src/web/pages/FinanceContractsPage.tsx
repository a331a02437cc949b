import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ContractView } from '../../contracts/capital';
import { CursorPager } from '../components/CursorPager';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { ContractCreateModal } from '../components/capital/ContractCreateModal';
import { FinanceNav } from '../components/capital/FinanceNav';
import { TermFlags } from '../components/capital/TermFlags';
import { toFen, yuan } from '../components/capital/money';
import { useLang, useT } from '../i18n';
import { todayInShanghai } from '../lib/format';
import { useCursorPages } from '../lib/useCursorPages';
import { useCurrentUser } from '../queries/auth';
import { useContracts, useCreateDelivery } from '../queries/capital';

const PAGE_SIZE = 20;

/** 登记交付 for one contract. */
function DeliveryCreateModal({ contract, onClose }: { contract: ContractView | undefined; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const create = useCreateDelivery();
  const [deliveredOn, setDeliveredOn] = useState(todayInShanghai());
  const [amountYuan, setAmountYuan] = useState<number | null>(null);
  const [invoicedOn, setInvoicedOn] = useState('');
  const [error, setError] = useState<unknown>();
  const save = async () => {
    if (!contract || !amountYuan) return;
    setError(undefined);
    try {
      await create.mutateAsync({ contractId: contract.id, body: { deliveredOn, amountFen: toFen(amountYuan), invoicedOn: invoicedOn || undefined } });
      message.success(t('capital.delivery.saved'));
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Modal open={Boolean(contract)} title={t('capital.contracts.addDelivery')} onCancel={onClose} onOk={() => void save()} confirmLoading={create.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'delivery-save' } as Record<`data-${string}`, string>}>
      {error ? <ProblemAlert error={error} /> : null}
      <Space direction="vertical" style={{ width: '100%' }}>
        <span>{t('capital.field.deliveredOn')}</span>
        <Input type="date" value={deliveredOn} onChange={(e) => setDeliveredOn(e.target.value)} data-testid="delivery-date" />
        <span>{t('capital.field.amount')}</span>
        <InputNumber min={0.01} precision={2} value={amountYuan} onChange={setAmountYuan} style={{ width: '100%' }} data-testid="delivery-amount" />
        <span>{t('capital.field.invoicedOnOptional')}</span>
        <Input type="date" value={invoicedOn} onChange={(e) => setInvoicedOn(e.target.value)} data-testid="delivery-invoiced-on" />
      </Space>
    </Modal>
  );
}

/** 合同: contracts in scope with their flagged terms, totals, and delivery entry. */
export function FinanceContractsPage() {
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [side, setSide] = useState<'buyer' | 'supplier'>();
  const pages = useCursorPages(side ?? '');
  const list = useContracts(side, { cursor: pages.cursor, limit: PAGE_SIZE });
  const [isCreating, setCreating] = useState(false);
  const [delivering, setDelivering] = useState<ContractView>();

  return (
    <div data-testid="finance-contracts-page">
      <FinanceNav />
      <PageHeader
        title={t('capital.contracts.title')}
        subTitle={t('capital.contracts.subtitle')}
        extra={
          user.role !== 'expert' && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="contract-create-button">
              {t('capital.contracts.create')}
            </Button>
          )
        }
      />
      {user.role === 'member' && (
        <Card className="filter-card" size="small">
          <Select
            allowClear
            value={side}
            onChange={setSide}
            placeholder={t('capital.filter.side')}
            options={(['buyer', 'supplier'] as const).map((s) => ({ value: s, label: t(`capital.side.${s}`) }))}
            style={{ width: 200 }}
          />
        </Card>
      )}
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<ContractView>
          data-testid="contract-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('capital.contracts.empty') }}
          scroll={{ x: 1300 }}
          expandable={{ expandedRowRender: (c) => <TermFlags flags={c.flags} />, rowExpandable: (c) => c.flags.length > 0 }}
          columns={[
            { title: t('capital.field.contract'), dataIndex: 'title', width: 200, render: (title: string, c) => <a onClick={() => navigate(`/finance?contractId=${c.id}`)}>{title || `#${c.id}`}</a> },
            { title: t('capital.field.buyer'), dataIndex: ['buyer', 'name'], width: 200 },
            { title: t('capital.field.buyerType'), dataIndex: 'buyerType', width: 130, render: (v: ContractView['buyerType']) => t(`capital.buyerType.${v}`) },
            { title: t('capital.field.supplier'), dataIndex: ['supplier', 'name'], width: 200 },
            { title: t('capital.field.signedOn'), dataIndex: 'signedOn', width: 110 },
            { title: t('capital.field.termDays'), dataIndex: 'termDays', width: 100, align: 'right' },
            { title: t('capital.field.amount'), key: 'amount', width: 200, render: (_, c) => t('capital.contracts.deliveredTotal', { delivered: yuan(lang, c.deliveredFen), amount: yuan(lang, c.amountFen) }) },
            { title: t('capital.field.interest'), dataIndex: 'interestFen', width: 120, align: 'right', render: (fen: number) => yuan(lang, fen) },
            {
              title: t('capital.field.flags'),
              dataIndex: 'flags',
              width: 110,
              render: (flags: ContractView['flags']) =>
                flags.length === 0 ? '—' : <Tag color={flags.some((f) => f.severity === 'violation') ? 'red' : 'orange'}>{flags.length}</Tag>,
            },
            {
              title: '',
              key: 'actions',
              width: 110,
              fixed: 'right',
              render: (_, c) =>
                c.deliveredFen < c.amountFen && user.role !== 'expert' ? (
                  <Button size="small" onClick={() => setDelivering(c)} data-testid="contract-add-delivery">
                    {t('capital.contracts.addDelivery')}
                  </Button>
                ) : null,
            },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
      <ContractCreateModal open={isCreating} onClose={() => setCreating(false)} />
      <DeliveryCreateModal contract={delivering} onClose={() => setDelivering(undefined)} />
    </div>
  );
}
