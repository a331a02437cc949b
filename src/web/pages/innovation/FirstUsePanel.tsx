import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { FIRST_USE_KINDS, FIRST_USE_OUTCOMES, type CreateFirstUseBody, type FirstUseKind, type FirstUseOutcome, type FirstUseView } from '../../../contracts/achievements';
import { apiUrl } from '../../api';
import { CursorPager } from '../../components/CursorPager';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n';
import { todayInShanghai } from '../../lib/format';
import { applyProblemToForm, type FieldError } from '../../lib/problem';
import { useCursorPages } from '../../lib/useCursorPages';
import { useUrlParams } from '../../lib/useUrlParams';
import { useCreateFirstUse, useFirstUses, type FirstUseFilters } from '../../queries/achievements';
import { useCurrentUser } from '../../queries/auth';

const PAGE_SIZE = 20;
const OUTCOME_COLORS: Record<FirstUseOutcome, string> = { in_progress: 'blue', succeeded: 'green', failed: 'red' };

/** 首试首用 / 首台(套) records: gov users see their region's SMEs', firms their own; recorded and exported here. */
export function FirstUsePanel() {
  const t = useT();
  const user = useCurrentUser();
  const { params, setParam } = useUrlParams();
  const filters: FirstUseFilters = useMemo(() => {
    const kind = params.get('kind');
    const outcome = params.get('outcome');
    return {
      kind: FIRST_USE_KINDS.includes(kind as FirstUseKind) ? (kind as FirstUseKind) : undefined,
      outcome: FIRST_USE_OUTCOMES.includes(outcome as FirstUseOutcome) ? (outcome as FirstUseOutcome) : undefined,
    };
  }, [params]);
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useFirstUses(filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  const [isCreating, setCreating] = useState(false);
  return (
    <>
      <Card className="filter-card" size="small">
        <div className="filter-bar">
          <Select<FirstUseKind> allowClear value={filters.kind} onChange={(v) => setParam('kind', v)} placeholder={t('achievements.firstUse.kind')} options={FIRST_USE_KINDS.map((k) => ({ value: k, label: t(`achievements.firstUse.kind.${k}`) }))} style={{ width: 160 }} />
          <Select<FirstUseOutcome> allowClear value={filters.outcome} onChange={(v) => setParam('outcome', v)} placeholder={t('achievements.firstUse.outcome')} options={FIRST_USE_OUTCOMES.map((o) => ({ value: o, label: t(`achievements.firstUse.outcome.${o}`) }))} style={{ width: 140 }} />
          <Button icon={<DownloadOutlined />} href={apiUrl('/first-uses/export', { ...filters })} data-testid="first-use-export">{t('achievements.firstUse.export')}</Button>
          {user.role !== 'expert' && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="first-use-create">{t('achievements.firstUse.create')}</Button>
          )}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('achievements.firstUse.scope')}</Typography.Text>
      </Card>
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<FirstUseView>
          data-testid="first-use-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('achievements.firstUse.empty') }}
          scroll={{ x: 1000 }}
          columns={[
            { title: t('achievements.firstUse.kind'), dataIndex: 'kind', width: 120, render: (k: FirstUseKind) => <Tag color={k === 'first_of_kind' ? 'purple' : 'cyan'}>{t(`achievements.firstUse.kind.${k}`)}</Tag> },
            { title: t('achievements.firstUse.product'), dataIndex: 'product' },
            { title: t('achievements.firstUse.supplier'), dataIndex: 'supplierName', width: 220 },
            { title: t('achievements.firstUse.user'), dataIndex: 'userName', width: 220 },
            { title: t('achievements.firstUse.startedOn'), dataIndex: 'startedOn', width: 110 },
            {
              title: t('achievements.firstUse.outcome'), dataIndex: 'outcome', width: 180,
              render: (o: FirstUseOutcome, row) => <Space direction="vertical" size={0}><Tag color={OUTCOME_COLORS[o]}>{t(`achievements.firstUse.outcome.${o}`)}</Tag>{row.outcomeNote && <Typography.Text type="secondary">{row.outcomeNote}</Typography.Text>}</Space>,
            },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
      {isCreating && <CreateFirstUseModal onClose={() => setCreating(false)} />}
    </>
  );
}

const FIELDS = { controls: ['kind', 'supplierUscc', 'userUscc', 'product', 'startedOn', 'outcome', 'outcomeNote'] };

function CreateFirstUseModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<CreateFirstUseBody>();
  const create = useCreateFirstUse();
  const [error, setError] = useState<unknown>();
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const submit = async (values: CreateFirstUseBody) => {
    setError(undefined);
    try {
      await create.mutateAsync(values);
      message.success(t('common.created'));
      onClose();
    } catch (err) {
      setUnmatched(applyProblemToForm(form, err, FIELDS));
      setError(err);
    }
  };
  return (
    <Modal open title={t('achievements.firstUse.create')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: create.isPending, ...({ 'data-testid': 'first-use-ok' } as object) }} width={640}>
      {error ? <ProblemAlert error={error} fieldErrors={unmatched} /> : null}
      <Form<CreateFirstUseBody> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'first_use', outcome: 'in_progress', startedOn: todayInShanghai(), userUscc: user.org?.uscc }}>
        <Form.Item name="kind" label={t('achievements.firstUse.kind')} rules={[{ required: true }]}>
          <Select data-testid="first-use-kind" options={FIRST_USE_KINDS.map((k) => ({ value: k, label: t(`achievements.firstUse.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="product" label={t('achievements.firstUse.product')} rules={[{ required: true, min: 2 }]}>
          <Input data-testid="first-use-product" />
        </Form.Item>
        <Form.Item name="supplierUscc" label={t('achievements.firstUse.supplierUscc')} rules={[{ required: true }]}>
          <Input data-testid="first-use-supplier" />
        </Form.Item>
        <Form.Item name="userUscc" label={t('achievements.firstUse.userUscc')} rules={[{ required: true }]}>
          <Input data-testid="first-use-user" />
        </Form.Item>
        <Space size={24}>
          <Form.Item name="startedOn" label={t('achievements.firstUse.startedOn')} rules={[{ required: true }]}>
            <Input type="date" data-testid="first-use-started" />
          </Form.Item>
          <Form.Item name="outcome" label={t('achievements.firstUse.outcome')}>
            <Select style={{ width: 140 }} options={FIRST_USE_OUTCOMES.map((o) => ({ value: o, label: t(`achievements.firstUse.outcome.${o}`) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="outcomeNote" label={t('achievements.firstUse.outcomeNote')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
