import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Col, Descriptions, Empty, Form, Input, List, Modal, Rate, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { CONSULTATION_STATUSES, URGENCIES, type ConsultationStatus, type ConsultationView, type CreateConsultationBody, type Urgency } from '../../../contracts/talent';
import { apiUrl } from '../../api';
import { CursorPager } from '../../components/CursorPager';
import { ModuleNav, type ModuleNavItem } from '../../components/ModuleNav';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLang, useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { applyProblemToForm } from '../../lib/problem';
import { useCursorPages } from '../../lib/useCursorPages';
import { useCurrentUser } from '../../queries/auth';
import { useAnswerConsultation, useCommittees, useConsultation, useConsultationList, useConsultationStatistics, useCreateConsultation, useRateConsultation } from '../../queries/talent';

const PAGE_SIZE = 20;
const STATUS_COLORS: Record<ConsultationStatus, string> = { open: 'orange', answered: 'blue', closed: 'green' };
const URGENCY_COLORS: Record<Urgency, string> = { low: 'default', normal: 'gold', high: 'red' };

export function ConsultationStatusTag({ status }: { status: ConsultationStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLORS[status]} data-testid="consultation-status">{t(`talent.consultation.status.${status}`)}</Tag>;
}

function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const t = useT();
  return <Tag color={URGENCY_COLORS[urgency]}>{t(`talent.urgency.${urgency}`)}</Tag>;
}

const TALENT_TABS: readonly ModuleNavItem[] = [
  { path: '/consultations', labelKey: 'talent.nav.consultations' },
  { path: '/committees', labelKey: 'talent.nav.committees', testId: 'nav-committees' },
  { path: '/courses', labelKey: 'talent.nav.courses', testId: 'nav-courses' },
  { path: '/secondments', labelKey: 'talent.nav.secondments', testId: 'nav-secondments' },
  { path: '/talent-events', labelKey: 'talent.nav.events', testId: 'nav-events' },
  { path: '/experts', labelKey: 'talent.nav.experts', testId: 'nav-experts' },
];

/** Switches between the talent pages (consultations, committees, courses, secondments, programmes and events). */
export function TalentNav() {
  const user = useCurrentUser();
  // The expert pool is for those who pick experts (gov, members, admins), not for experts.
  return <ModuleNav items={user.role === 'expert' ? TALENT_TABS.filter((tab) => tab.path !== '/experts') : TALENT_TABS} />;
}

/** 专家咨询: an SME's requests, an expert's inbox, a region's list with figures. */
export function ConsultationListPage() {
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const [status, setStatus] = useState<ConsultationStatus | undefined>();
  const [isCreating, setCreating] = useState(false);
  const pages = useCursorPages(status ?? '');
  const list = useConsultationList({ status }, { cursor: pages.cursor, limit: PAGE_SIZE });
  const canAsk = user.role === 'member' && Boolean(user.org?.uscc);
  const isExpert = user.role === 'expert';
  return (
    <div data-testid="consultation-list-page">
      <TalentNav />
      <PageHeader
        title={t(isExpert ? 'talent.consultations.inbox' : 'talent.consultations.title')}
        subTitle={t(isExpert ? 'talent.consultations.inboxSubtitle' : 'talent.consultations.subtitle')}
        extra={
          <Space>
            {!isExpert && <Button href={apiUrl('/consultations/export', { status })} data-testid="consultations-export">{t('talent.export')}</Button>}
            {canAsk && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="consultation-create-button">{t('talent.consultations.create')}</Button>}
          </Space>
        }
      />
      {!isExpert && <ConsultationFigures />}
      <Card className="table-card">
        <Space style={{ marginBottom: 12 }}>
          <Select<ConsultationStatus>
            allowClear
            placeholder={t('talent.filter.status')}
            style={{ width: 160 }}
            value={status}
            onChange={setStatus}
            options={CONSULTATION_STATUSES.map((s) => ({ value: s, label: t(`talent.consultation.status.${s}`) }))}
          />
        </Space>
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<ConsultationView>
          data-testid="consultation-table"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1280 }}
          locale={{ emptyText: t(isExpert ? 'talent.consultations.inboxEmpty' : 'talent.consultations.empty') }}
          columns={[
            { title: t('talent.field.field'), dataIndex: 'field', width: 130, render: (f: string) => <span style={{ whiteSpace: 'nowrap' }}>{f}</span> },
            {
              title: t('talent.field.question'), dataIndex: 'question',
              render: (q: string, r) => <Link to={`/consultations/${r.id}`} data-testid="consultation-link"><Typography.Text ellipsis style={{ maxWidth: 420 }}>{q}</Typography.Text></Link>,
            },
            ...(user.role === 'member' ? [] : [{ title: t('talent.field.requester'), dataIndex: 'requesterName', width: 200 }]),
            { title: t('talent.field.urgency'), dataIndex: 'urgency', width: 100, render: (u: Urgency) => <UrgencyTag urgency={u} /> },
            { title: t('talent.field.status'), dataIndex: 'status', width: 90, render: (s: ConsultationStatus) => <ConsultationStatusTag status={s} /> },
            {
              title: t('talent.field.experts'), key: 'experts', width: 170,
              render: (_: unknown, r) => r.routes.map((x) => x.expertName).join('、') + (r.committeeName ? `（${r.committeeName}）` : ''),
            },
            { title: t('talent.field.rating'), dataIndex: 'rating', width: 110, render: (v: number | null) => (v === null ? '—' : <span style={{ color: '#fadb14', whiteSpace: 'nowrap' }} title={`${v}/5`}>{'★'.repeat(v)}<span style={{ color: '#d9d9d9' }}>{'★'.repeat(5 - v)}</span></span>) },
            { title: t('talent.field.createdAt'), dataIndex: 'createdAt', width: 150, render: (at: string) => formatDateTime(lang, at) },
            {
              title: '', key: 'open', width: 90,
              render: (_: unknown, r) => (
                <Link to={`/consultations/${r.id}`} data-testid="consultation-open">
                  <Button size="small" type={r.canAnswer && r.status === 'open' ? 'primary' : 'default'}>{t(r.canAnswer ? 'talent.consultations.answer' : 'talent.consultations.view')}</Button>
                </Link>
              ),
            },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
      {isCreating && <ConsultationCreateModal onClose={() => setCreating(false)} />}
    </div>
  );
}

/** Figures above the list: by status, mean rating, time to the first answer. */
function ConsultationFigures() {
  const t = useT();
  const stats = useConsultationStatistics(true);
  if (!stats.data) return null;
  const s = stats.data;
  return (
    <Row gutter={16} style={{ marginBottom: 16 }} data-testid="consultation-figures">
      <Col span={4}><Card size="small"><Statistic title={t('talent.figures.total')} value={s.total} /></Card></Col>
      <Col span={4}><Card size="small"><Statistic title={t('talent.consultation.status.open')} value={s.byStatus.open ?? 0} /></Card></Col>
      <Col span={4}><Card size="small"><Statistic title={t('talent.consultation.status.answered')} value={s.byStatus.answered ?? 0} /></Card></Col>
      <Col span={4}><Card size="small"><Statistic title={t('talent.consultation.status.closed')} value={s.byStatus.closed ?? 0} /></Card></Col>
      <Col span={4}><Card size="small"><Statistic title={t('talent.figures.meanRating')} value={s.meanRating ?? '—'} suffix={s.meanRating === null ? undefined : '/ 5'} /></Card></Col>
      <Col span={4}><Card size="small"><Statistic title={t('talent.figures.hoursToAnswer')} value={s.meanHoursToFirstAnswer ?? '—'} suffix={s.meanHoursToFirstAnswer === null ? undefined : t('talent.figures.hours')} /></Card></Col>
    </Row>
  );
}

/** The request form: field, question, urgency, optionally a committee. */
function ConsultationCreateModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const create = useCreateConsultation();
  const committees = useCommittees();
  const [form] = Form.useForm<CreateConsultationBody>();
  return (
    <Modal
      open
      title={t('talent.consultations.create')}
      onCancel={onClose}
      width={640}
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="consultation-submit">{t('talent.consultations.submit')}</Button>,
      ]}
    >
      {create.error ? <ProblemAlert error={create.error} /> : null}
      <Form<CreateConsultationBody>
        form={form}
        layout="vertical"
        initialValues={{ urgency: 'normal' }}
        onFinish={async (values) => {
          try {
            const created = await create.mutateAsync({ ...values, committeeId: values.committeeId || undefined });
            message.success(t('talent.consultations.created', { n: created.routes.length }));
            onClose();
            navigate(`/consultations/${created.id}`);
          } catch (err) {
            applyProblemToForm(form, err, { controls: ['field', 'question', 'urgency', 'committeeId'] });
          }
        }}
      >
        <Form.Item name="field" label={t('talent.field.field')} extra={t('talent.consultations.fieldHint')} rules={[{ required: true, min: 2 }]}>
          <Input data-testid="consultation-field" maxLength={40} />
        </Form.Item>
        <Form.Item name="question" label={t('talent.field.question')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={5} data-testid="consultation-question" maxLength={5000} />
        </Form.Item>
        <Form.Item name="urgency" label={t('talent.field.urgency')}>
          <Select data-testid="consultation-urgency" options={URGENCIES.map((u) => ({ value: u, label: t(`talent.urgency.${u}`) }))} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="committeeId" label={t('talent.field.committee')} extra={t('talent.consultations.committeeHint')}>
          <Select allowClear data-testid="consultation-committee" options={(committees.data?.items ?? []).filter((k) => k.isActive).map((k) => ({ value: k.id, label: `${k.name}（${k.field}）` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 咨询详情: the question, each routed expert's answer, the expert's answer form, the SME's rating. */
export function ConsultationDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const lang = useLang();
  const consultation = useConsultation(id);
  if (consultation.error) return <ProblemAlert error={consultation.error} />;
  if (!consultation.data) return <Card loading />;
  const c = consultation.data;
  return (
    <div data-testid="consultation-detail-page">
      <TalentNav />
      <PageHeader title={`${t('talent.consultations.one')} · ${c.field}`} subTitle={<Space><ConsultationStatusTag status={c.status} /><UrgencyTag urgency={c.urgency} /></Space>} />
      <Card>
        <Descriptions column={2} size="small">
          <Descriptions.Item label={t('talent.field.requester')}>{c.requesterName}</Descriptions.Item>
          <Descriptions.Item label={t('talent.field.createdAt')}>{formatDateTime(lang, c.createdAt)}</Descriptions.Item>
          {c.committeeName ? <Descriptions.Item label={t('talent.field.committee')} span={2}>{c.committeeName}</Descriptions.Item> : null}
          <Descriptions.Item label={t('talent.field.question')} span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="consultation-question-text">{c.question}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card style={{ marginTop: 16 }} title={t('talent.consultations.answers')}>
        <List
          dataSource={c.routes}
          locale={{ emptyText: <Empty description={t('talent.consultations.noRoutes')} /> }}
          renderItem={(r) => (
            <List.Item data-testid="consultation-route">
              <List.Item.Meta
                title={<Space>{r.expertName}<Typography.Text type="secondary">{r.expertAffiliation}</Typography.Text><Tag>{t('talent.consultations.match', { pct: Math.round(r.score * 100) })}</Tag></Space>}
                description={
                  r.answer !== null ? (
                    <div>
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0, color: 'rgba(0,0,0,0.88)' }} data-testid="consultation-answer">{r.answer}</Typography.Paragraph>
                      <Typography.Text type="secondary">{r.answeredAt ? formatDateTime(lang, r.answeredAt) : ''}</Typography.Text>
                    </div>
                  ) : (
                    <Typography.Text type="secondary">{t('talent.consultations.awaiting')}</Typography.Text>
                  )
                }
              />
            </List.Item>
          )}
        />
      </Card>
      {c.canAnswer && <AnswerForm consultation={c} />}
      {c.canRate && <RateForm id={c.id} />}
      {c.rating !== null && (
        <Card style={{ marginTop: 16 }} title={t('talent.consultations.rating')}>
          <Space direction="vertical">
            <Rate disabled value={c.rating} data-testid="consultation-rating" />
            {c.ratingComment ? <Typography.Text>{c.ratingComment}</Typography.Text> : null}
          </Space>
        </Card>
      )}
    </div>
  );
}

function AnswerForm({ consultation }: { consultation: ConsultationView }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const answer = useAnswerConsultation(consultation.id);
  const own = consultation.routes.find((r) => r.isMine);
  return (
    <Card style={{ marginTop: 16 }} title={t(own?.answer ? 'talent.consultations.reviseAnswer' : 'talent.consultations.yourAnswer')}>
      {answer.error ? <ProblemAlert error={answer.error} /> : null}
      <Form<{ answer: string }>
        layout="vertical"
        initialValues={{ answer: own?.answer ?? '' }}
        onFinish={async (values) => {
          await answer.mutateAsync(values);
          message.success(t('talent.consultations.answered'));
        }}
      >
        <Form.Item name="answer" rules={[{ required: true, min: 2 }]}><Input.TextArea rows={6} data-testid="answer-input" maxLength={10_000} /></Form.Item>
        <Button type="primary" htmlType="submit" loading={answer.isPending} data-testid="answer-submit">{t('talent.consultations.sendAnswer')}</Button>
      </Form>
    </Card>
  );
}

function RateForm({ id }: { id: string }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const rate = useRateConsultation(id);
  return (
    <Card style={{ marginTop: 16 }} title={t('talent.consultations.rateTitle')}>
      {rate.error ? <ProblemAlert error={rate.error} /> : null}
      <Form<{ rating: number; comment?: string }>
        layout="vertical"
        onFinish={async (values) => {
          await rate.mutateAsync(values);
          message.success(t('talent.consultations.rated'));
        }}
      >
        <Form.Item name="rating" label={t('talent.field.rating')} rules={[{ required: true }]}><Rate data-testid="rate-stars" /></Form.Item>
        <Form.Item name="comment" label={t('talent.consultations.comment')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
        <Button type="primary" htmlType="submit" loading={rate.isPending} data-testid="rate-submit">{t('talent.consultations.rateSubmit')}</Button>
      </Form>
    </Card>
  );
}
