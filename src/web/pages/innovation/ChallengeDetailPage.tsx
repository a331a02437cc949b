import { App as AntApp, Alert, Button, Card, Descriptions, Empty, Form, Input, InputNumber, List, Modal, Popconfirm, Progress, Select, Space, Table, Tabs, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ApplicationCreated, ApplicationView, ChallengeView, MilestoneView, SimilarItem } from '../../../contracts/innovation';
import { ApiError, apiUrl } from '../../api';
import { DashboardChart, type ChartOption } from '../../components/DashboardChart';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLang, useT } from '../../i18n';
import { addDays, formatDateTime, todayInShanghai } from '../../lib/format';
import { applyProblemToForm, errorMessage } from '../../lib/problem';
import { useCurrentUser } from '../../queries/auth';
import { useApplications, useApply, useChallenge, useChallengeAction, useChallengeStatistics, useExperts, useMilestones, useQuestions, useSetDisagreementThreshold } from '../../queries/innovation';
import { ChallengeFilesCard } from './ChallengeFilesCard';
import { ReviewPanelTab } from './ReviewPanelTab';
import { ApplicationStatusTag, ChallengeNav, ChallengeStatusTag, ChallengeTypeTag, wanText } from './InnovationTags';

/** 榜单详情: the challenge, its NDA-gated details, applications and reviews, Q&A, milestones, statistics. */
export function ChallengeDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const challenge = useChallenge(id);
  if (challenge.error) return <ProblemAlert error={challenge.error} />;
  if (!challenge.data) return <Card loading />;
  const c = challenge.data;
  return (
    <div data-testid="challenge-detail-page">
      <ChallengeNav />
      <PageHeader
        title={c.title}
        subTitle={<Space><ChallengeTypeTag type={c.type} /><span data-testid="challenge-status"><ChallengeStatusTag status={c.status} /></span><span>{c.ownerName}</span></Space>}
        extra={c.canCancel ? <CancelChallengeButton challenge={c} /> : undefined}
      />
      {c.status === 'cancelled' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="challenge-cancelled"
          message={t('innovation.cancel.banner', { at: c.cancelledAt ? formatDateTime(lang, c.cancelledAt) : '' })}
          description={<span data-testid="challenge-cancel-reason">{t('innovation.cancel.reason')}：{c.cancelReason}</span>}
        />
      )}
      <Card>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('innovation.field.budget')}>{wanText(c.budgetFen)}</Descriptions.Item>
          <Descriptions.Item label={t('innovation.field.deadline')}>{c.deadline}</Descriptions.Item>
          <Descriptions.Item label={t('innovation.field.applicants')}>{c.applicationCount}</Descriptions.Item>
          <Descriptions.Item label={t('innovation.field.problem')} span={3}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{c.problem}</Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={t('innovation.field.targets')} span={3}>
            <ul style={{ margin: 0, paddingLeft: 18 }}>{c.targets.map((target) => <li key={target}>{target}</li>)}</ul>
          </Descriptions.Item>
          {c.fields.length > 0 ? <Descriptions.Item label={t('innovation.field.fields')} span={3}>{c.fields.map((f) => <Tag key={f}>{f}</Tag>)}</Descriptions.Item> : null}
          {c.chainId ? (
            <Descriptions.Item label={t('collab.consortia.chain')} span={3}>
              <Link to={`/chains/${c.chainId}`} data-testid="challenge-chain">{c.chainName}</Link>
              {c.segmentName && <Tag color="orange" style={{ marginLeft: 8 }} data-testid="challenge-segment">{t('collab.consortia.segment')}：{c.segmentName}</Tag>}
            </Descriptions.Item>
          ) : null}
          {c.ipTerms ? <Descriptions.Item label={t('innovation.field.ipTerms')} span={3}>{c.ipTerms}</Descriptions.Item> : null}
          <Descriptions.Item label={t('innovation.field.criteria')} span={3}>{c.criteria.map((k) => `${k.name} ${k.weight}%`).join('、')}</Descriptions.Item>
        </Descriptions>
      </Card>
      {c.isConfidential && <ConfidentialCard challenge={c} />}
      <ChallengeFilesCard challenge={c} />
      <Card style={{ marginTop: 16 }}>
        <Tabs
          items={[
            { key: 'applications', label: t('innovation.tab.applications'), children: <ApplicationsTab challenge={c} /> },
            { key: 'qa', label: t('innovation.tab.qa'), children: <QaTab challenge={c} /> },
            { key: 'milestones', label: <span data-testid="tab-milestones">{t('innovation.tab.milestones')}</span>, children: <MilestonesTab challenge={c} /> },
            ...(c.canManage || user.role === 'expert' ? [{ key: 'panel', label: <span data-testid="tab-panel">{t('panels.tab')}</span>, children: <ReviewPanelTab challenge={c} /> }] : []),
            ...(c.canManage ? [{ key: 'statistics', label: <span data-testid="tab-statistics">{t('innovation.tab.statistics')}</span>, children: <StatisticsTab challenge={c} /> }] : []),
          ]}
        />
      </Card>
    </div>
  );
}

/** 取消榜单: the publisher's button and its reason dialog. */
function CancelChallengeButton({ challenge }: { challenge: ChallengeView }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [isOpen, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useChallengeAction<{ reason: string }>(() => `/challenges/${challenge.id}/cancel`, (b) => b);
  const submit = async () => {
    const { reason } = await form.validateFields();
    try {
      await cancel.mutateAsync({ reason: reason.trim() });
      message.success(t('innovation.cancel.done'));
      setOpen(false);
    } catch (err) {
      applyProblemToForm(form, err, { controls: ['reason'] });
    }
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="challenge-cancel">{t('innovation.cancel.button')}</Button>
      <Modal
        open={isOpen}
        title={t('innovation.cancel.title')}
        onCancel={() => setOpen(false)}
        onOk={submit}
        okText={t('innovation.cancel.ok')}
        okButtonProps={{ danger: true, loading: cancel.isPending, 'data-testid': 'challenge-cancel-ok' }}
        destroyOnHidden
      >
        <Alert type="warning" showIcon message={t('innovation.cancel.hint')} style={{ marginBottom: 12 }} />
        {cancel.error ? <ProblemAlert error={cancel.error} /> : null}
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('innovation.cancel.reason')} rules={[{ required: true, whitespace: true, min: 2, max: 2000 }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="challenge-cancel-reason-input" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function ConfidentialCard({ challenge }: { challenge: ChallengeView }) {
  const t = useT();
  const user = useCurrentUser();
  const accept = useChallengeAction<void>(() => `/challenges/${challenge.id}/nda`);
  return (
    <Card title={t('innovation.detail.confidential')} style={{ marginTop: 16 }} data-testid="confidential-card">
      {challenge.confidentialDetails !== null ? (
        <>
          {challenge.hasAcceptedNda && <Tag color="green">{t('innovation.detail.ndaAccepted')}</Tag>}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="confidential-details">{challenge.confidentialDetails}</Typography.Paragraph>
        </>
      ) : (
        <>
          <Alert type="info" showIcon message={t('innovation.detail.ndaNeeded')} style={{ marginBottom: 12 }} />
          <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>{challenge.ndaText}</Typography.Paragraph>
          {accept.error ? <ProblemAlert error={accept.error} /> : null}
          {user.role === 'member' && (
            <Button type="primary" onClick={() => accept.mutate()} loading={accept.isPending} data-testid="accept-nda">
              {t('innovation.detail.acceptNda')}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}

function ApplicationsTab({ challenge }: { challenge: ChallengeView }) {
  const t = useT();
  const user = useCurrentUser();
  const applications = useApplications(challenge.id);
  // The answer of a submit (with similar items) outlives the form: the refetched challenge then
  // carries `myApplicationId` and the form itself is no longer offered.
  const [created, setCreated] = useState<ApplicationCreated>();
  const canApply = user.role === 'member' && !challenge.canManage && !challenge.myApplicationId && Boolean(user.org?.uscc);
  return (
    <div>
      {created && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          message={<span data-testid="apply-done">{t('innovation.apply.done')}</span>}
          description={created.similar.length > 0 ? <SimilarList items={created.similar} /> : undefined}
        />
      )}
      {canApply && !created && (challenge.isOpen ? <ApplyForm challenge={challenge} onCreated={setCreated} /> : <Alert type="warning" message={t(challenge.status === 'cancelled' ? 'innovation.cancel.closed' : 'innovation.apply.closed')} style={{ marginBottom: 12 }} data-testid="apply-closed" />)}
      {challenge.canManage && (
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <AssignBar challenge={challenge} />
          <Button href={apiUrl(`/challenges/${challenge.id}/applications/export`)} data-testid="applications-export">{t('innovation.apps.export')}</Button>
        </Space>
      )}
      {applications.error ? <ProblemAlert error={applications.error} /> : null}
      <ApplicationTable challenge={challenge} items={applications.data?.items ?? []} loading={applications.isFetching} />
    </div>
  );
}

function ApplyForm({ challenge, onCreated }: { challenge: ChallengeView; onCreated: (created: ApplicationCreated) => void }) {
  const t = useT();
  const user = useCurrentUser();
  const apply = useApply(challenge.id);
  return (
    <Card size="small" title={t('innovation.apply.title')} style={{ marginBottom: 16 }}>
      {apply.error ? <ProblemAlert error={apply.error} /> : null}
      <Form layout="vertical" onFinish={async (values: { proposal: string; team?: string; schedule?: string }) => onCreated(await apply.mutateAsync({ ...values, uscc: user.org!.uscc! }))}>
        <Form.Item name="proposal" label={t('innovation.apply.proposal')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={4} data-testid="apply-proposal" />
        </Form.Item>
        <Form.Item name="team" label={t('innovation.apply.team')}>
          <Input.TextArea rows={2} data-testid="apply-team" />
        </Form.Item>
        <Form.Item name="schedule" label={t('innovation.apply.schedule')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={apply.isPending} data-testid="apply-submit">
          {t('innovation.apply.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function SimilarList({ items }: { items: SimilarItem[] }) {
  const t = useT();
  return (
    <div data-testid="similar-items">
      <Typography.Text strong>{t('innovation.apply.similar')}</Typography.Text>
      <ul style={{ margin: 0, paddingLeft: 18 }}>
        {items.map((item, i) => (
          <li key={`${item.kind}-${item.id ?? i}`}>
            {item.kind === 'challenge' ? (
              <>
                {t('innovation.apply.similarChallenge')}: <Link to={`/challenges/${item.id}`}>{item.title}</Link>
              </>
            ) : item.id ? (
              `${t('innovation.apply.similarOwn')}: ${item.title}`
            ) : (
              `${t('innovation.apply.similarOther', { pct: Math.round(item.similarity * 100) })}: ${item.title}`
            )}{' '}
            <Typography.Text type="secondary">({Math.round(item.similarity * 100)}%)</Typography.Text>
          </li>
        ))}
      </ul>
    </div>
  );
}

function AssignBar({ challenge }: { challenge: ChallengeView }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const assign = useChallengeAction<{ perApplication: number }, { assignments: unknown[]; objective: number; gap: number }>(() => `/challenges/${challenge.id}/assign-reviewers`, (body) => body);
  const [perApplication, setPerApplication] = useState(challenge.reviewsPerApplication);
  return (
    <Space style={{ marginBottom: 12 }} wrap>
      <span>{t('innovation.field.reviewsPerApplication')}</span>
      <InputNumber min={1} max={9} value={perApplication} onChange={(v) => setPerApplication(v ?? 1)} />
      <Button
        type="primary"
        data-testid="assign-reviewers"
        loading={assign.isPending}
        onClick={async () => {
          try {
            const result = await assign.mutateAsync({ perApplication });
            message.success(t('innovation.assign.done', { n: result.assignments.length, objective: result.objective.toFixed(2), gap: (result.gap * 100).toFixed(2) }));
          } catch (err) {
            message.error(errorMessage(err, t));
          }
        }}
      >
        {t('innovation.assign.button')}
      </Button>
    </Space>
  );
}

function ApplicationTable({ challenge, items, loading }: { challenge: ChallengeView; items: ApplicationView[]; loading: boolean }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const user = useCurrentUser();
  const decide = useChallengeAction<{ applicationId: string; verb: 'shortlist' | 'award' | 'reject' | 'withdraw' }>((b) => `/challenges/${challenge.id}/applications/${b.applicationId}/${b.verb}`);
  const [assigning, setAssigning] = useState<string>();
  const run = async (applicationId: string, verb: 'shortlist' | 'award' | 'reject' | 'withdraw') => {
    try {
      await decide.mutateAsync({ applicationId, verb });
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };
  return (
    <>
      <Table<ApplicationView>
        data-testid="application-table"
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('innovation.apps.empty') }}
        scroll={{ x: 900 }}
        expandable={{ expandedRowRender: (a) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.proposal}{a.team ? `\n\n${t('innovation.apply.team')}：${a.team}` : ''}</Typography.Paragraph> }}
        columns={[
          { title: t('innovation.apps.applicant'), dataIndex: 'applicantName' },
          { title: t('innovation.field.status'), dataIndex: 'status', width: 110, render: (s: ApplicationView['status']) => <ApplicationStatusTag status={s} /> },
          ...(challenge.canManage
            ? [
                { title: t('innovation.apps.reviews'), key: 'reviews', width: 170, render: (_: unknown, a: ApplicationView) => (a.result ? <span data-testid="review-count">{a.result.submitted}/{a.result.reviews} {a.result.reviewers.map((r) => r.expertName).join('、')}</span> : '—') },
                {
                  title: t('innovation.apps.mean'), key: 'mean', width: 150,
                  render: (_: unknown, a: ApplicationView) => (
                    <Space size={4}>
                      <span data-testid="review-mean">{a.result?.mean ?? '—'}</span>
                      {a.result && a.result.min !== null && <Typography.Text type="secondary">({a.result.min}–{a.result.max})</Typography.Text>}
                      {a.result?.isDisagreement && <Tooltip title={t('innovation.threshold.tooltip', { threshold: challenge.disagreementThreshold })}><Tag color="red" data-testid="disagreement-flag">{t('innovation.apps.disagreement')}</Tag></Tooltip>}
                    </Space>
                  ),
                },
                {
                  title: t('innovation.apps.actions'), key: 'actions', width: 300,
                  render: (_: unknown, a: ApplicationView) => (
                    <Space size={4} wrap>
                      {a.status === 'submitted' && <Button size="small" onClick={() => run(a.id, 'shortlist')} data-testid="shortlist">{t('innovation.apps.shortlist')}</Button>}
                      {(a.status === 'submitted' || a.status === 'shortlisted') && (
                        <>
                          <Button size="small" type="primary" onClick={() => run(a.id, 'award')} data-testid="award">{t('innovation.apps.award')}</Button>
                          <Button size="small" danger onClick={() => run(a.id, 'reject')}>{t('innovation.apps.reject')}</Button>
                          <Button size="small" onClick={() => setAssigning(a.id)} data-testid="assign-by-hand">{t('innovation.apps.assignByHand')}</Button>
                        </>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
          ...(!challenge.canManage && user.role === 'member'
            ? [{
                title: t('innovation.apps.actions'), key: 'own', width: 140,
                render: (_: unknown, a: ApplicationView) => (a.status === 'submitted' || a.status === 'shortlisted') && (
                  <Popconfirm title={t('innovation.apps.withdrawConfirm')} onConfirm={() => run(a.id, 'withdraw')} okButtonProps={{ danger: true, 'data-testid': 'withdraw-confirm' }}>
                    <Button size="small" danger data-testid="withdraw">{t('innovation.apps.withdraw')}</Button>
                  </Popconfirm>
                ),
              }]
            : []),
        ]}
      />
      {assigning && <AssignByHandModal challenge={challenge} applicationId={assigning} onClose={() => setAssigning(undefined)} />}
    </>
  );
}

function AssignByHandModal({ challenge, applicationId, onClose }: { challenge: ChallengeView; applicationId: string; onClose: () => void }) {
  const t = useT();
  const experts = useExperts(true);
  const [expertId, setExpertId] = useState<string>();
  const assign = useChallengeAction<{ expertId: string }>(() => `/challenges/${challenge.id}/reviewers`, (b) => ({ applicationId, expertId: b.expertId }));
  return (
    <Modal
      open
      title={t('innovation.apps.assignByHand')}
      onCancel={onClose}
      okText={t('innovation.assign.submit')}
      okButtonProps={{ disabled: !expertId, loading: assign.isPending }}
      onOk={async () => {
        await assign.mutateAsync({ expertId: expertId! }).then(onClose, () => undefined);
      }}
    >
      {assign.error ? <ProblemAlert error={assign.error} /> : null}
      <Select
        showSearch
        optionFilterProp="label"
        data-testid="assign-expert-select"
        placeholder={t('innovation.assign.expert')}
        value={expertId}
        onChange={setExpertId}
        style={{ width: '100%' }}
        options={(experts.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name}（${x.affiliation || '—'}；${x.fields.join('、')}）` }))}
      />
    </Modal>
  );
}

function QaTab({ challenge }: { challenge: ChallengeView }) {
  const t = useT();
  const lang = useLang();
  const questions = useQuestions(challenge.id);
  const ask = useChallengeAction<{ question: string }>(() => `/challenges/${challenge.id}/questions`, (b) => b);
  const answer = useChallengeAction<{ questionId: string; answer: string }>((b) => `/challenges/${challenge.id}/questions/${b.questionId}/answer`, (b) => ({ answer: b.answer }));
  const [text, setText] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  return (
    <div>
      {ask.error || answer.error ? <ProblemAlert error={ask.error ?? answer.error} /> : null}
      <Space.Compact style={{ width: '100%', maxWidth: 720, marginBottom: 16 }}>
        <Input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('innovation.qa.placeholder')} />
        <Button type="primary" disabled={text.trim().length < 2} onClick={() => ask.mutateAsync({ question: text.trim() }).then(() => setText(''))}>
          {t('innovation.qa.ask')}
        </Button>
      </Space.Compact>
      <List
        locale={{ emptyText: t('innovation.qa.empty') }}
        dataSource={questions.data?.items ?? []}
        renderItem={(q) => (
          <List.Item>
            <List.Item.Meta
              title={<span>问：{q.question} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(lang, q.askedAt)}</Typography.Text></span>}
              description={
                q.answer ? (
                  <span>答：{q.answer}</span>
                ) : challenge.canManage ? (
                  <Space.Compact style={{ width: '100%', maxWidth: 600 }}>
                    <Input value={answers[q.id] ?? ''} onChange={(e) => setAnswers({ ...answers, [q.id]: e.target.value })} />
                    <Button onClick={() => answer.mutate({ questionId: q.id, answer: (answers[q.id] ?? '').trim() })}>{t('innovation.qa.answer')}</Button>
                  </Space.Compact>
                ) : (
                  <Tag>{t('innovation.qa.unanswered')}</Tag>
                )
              }
            />
          </List.Item>
        )}
      />
    </div>
  );
}

function MilestonesTab({ challenge }: { challenge: ChallengeView }) {
  const t = useT();
  const milestones = useMilestones(challenge.id);
  const applications = useApplications(challenge.id);
  const awarded = (applications.data?.items ?? []).filter((a) => a.status === 'awarded');
  const create = useChallengeAction<{ applicationId: string; title: string; dueDate: string; weightPct: number }>(() => `/challenges/${challenge.id}/milestones`, (b) => b);
  const advance = useChallengeAction<{ id: string; verb: 'deliver' | 'accept'; report?: string }>((b) => `/challenges/${challenge.id}/milestones/${b.id}/${b.verb}`, (b) => (b.verb === 'deliver' ? { report: b.report } : {}));
  const [form] = Form.useForm();
  const isAwardee = challenge.myApplicationId !== null && awarded.some((a) => a.id === challenge.myApplicationId);
  const items = milestones.data?.items ?? [];
  return (
    <div>
      {create.error || advance.error ? <ProblemAlert error={create.error ?? advance.error} /> : null}
      <div style={{ maxWidth: 420, marginBottom: 16 }}>
        {t('innovation.milestone.progress')}
        <Progress percent={milestones.data?.progressPct ?? 0} data-testid="milestone-progress" />
      </div>
      {items.length === 0 ? (
        <Empty description={t('innovation.milestone.empty')} />
      ) : (
        <Timeline
          items={items.map((m: MilestoneView) => ({
            color: m.status === 'accepted' ? 'green' : m.status === 'delivered' ? 'blue' : 'gray',
            children: (
              <div data-testid="milestone">
                <Space wrap>
                  <strong>{m.title}</strong>
                  <span>{t('innovation.milestone.due')} {m.dueDate}</span>
                  <Tag>{m.weightPct}%</Tag>
                  <Tag color={m.status === 'accepted' ? 'green' : m.status === 'delivered' ? 'blue' : 'default'}>{t(`innovation.milestone.${m.status}`)}</Tag>
                  {challenge.canManage && m.status === 'delivered' && <Button size="small" type="primary" onClick={() => advance.mutate({ id: m.id, verb: 'accept' })} data-testid="milestone-accept">{t('innovation.milestone.accept')}</Button>}
                  {isAwardee && m.status !== 'accepted' && <DeliverButton onDeliver={(report) => advance.mutateAsync({ id: m.id, verb: 'deliver', report })} />}
                </Space>
                {m.report && <div className="muted">{m.report}</div>}
              </div>
            ),
          }))}
        />
      )}
      {challenge.canManage && awarded.length > 0 && (
        <Card size="small" title={t('innovation.milestone.add')} style={{ maxWidth: 720 }}>
          <Form form={form} layout="inline" initialValues={{ applicationId: awarded[0].id, dueDate: addDays(todayInShanghai(), 60), weightPct: 25 }} onFinish={async (v) => { await create.mutateAsync(v); form.resetFields(['title']); }}>
            <Form.Item name="applicationId" label={t('innovation.milestone.application')}>
              <Select style={{ width: 200 }} options={awarded.map((a) => ({ value: a.id, label: a.applicantName }))} />
            </Form.Item>
            <Form.Item name="title" rules={[{ required: true, min: 2 }]}>
              <Input placeholder={t('innovation.milestone.title')} data-testid="milestone-title" />
            </Form.Item>
            <Form.Item name="dueDate"><Input type="date" /></Form.Item>
            <Form.Item name="weightPct" label={t('innovation.milestone.weight')}><InputNumber min={1} max={100} /></Form.Item>
            <Button htmlType="submit" type="primary" data-testid="milestone-add">{t('innovation.milestone.add')}</Button>
          </Form>
        </Card>
      )}
    </div>
  );
}

function DeliverButton({ onDeliver }: { onDeliver: (report: string) => Promise<unknown> }) {
  const t = useT();
  const [report, setReport] = useState('');
  return (
    <Space.Compact>
      <Input size="small" value={report} onChange={(e) => setReport(e.target.value)} placeholder={t('innovation.milestone.report')} />
      <Button size="small" disabled={report.trim().length < 2} onClick={() => onDeliver(report.trim()).then(() => setReport(''))}>{t('innovation.milestone.deliver')}</Button>
    </Space.Compact>
  );
}

function StatisticsTab({ challenge }: { challenge: ChallengeView }) {
  const t = useT();
  const stats = useChallengeStatistics(challenge.id, challenge.canManage);
  const trendOption = useMemo(() => (stats.data ? trendChartOption(stats.data.trend) : undefined), [stats.data]);
  if (!stats.data) return <Card loading />;
  return (
    <div>
      <ThresholdCard challenge={challenge} />
      <Card size="small" title={t('innovation.stats.trendChart')} style={{ marginBottom: 16 }}>
        {stats.data.trend.length === 0 ? <Empty description={t('innovation.stats.trendEmpty')} /> : <DashboardChart option={trendOption!} height={240} data-testid="stats-trend-chart" />}
      </Card>
      <Space align="start" size={32} wrap>
        <Descriptions column={1} size="small" title={t('innovation.stats.applicants')}>
          <Descriptions.Item label={t('innovation.stats.applicants')}><span data-testid="stats-applicants">{stats.data.applicants}</span></Descriptions.Item>
          {Object.entries(stats.data.byStatus).map(([status, n]) => (
            <Descriptions.Item key={status} label={t(`innovation.appStatus.${status as ApplicationView['status']}`)}>{n}</Descriptions.Item>
          ))}
          <Descriptions.Item label={t('innovation.milestone.progress')}>{stats.data.progressPct}%</Descriptions.Item>
        </Descriptions>
        <Table data-testid="stats-by-region" size="small" pagination={false} rowKey="regionCode" title={() => t('innovation.stats.byRegion')} dataSource={stats.data.byRegion} columns={[{ title: t('innovation.apps.region'), dataIndex: 'regionName' }, { title: '#', dataIndex: 'count', width: 60 }]} />
        <Table data-testid="stats-trend" size="small" pagination={false} rowKey="date" title={() => t('innovation.stats.trend')} dataSource={stats.data.trend} columns={[{ title: t('innovation.booking.date'), dataIndex: 'date' }, { title: '#', dataIndex: 'count', width: 60 }]} />
      </Space>
    </div>
  );
}

/** Applications per business day from the first to the last, days without any shown as 0. */
export function trendChartOption(trend: readonly { date: string; count: number }[]): ChartOption {
  const byDate = new Map(trend.map((d) => [d.date, d.count]));
  const days: string[] = [];
  if (trend.length > 0) {
    const last = trend[trend.length - 1].date;
    for (let day = trend[0].date; day <= last && days.length < 400; day = addDays(day, 1)) days.push(day);
  }
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 32 },
    xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: days.map((d) => byDate.get(d) ?? 0), itemStyle: { color: '#1677ff' }, barMaxWidth: 32 }],
  };
}

/** 评分分歧阈值: shown to the managers, editable by the publisher until the review concludes. */
function ThresholdCard({ challenge }: { challenge: ChallengeView }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const applications = useApplications(challenge.id);
  const save = useSetDisagreementThreshold(challenge.id);
  const [value, setValue] = useState<number | null>(challenge.disagreementThreshold);
  const flagged = (applications.data?.items ?? []).filter((a) => a.result?.isDisagreement).length;
  const [fieldError, setFieldError] = useState<string>();
  const submit = async () => {
    setFieldError(undefined);
    try {
      await save.mutateAsync(value as number);
      message.success(t('innovation.threshold.saved'));
    } catch (err) {
      const own = err instanceof ApiError ? err.fieldErrors.find((e) => e.path === 'disagreementThreshold') : undefined;
      setFieldError(own?.message ?? errorMessage(err, t));
    }
  };
  return (
    <Card size="small" title={t('innovation.threshold.title')} style={{ marginBottom: 16 }} data-testid="threshold-card">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('innovation.threshold.hint')}</Typography.Paragraph>
      <Space wrap align="start">
        <Form.Item validateStatus={fieldError ? 'error' : undefined} help={fieldError} style={{ marginBottom: 0 }}>
          <InputNumber value={value} onChange={setValue} disabled={!challenge.canSetThreshold} addonAfter="分" style={{ width: 140 }} data-testid="threshold-input" />
        </Form.Item>
        {challenge.canSetThreshold ? (
          <Button type="primary" onClick={submit} loading={save.isPending} disabled={value === challenge.disagreementThreshold} data-testid="threshold-save">{t('innovation.threshold.save')}</Button>
        ) : (
          challenge.canManage && <Typography.Text type="secondary">{t('innovation.threshold.locked')}</Typography.Text>
        )}
        <Tag color={flagged > 0 ? 'red' : 'default'} style={{ marginTop: 4 }} data-testid="threshold-flagged">{t('innovation.threshold.flagged', { n: flagged })}</Tag>
      </Space>
    </Card>
  );
}
