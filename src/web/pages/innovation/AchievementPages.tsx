import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  FEEDBACK_CATEGORIES, TRANSFER_MODES, type AchievementMatch, type AchievementView, type CreateAchievementBody, type FeedbackCategory, type InterestView, type TransferMode,
} from '../../../contracts/achievements';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n';
import { applyProblemToForm, errorMessage, type FieldError } from '../../lib/problem';
import { useCursorPages } from '../../lib/useCursorPages';
import { useUrlParams } from '../../lib/useUrlParams';
import {
  useAchievement, useAchievementInterests, useAchievementList, useAchievementNeeds, useAnswerInterest, useCreateAchievement, useNeedAchievements, useOwnInterests, useSendInterest,
  type AchievementFilters,
} from '../../queries/achievements';
import { useCurrentUser } from '../../queries/auth';
import { useNeedList } from '../../queries/matching';
import { FirstUsePanel } from './FirstUsePanel';

const PAGE_SIZE = 20;
const FEN_PER_WAN = 1_000_000;
const TABS = ['library', 'interests', 'for-needs', 'first-uses'] as const;

/** 万元 text of a fen price range. */
function priceText(t: ReturnType<typeof useT>, a: Pick<AchievementView, 'priceMinFen' | 'priceMaxFen'>): string {
  if (a.priceMinFen === null && a.priceMaxFen === null) return t('achievements.priceNegotiable');
  const wan = (fen: number | null) => (fen === null ? '…' : String(fen / FEN_PER_WAN));
  return `${wan(a.priceMinFen)} – ${wan(a.priceMaxFen)} 万元`;
}

function ModeTag({ mode }: { mode: TransferMode }) {
  const t = useT();
  return <Tag color="geekblue">{t(`achievements.mode.${mode}`)}</Tag>;
}

function TrlTag({ trl }: { trl: number }) {
  const t = useT();
  return <Tag color={trl >= 7 ? 'green' : trl >= 4 ? 'blue' : 'default'}>{t('achievements.trl', { trl })}</Tag>;
}

function InterestStatus({ interest }: { interest: InterestView }) {
  const t = useT();
  if (interest.status === 'pending') return <Tag color="orange" data-testid="interest-status">{t('achievements.interest.pending')}</Tag>;
  return (
    <Space direction="vertical" size={0}>
      <Tag color="green" data-testid="interest-status">{t(`achievements.feedback.${interest.feedbackCategory ?? 'not_suitable'}`)}</Tag>
      {interest.feedbackNote && <Typography.Text type="secondary">{interest.feedbackNote}</Typography.Text>}
    </Space>
  );
}

/** 科技成果: the library, interest and feedback, achievements for my needs, first-use records. */
export function AchievementListPage() {
  const t = useT();
  const user = useCurrentUser();
  const { params, setParam } = useUrlParams();
  const tab = TABS.includes(params.get('tab') as (typeof TABS)[number]) ? (params.get('tab') as (typeof TABS)[number]) : 'library';
  const canPublish = user.role === 'gov' || user.role === 'platform_admin' || (user.role === 'member' && Boolean(user.org?.uscc));
  const isMember = user.role === 'member';
  return (
    <div data-testid="achievement-list-page">
      <PageHeader
        title={t('achievements.title')}
        subTitle={t('achievements.subtitle')}
        extra={
          canPublish ? (
            <Link to="/achievements/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="achievement-create-button">
                {t('achievements.create')}
              </Button>
            </Link>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParam('tab', key === 'library' ? undefined : key)}
        items={[
          { key: 'library', label: t('achievements.tab.library'), children: <LibraryTab /> },
          ...(isMember ? [{ key: 'interests', label: <span data-testid="tab-interests">{t('achievements.tab.interests')}</span>, children: <OwnInterestsTab /> }] : []),
          ...(isMember ? [{ key: 'for-needs', label: <span data-testid="tab-for-needs">{t('achievements.tab.forNeeds')}</span>, children: <ForNeedsTab /> }] : []),
          { key: 'first-uses', label: <span data-testid="tab-first-uses">{t('achievements.tab.firstUses')}</span>, children: <FirstUsePanel /> },
        ]}
      />
    </div>
  );
}

function LibraryTab() {
  const t = useT();
  const user = useCurrentUser();
  const { params, setParam } = useUrlParams();
  const filters: AchievementFilters = useMemo(() => {
    const mode = params.get('mode');
    const minTrl = Number(params.get('minTrl'));
    return {
      q: params.get('q') || undefined,
      transferMode: TRANSFER_MODES.includes(mode as TransferMode) ? (mode as TransferMode) : undefined,
      minTrl: minTrl >= 1 && minTrl <= 9 ? minTrl : undefined,
      mine: params.get('mine') === 'true' ? 'true' : undefined,
    };
  }, [params]);
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useAchievementList(filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  return (
    <>
      <Card className="filter-card" size="small">
        <div className="filter-bar">
          <Input.Search key={filters.q ?? ''} allowClear defaultValue={filters.q} onSearch={(v) => setParam('q', v.trim() || undefined)} placeholder={t('achievements.filter.q')} enterButton style={{ width: 280 }} data-testid="achievement-search" />
          <Select<TransferMode>
            allowClear
            value={filters.transferMode}
            onChange={(v) => setParam('mode', v)}
            placeholder={t('achievements.filter.mode')}
            options={TRANSFER_MODES.map((m) => ({ value: m, label: t(`achievements.mode.${m}`) }))}
            style={{ width: 140 }}
          />
          <Select<number>
            allowClear
            value={filters.minTrl}
            onChange={(v) => setParam('minTrl', v === undefined ? undefined : String(v))}
            placeholder={t('achievements.filter.minTrl')}
            options={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ value: n, label: `TRL ≥ ${n}` }))}
            style={{ width: 140 }}
          />
          {user.role === 'member' && (
            <Checkbox checked={filters.mine === 'true'} onChange={(e) => setParam('mine', e.target.checked ? 'true' : undefined)}>
              {t('achievements.filter.mine')}
            </Checkbox>
          )}
        </div>
      </Card>
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<AchievementView>
          data-testid="achievement-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('achievements.empty') }}
          scroll={{ x: 1000 }}
          columns={[
            { title: t('achievements.field.title'), dataIndex: 'title', render: (title: string, row) => <Link to={`/achievements/${row.id}`}>{title}</Link> },
            { title: t('achievements.field.field'), dataIndex: 'field', width: 130 },
            { title: 'TRL', dataIndex: 'trl', width: 90, render: (trl: number) => <TrlTag trl={trl} /> },
            { title: t('achievements.field.mode'), dataIndex: 'transferMode', width: 120, render: (mode: TransferMode) => <ModeTag mode={mode} /> },
            { title: t('achievements.field.price'), key: 'price', width: 150, render: (_: unknown, row) => priceText(t, row) },
            { title: t('achievements.field.owner'), dataIndex: 'ownerName', width: 220 },
            { title: t('achievements.field.interests'), dataIndex: 'interestCount', width: 80 },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
    </>
  );
}

/** Interests the member's organisation sent, and those on its achievements (answered here). */
function OwnInterestsTab() {
  const t = useT();
  const sent = useOwnInterests('sent');
  const received = useOwnInterests('received');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card title={t('achievements.interest.receivedSide')} size="small">
        {received.error ? <ProblemAlert error={received.error} /> : null}
        <InterestTable items={received.data?.items ?? []} loading={received.isFetching} showAchievement testId="received-interests" />
      </Card>
      <Card title={t('achievements.interest.sentSide')} size="small">
        {sent.error ? <ProblemAlert error={sent.error} /> : null}
        <InterestTable items={sent.data?.items ?? []} loading={sent.isFetching} showAchievement testId="sent-interests" />
      </Card>
    </Space>
  );
}

function InterestTable({ items, loading, showAchievement, testId }: { items: InterestView[]; loading: boolean; showAchievement?: boolean; testId: string }) {
  const t = useT();
  const [answering, setAnswering] = useState<InterestView>();
  return (
    <>
      <Table<InterestView>
        data-testid={testId}
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('achievements.interest.empty') }}
        scroll={{ x: 800 }}
        columns={[
          ...(showAchievement ? [{ title: t('achievements.interest.achievement'), dataIndex: 'achievementTitle', render: (title: string, row: InterestView) => <Link to={`/achievements/${row.achievementId}`}>{title}</Link> }] : []),
          { title: t('achievements.interest.requester'), dataIndex: 'requesterName', width: 220 },
          { title: t('achievements.interest.message'), dataIndex: 'message', render: (m: string, row) => <span>{m}{row.needTitle && <Tag style={{ marginLeft: 8 }}>{row.needTitle}</Tag>}</span> },
          { title: t('achievements.interest.feedback'), key: 'status', width: 200, render: (_: unknown, row) => <InterestStatus interest={row} /> },
          {
            title: '', key: 'actions', width: 90,
            render: (_: unknown, row) => row.canAnswer ? <Button size="small" type="primary" onClick={() => setAnswering(row)} data-testid="interest-answer">{t('achievements.interest.answer')}</Button> : null,
          },
        ]}
      />
      {answering && <AnswerModal interest={answering} onClose={() => setAnswering(undefined)} />}
    </>
  );
}

function AnswerModal({ interest, onClose }: { interest: InterestView; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const answer = useAnswerInterest();
  const [category, setCategory] = useState<FeedbackCategory>();
  const [note, setNote] = useState('');
  return (
    <Modal
      open
      title={`${t('achievements.interest.answer')} · ${interest.requesterName}`}
      onCancel={onClose}
      okButtonProps={{ disabled: !category, loading: answer.isPending, ...({ 'data-testid': 'interest-answer-ok' } as object) }}
      onOk={() =>
        category &&
        answer.mutate({ id: interest.id, category, note }, { onSuccess: onClose, onError: (err) => message.error(errorMessage(err, t)) })
      }
    >
      <Form layout="vertical">
        <Form.Item label={t('achievements.interest.category')} required>
          <Select<FeedbackCategory> data-testid="interest-category" value={category} onChange={setCategory} options={FEEDBACK_CATEGORIES.map((c) => ({ value: c, label: t(`achievements.feedback.${c}`) }))} />
        </Form.Item>
        <Form.Item label={t('achievements.interest.note')}>
          <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} data-testid="interest-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MatchTable({ items, loading, side, testId }: { items: AchievementMatch[]; loading: boolean; side: 'needs' | 'achievements'; testId: string }) {
  const t = useT();
  return (
    <Table<AchievementMatch>
      data-testid={testId}
      rowKey={(m) => m.needId ?? m.achievementId ?? ''}
      size="small"
      loading={loading}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: t('achievements.matches.empty') }}
      scroll={{ x: 800 }}
      columns={[
        side === 'needs'
          ? { title: t('achievements.matches.need'), key: 'need', render: (_: unknown, m) => <Link to={`/needs/${m.needId}`}>{m.needTitle}</Link> }
          : { title: t('achievements.field.title'), key: 'achievement', render: (_: unknown, m) => <Link to={`/achievements/${m.achievementId}`}>{m.achievementTitle}</Link> },
        side === 'needs'
          ? { title: t('achievements.matches.buyer'), dataIndex: 'buyerName', width: 220 }
          : { title: t('achievements.field.owner'), key: 'owner', width: 260, render: (_: unknown, m) => <Space size={4}>{m.ownerName}{m.trl && <TrlTag trl={m.trl} />}{m.transferMode && <ModeTag mode={m.transferMode} />}</Space> },
        { title: t('achievements.matches.score'), dataIndex: 'score', width: 90, render: (s: number) => `${Math.round(s * 100)}%` },
        { title: t('achievements.matches.terms'), dataIndex: 'terms', width: 260, render: (terms: string[]) => terms.map((term) => <Tag key={term}>{term}</Tag>) },
      ]}
    />
  );
}

/** Need → achievements for one of the member's published needs. */
function ForNeedsTab() {
  const t = useT();
  const needs = useNeedList({ mine: 'true', status: 'published' }, { limit: 200 });
  const [needId, setNeedId] = useState<string>();
  const matches = useNeedAchievements(needId);
  return (
    <Card size="small">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select<string>
          data-testid="for-need-select"
          value={needId}
          onChange={setNeedId}
          placeholder={t('achievements.matches.pickNeed')}
          loading={needs.isFetching}
          options={(needs.data?.items ?? []).map((n) => ({ value: n.id, label: n.title }))}
          style={{ width: 420 }}
        />
        {matches.error ? <ProblemAlert error={matches.error} /> : null}
        {needId && <MatchTable items={matches.data?.items ?? []} loading={matches.isFetching} side="achievements" testId="need-achievement-matches" />}
      </Space>
    </Card>
  );
}

/** Form controls that take their field errors; price errors (sent in fen) show in the alert. */
const CREATE_FIELDS = { controls: ['title', 'field', 'trl', 'patentNumbers', 'transferMode', 'summary', 'uscc'] };

type CreateValues = Omit<CreateAchievementBody, 'priceMinFen' | 'priceMaxFen'> & { priceMinWan?: number; priceMaxWan?: number };

/** 发布成果: the achievement form (prices in 万元, sent in fen). */
export function AchievementCreatePage() {
  const t = useT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateAchievement();
  const [error, setError] = useState<unknown>();
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const submit = async ({ priceMinWan, priceMaxWan, ...values }: CreateValues) => {
    setError(undefined);
    try {
      const toFen = (wan: number | undefined | null) => (wan === undefined || wan === null ? undefined : Math.round(wan * FEN_PER_WAN));
      const { id } = await create.mutateAsync({ ...values, uscc: values.uscc || undefined, priceMinFen: toFen(priceMinWan), priceMaxFen: toFen(priceMaxWan) });
      message.success(t('common.created'));
      navigate(`/achievements/${id}`);
    } catch (err) {
      setUnmatched(applyProblemToForm(form, err, CREATE_FIELDS));
      setError(err);
    }
  };
  return (
    <div data-testid="achievement-create-page">
      <PageHeader title={t('achievements.create')} />
      <Card>
        {error ? <ProblemAlert error={error} fieldErrors={unmatched} /> : null}
        <Form<CreateValues> form={form} layout="vertical" onFinish={submit} initialValues={{ trl: 5, transferMode: 'license', patentNumbers: [] }} style={{ maxWidth: 820 }}>
          {user.role !== 'member' && (
            <Form.Item name="uscc" label={t('achievements.field.owner')} extra="USCC" rules={[{ required: true }]}>
              <Input data-testid="achievement-uscc" />
            </Form.Item>
          )}
          <Form.Item name="title" label={t('achievements.field.title')} rules={[{ required: true, min: 2, max: 120 }]}>
            <Input data-testid="achievement-title" />
          </Form.Item>
          <Form.Item name="field" label={t('achievements.field.field')} rules={[{ required: true, min: 2, max: 60 }]}>
            <Input data-testid="achievement-field" style={{ width: 320 }} />
          </Form.Item>
          <Space size={24} wrap>
            <Form.Item name="trl" label={t('achievements.field.trl')} rules={[{ required: true }]}>
              <Select data-testid="achievement-trl" options={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ value: n, label: `TRL ${n}` }))} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="transferMode" label={t('achievements.field.mode')} rules={[{ required: true }]}>
              <Select data-testid="achievement-mode" options={TRANSFER_MODES.map((m) => ({ value: m, label: t(`achievements.mode.${m}`) }))} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="priceMinWan" label={t('achievements.field.priceMin')}>
              <InputNumber min={0} data-testid="achievement-price-min" style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="priceMaxWan" label={t('achievements.field.priceMax')}>
              <InputNumber min={0} data-testid="achievement-price-max" style={{ width: 160 }} />
            </Form.Item>
          </Space>
          <Form.Item name="patentNumbers" label={t('achievements.field.patents')} extra={t('achievements.hint.patents')}>
            <Select mode="tags" open={false} data-testid="achievement-patents" tokenSeparators={[',', '，', ' ']} />
          </Form.Item>
          <Form.Item name="summary" label={t('achievements.field.summary')} extra={t('achievements.hint.summary')} rules={[{ required: true, min: 2, max: 5000 }]}>
            <Input.TextArea rows={5} data-testid="achievement-summary" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="achievement-submit">
            {t('achievements.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

/** 成果详情: the achievement; for its managers matching needs and the interests to answer; for others the interest form. */
export function AchievementDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const achievement = useAchievement(id);
  if (achievement.error) return <ProblemAlert error={achievement.error} />;
  if (!achievement.data) return <Card loading />;
  const a = achievement.data;
  return (
    <div data-testid="achievement-detail-page">
      <PageHeader title={a.title} subTitle={<Space><TrlTag trl={a.trl} /><ModeTag mode={a.transferMode} /><span>{a.ownerName}</span></Space>} />
      <Card>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('achievements.field.field')}>{a.field}</Descriptions.Item>
          <Descriptions.Item label={t('achievements.field.price')}>{priceText(t, a)}</Descriptions.Item>
          <Descriptions.Item label={t('achievements.field.status')}>{t(`achievements.status.${a.status}`)}</Descriptions.Item>
          <Descriptions.Item label={t('achievements.field.patents')} span={3}>{a.patentNumbers.length > 0 ? a.patentNumbers.map((p) => <Tag key={p}>{p}</Tag>) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('achievements.field.summary')} span={3}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{a.summary}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {a.canManage ? <ManagerCards achievement={a} /> : <InterestCard achievement={a} />}
    </div>
  );
}

function ManagerCards({ achievement }: { achievement: AchievementView }) {
  const t = useT();
  const needs = useAchievementNeeds(achievement.id, true);
  const interests = useAchievementInterests(achievement.id);
  return (
    <>
      <Card title={t('achievements.interest.list')} style={{ marginTop: 16 }} size="small">
        <InterestTable items={interests.data?.items ?? []} loading={interests.isFetching} testId="achievement-interests" />
      </Card>
      <Card title={t('achievements.matches.needs')} style={{ marginTop: 16 }} size="small">
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('achievements.matches.needsHint')}</Typography.Paragraph>
        {needs.error ? <ProblemAlert error={needs.error} /> : null}
        <MatchTable items={needs.data?.items ?? []} loading={needs.isFetching} side="needs" testId="achievement-need-matches" />
      </Card>
    </>
  );
}

function InterestCard({ achievement }: { achievement: AchievementView }) {
  const t = useT();
  const user = useCurrentUser();
  const interests = useAchievementInterests(achievement.id);
  const send = useSendInterest(achievement.id);
  const needs = useNeedList({ mine: 'true', status: 'published' }, { limit: 200 });
  const [messageText, setMessageText] = useState('');
  const [needId, setNeedId] = useState<string>();
  const mine = interests.data?.items ?? [];
  if (user.role !== 'member') return null;
  return (
    <Card title={t('achievements.interest.send')} style={{ marginTop: 16 }} size="small" data-testid="interest-card">
      {achievement.myInterestId ? (
        <>
          <Alert type="success" showIcon message={<span data-testid="interest-sent">{t('achievements.interest.sent')}</span>} style={{ marginBottom: 12 }} />
          {mine.map((i) => <InterestStatus key={i.id} interest={i} />)}
        </>
      ) : (
        <Form layout="vertical" style={{ maxWidth: 640 }} onFinish={() => send.mutate({ message: messageText, needId })}>
          {send.error ? <ProblemAlert error={send.error} /> : null}
          <Form.Item label={t('achievements.interest.message')}>
            <Input.TextArea rows={3} value={messageText} onChange={(e) => setMessageText(e.target.value)} maxLength={2000} data-testid="interest-message" />
          </Form.Item>
          <Form.Item label={t('achievements.interest.need')}>
            <Select<string> allowClear value={needId} onChange={setNeedId} options={(needs.data?.items ?? []).map((n) => ({ value: n.id, label: n.title }))} data-testid="interest-need" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={send.isPending} data-testid="interest-submit">
            {t('achievements.interest.send')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
