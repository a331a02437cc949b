import { App as AntApp, Button, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { WISHES_MAX, type FairView, type RegistrationView } from '../../contracts/fairs';
import { useT } from '../i18n';
import { errorMessage } from '../lib/problem';
import { useParticipants, usePutWishes, useSuggestions, useWishes } from '../queries/fairs';
import { KindTag } from './FairTags';
import { ProblemAlert } from './ProblemAlert';

interface Row {
  registrationId: string;
  name: string;
  kind: RegistrationView['kind'];
  products: string[];
  score: number | null;
  reasons: string[];
  wantsMe: boolean;
}

/**
 * 洽谈意向: the other side's registered participants, the engine's suggestions first (with why),
 * who already wants to meet the caller; tick whom to meet and save.
 */
export function FairWishPanel({ fair }: { fair: FairView }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const mine = fair.myRegistration!;
  const participants = useParticipants(fair.id, true);
  const suggestions = useSuggestions(fair.id, true);
  const wishes = useWishes(fair.id, true);
  const save = usePutWishes();
  const [selected, setSelected] = useState<string[]>([]);
  useEffect(() => {
    if (wishes.data) setSelected(wishes.data.items.map((w) => w.registrationId));
  }, [wishes.data]);

  const rows = useMemo<Row[]>(() => {
    const suggested = new Map((suggestions.data?.items ?? []).map((s) => [s.registrationId, s]));
    const incoming = new Set((wishes.data?.incoming ?? []).map((w) => w.registrationId));
    return (participants.data?.items ?? [])
      .filter((p) => p.kind !== mine.kind)
      .map((p) => ({ registrationId: p.id, name: p.name, kind: p.kind, products: p.products, score: suggested.get(p.id)?.score ?? null, reasons: suggested.get(p.id)?.reasons ?? [], wantsMe: incoming.has(p.id) }))
      .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || Number(b.wantsMe) - Number(a.wantsMe) || a.name.localeCompare(b.name));
  }, [participants.data, suggestions.data, wishes.data, mine.kind]);

  const error = participants.error ?? suggestions.error ?? wishes.error;
  return (
    <div data-testid="fair-wish-panel">
      <Typography.Paragraph type="secondary">{t(mine.kind === 'sme' ? 'fairs.wish.hintSme' : 'fairs.wish.hintLarge', { n: WISHES_MAX })}</Typography.Paragraph>
      {error ? <ProblemAlert error={error} /> : null}
      <Space style={{ marginBottom: 12 }}>
        <Button
          type="primary"
          loading={save.isPending}
          disabled={selected.length > WISHES_MAX}
          data-testid="wish-save"
          onClick={() => save.mutate({ id: fair.id, targets: selected }, { onSuccess: () => message.success(t('fairs.wish.saved')), onError: (err) => message.error(errorMessage(err, t)) })}
        >
          {t('fairs.wish.save', { n: selected.length })}
        </Button>
        {fair.hasSchedule && <Typography.Text type="warning">{t('fairs.wish.afterSchedule')}</Typography.Text>}
      </Space>
      <Table<Row>
        data-testid="wish-table"
        rowKey="registrationId"
        size="middle"
        loading={participants.isLoading || suggestions.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), preserveSelectedRowKeys: true }}
        locale={{ emptyText: t('fairs.wish.empty') }}
        columns={[
          {
            title: t('fairs.wish.counterpart'),
            dataIndex: 'name',
            render: (name: string, row) => (
              <Space size={4} wrap>
                <span>{name}</span>
                <KindTag kind={row.kind} />
                {row.score !== null && <Tag color="blue" data-testid="wish-suggested">{t('fairs.wish.suggested')}</Tag>}
                {row.wantsMe && <Tag color="green">{t('fairs.wish.wantsMe')}</Tag>}
              </Space>
            ),
          },
          { title: t('fairs.wish.products'), dataIndex: 'products', width: 220, render: (p: string[]) => p.slice(0, 4).join('、') || '—' },
          { title: t('fairs.wish.score'), dataIndex: 'score', width: 90, render: (s: number | null) => (s === null ? '—' : s.toFixed(2)) },
          {
            title: t('fairs.wish.why'),
            dataIndex: 'reasons',
            width: 360,
            render: (reasons: string[]) => (reasons.length > 0 ? <Typography.Text type="secondary" ellipsis={{ tooltip: reasons.join('；') }}>{reasons.join('；')}</Typography.Text> : '—'),
          },
        ]}
      />
    </div>
  );
}
