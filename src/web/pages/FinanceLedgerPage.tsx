import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import type { LedgerRow } from '../../contracts/capital';
import { CursorPager } from '../components/CursorPager';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { ContractCreateModal } from '../components/capital/ContractCreateModal';
import { DeliveryDrawer } from '../components/capital/DeliveryDrawer';
import { FinanceNav } from '../components/capital/FinanceNav';
import { LatenessTag } from '../components/capital/LatenessTag';
import { yuan } from '../components/capital/money';
import { useLang, useT } from '../i18n';
import { useCursorPages } from '../lib/useCursorPages';
import { useUrlParams } from '../lib/useUrlParams';
import { useCurrentUser } from '../queries/auth';
import { ledgerExportUrl, useLedger, type LedgerFilters } from '../queries/capital';

const PAGE_SIZE = 20;

function readFilters(params: URLSearchParams): LedgerFilters {
  const side = params.get('side');
  const status = params.get('status');
  return {
    side: side === 'buyer' || side === 'supplier' ? side : undefined,
    status: status === 'open' || status === 'overdue' || status === 'paid' ? status : undefined,
    contractId: params.get('contractId') ?? undefined,
  };
}

/** 应付账款台账: deliveries with legal due dates, days late and interest; late-payment alert; export; contract entry. */
export function FinanceLedgerPage() {
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const { params, setParam, clearParams } = useUrlParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const pages = useCursorPages(JSON.stringify(filters));
  const ledger = useLedger(filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  const [openId, setOpenId] = useState<string>();
  const [isCreating, setCreating] = useState(false);
  const rows = ledger.data?.items ?? [];
  const overdue = rows.filter((r) => r.isOverdue);
  const owed = overdue.reduce((s, r) => s + r.owedFen, 0);
  const interest = rows.reduce((s, r) => s + r.interestFen, 0);
  const canEnter = user.role !== 'expert';

  return (
    <div data-testid="finance-ledger-page">
      <FinanceNav />
      <PageHeader
        title={t('capital.ledger.title')}
        subTitle={t('capital.ledger.subtitle')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} href={ledgerExportUrl(filters)} data-testid="ledger-export">
              {t('capital.ledger.export')}
            </Button>
            {canEnter && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="contract-create-button">
                {t('capital.contracts.create')}
              </Button>
            )}
          </Space>
        }
      />
      {ledger.data ? (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          type={overdue.length > 0 ? 'error' : 'success'}
          data-testid="late-alert"
          message={
            overdue.length > 0
              ? t('capital.ledger.alert', { n: overdue.length, owed: yuan(lang, owed), interest: yuan(lang, interest), asOf: ledger.data.asOf })
              : t('capital.ledger.alertNone', { asOf: ledger.data.asOf })
          }
        />
      ) : null}
      <Card className="filter-card" size="small">
        <div className="filter-bar">
          {user.role === 'member' && (
            <Select
              data-testid="ledger-side"
              allowClear
              value={filters.side}
              onChange={(value) => setParam('side', value)}
              placeholder={t('capital.filter.side')}
              options={(['buyer', 'supplier'] as const).map((s) => ({ value: s, label: t(`capital.side.${s}`) }))}
              style={{ width: 200 }}
            />
          )}
          <Select
            data-testid="ledger-status"
            allowClear
            value={filters.status}
            onChange={(value) => setParam('status', value)}
            placeholder={t('capital.filter.status')}
            options={(['open', 'overdue', 'paid'] as const).map((s) => ({ value: s, label: t(`capital.status.${s}`) }))}
            style={{ width: 140 }}
          />
          {params.size > 0 && (
            <Button icon={<ReloadOutlined />} onClick={clearParams}>
              {t('common.reset')}
            </Button>
          )}
        </div>
      </Card>
      <Card className="table-card">
        {ledger.error ? <ProblemAlert error={ledger.error} /> : null}
        <Table<LedgerRow>
          data-testid="ledger-table"
          rowKey="id"
          size="middle"
          loading={ledger.isFetching}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t('capital.ledger.empty') }}
          scroll={{ x: 1240 }}
          onRow={(row) => ({ onClick: () => setOpenId(row.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('capital.field.contract'), dataIndex: 'contractTitle', width: 180, ellipsis: true, render: (title: string, row) => <a data-testid="ledger-row-link">{title || `#${row.contractId}`}</a> },
            { title: t('capital.field.buyer'), dataIndex: ['buyer', 'name'], width: 170, ellipsis: true },
            { title: t('capital.field.supplier'), dataIndex: ['supplier', 'name'], width: 170, ellipsis: true },
            { title: t('capital.field.state'), key: 'state', width: 120, render: (_, row) => <LatenessTag row={row} /> },
            { title: t('capital.field.dueOn'), dataIndex: 'dueOn', width: 110 },
            { title: t('capital.field.owed'), dataIndex: 'owedFen', width: 130, align: 'right', render: (fen: number) => yuan(lang, fen) },
            { title: t('capital.field.interest'), dataIndex: 'interestFen', width: 120, align: 'right', render: (fen: number) => yuan(lang, fen) },
            { title: t('capital.field.amount'), dataIndex: 'amountFen', width: 130, align: 'right', render: (fen: number) => yuan(lang, fen) },
            { title: t('capital.field.deliveredOn'), dataIndex: 'deliveredOn', width: 110 },
          ]}
        />
        <CursorPager pages={pages} nextCursor={ledger.data?.nextCursor} isFetching={ledger.isFetching} />
      </Card>
      <DeliveryDrawer id={openId} onClose={() => setOpenId(undefined)} />
      <ContractCreateModal open={isCreating} onClose={() => setCreating(false)} />
    </div>
  );
}
