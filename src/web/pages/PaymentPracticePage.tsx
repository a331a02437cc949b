import { Card, Descriptions, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { PracticeView } from '../../contracts/capital';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { FinanceNav } from '../components/capital/FinanceNav';
import { useT } from '../i18n';
import { todayInShanghai } from '../lib/format';
import { useCurrentUser } from '../queries/auth';
import { recentHalves, useBuyerPractice, usePracticeRanking } from '../queries/capital';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

function practiceColumns(t: ReturnType<typeof useT>) {
  return [
    { title: t('capital.practice.deliveries'), dataIndex: 'deliveries', width: 90, align: 'right' as const },
    { title: t('capital.practice.avgDays'), dataIndex: 'avgDaysToPay', width: 110, align: 'right' as const, render: (v: number | null) => v ?? '—' },
    { title: t('capital.practice.within30'), dataIndex: 'sharePaidWithin30', width: 100, align: 'right' as const, render: pct },
    { title: t('capital.practice.within60'), dataIndex: 'sharePaid31To60', width: 100, align: 'right' as const, render: pct },
    { title: t('capital.practice.over60'), dataIndex: 'sharePaidOver60', width: 100, align: 'right' as const, render: pct },
    { title: t('capital.practice.late'), dataIndex: 'shareLate', width: 100, align: 'right' as const, render: (v: number | null) => <Typography.Text type={v && v > 0.1 ? 'danger' : undefined}>{pct(v)}</Typography.Text> },
    { title: t('capital.practice.disputes'), dataIndex: 'complaints', width: 110, align: 'right' as const, render: (n: number) => <span data-testid="practice-disputes">{n}</span> },
    { title: `${t('capital.practice.conduct')} ⚠️`, dataIndex: 'conductScore', width: 110, align: 'right' as const, render: (v: number | null) => <Typography.Text type={v !== null && v < 60 ? 'danger' : undefined}>{v ?? '—'}</Typography.Text> },
  ];
}

/** 付款行为: gov users rank the large buyers of their region; everyone opens a buyer's disclosure page. */
export function PaymentPracticePage() {
  const t = useT();
  const user = useCurrentUser();
  const halves = recentHalves(todayInShanghai());
  const [half, setHalf] = useState(halves[1]);
  const isGov = user.role === 'gov' || user.role === 'platform_admin';
  const ranking = usePracticeRanking(half, isGov);
  return (
    <div data-testid="payment-practice-page">
      <FinanceNav />
      <PageHeader title={t('capital.practice.title')} subTitle={t('capital.practice.subtitle')} extra={<Select value={half} onChange={setHalf} options={halves.map((h) => ({ value: h, label: h }))} style={{ width: 120 }} />} />
      {isGov ? (
        <Card className="table-card">
          {ranking.error ? <ProblemAlert error={ranking.error} /> : null}
          <Table<PracticeView>
            data-testid="practice-ranking"
            rowKey={(r) => r.buyer.uscc}
            size="middle"
            loading={ranking.isFetching}
            dataSource={ranking.data?.items ?? []}
            pagination={false}
            scroll={{ x: 1000 }}
            columns={[
              { title: '#', key: 'rank', width: 50, render: (_, __, i) => i + 1 },
              { title: t('capital.field.buyer'), dataIndex: ['buyer', 'name'], width: 260, render: (name: string, r) => <Link to={`/finance/practice/${r.buyer.uscc}`}>{name}</Link> },
              ...practiceColumns(t),
            ]}
          />
        </Card>
      ) : user.org?.uscc ? (
        <Card>
          <Link to={`/finance/practice/${user.org.uscc}`}>{t('capital.practice.own')}</Link>
        </Card>
      ) : null}
    </div>
  );
}

/** A buyer's public disclosure: aggregates only, six half-years. */
export function BuyerDisclosurePage() {
  const t = useT();
  const { uscc = '' } = useParams();
  const halves = recentHalves(todayInShanghai());
  const figures = useBuyerPractice(uscc, halves);
  const rows = figures.data ?? [];
  return (
    <div data-testid="buyer-disclosure-page">
      <FinanceNav />
      <PageHeader title={rows[0] ? t('capital.practice.disclosureOf', { name: rows[0].buyer.name }) : t('capital.practice.title')} subTitle={t('capital.practice.disclosureHint')} />
      {figures.error ? <ProblemAlert error={figures.error} /> : null}
      {rows[0] ? (
        <Descriptions size="small" style={{ marginBottom: 12 }}>
          <Descriptions.Item label="USCC">{rows[0].buyer.uscc}</Descriptions.Item>
        </Descriptions>
      ) : null}
      <Card className="table-card">
        <Table<PracticeView>
          rowKey="half"
          size="middle"
          loading={figures.isFetching}
          dataSource={rows}
          pagination={false}
          columns={[{ title: t('capital.practice.half'), dataIndex: 'half', width: 100 }, ...practiceColumns(t)]}
        />
      </Card>
    </div>
  );
}
