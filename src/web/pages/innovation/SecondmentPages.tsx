import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Rate, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  SECONDMENT_KINDS, SECONDMENT_STATUSES, type CreateSecondmentBody, type SecondmentKind, type SecondmentReportStatus, type SecondmentReportView, type SecondmentStatus, type SecondmentView,
} from '../../../contracts/talent';
import { apiUrl } from '../../api';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n';
import { applyProblemToForm } from '../../lib/problem';
import { useCursorPages } from '../../lib/useCursorPages';
import { useCurrentUser } from '../../queries/auth';
import { useExperts } from '../../queries/innovation';
import { useCreateSecondment, useDecideSecondmentReport, useSecondment, useSecondmentAction, useSecondmentList, useSecondmentReport, useSecondmentStatistics } from '../../queries/talent';
import { TalentNav } from './ConsultationPages';

const PAGE_SIZE = 20;
const STATUS_COLORS: Record<SecondmentStatus, string> = { proposed: 'orange', active: 'blue', completed: 'green', cancelled: 'default' };
const REPORT_COLORS: Record<SecondmentReportStatus, string> = { submitted: 'orange', confirmed: 'green', returned: 'red' };

function SecondmentStatusTag({ status }: { status: SecondmentStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLORS[status]} data-testid="secondment-status">{t(`talent.secondments.status.${status}`)}</Tag>;
}

function KindTag({ kind }: { kind: SecondmentKind }) {
  const t = useT();
  return <Tag color={kind === 'resident' ? 'purple' : 'cyan'}>{t(`talent.secondments.kind.${kind}`)}</Tag>;
}

/** 人才派驻: the parties' secondments, an engineer's own, a region's with figures. */
export function SecondmentListPage() {
  const t = useT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [status, setStatus] = useState<SecondmentStatus | undefined>();
  const [kind, setKind] = useState<SecondmentKind | undefined>();
  const [isCreating, setCreating] = useState(false);
  const pages = useCursorPages(`${status ?? ''}:${kind ?? ''}`);
  const list = useSecondmentList({ status, kind }, { cursor: pages.cursor, limit: PAGE_SIZE });
  const canCreate = (user.role === 'member' && Boolean(user.org?.uscc)) || user.role === 'gov' || user.role === 'platform_admin';
  return (
    <div data-testid="secondment-list-page">
      <TalentNav />
      <PageHeader
        title={t('talent.secondments.title')}
        subTitle={t('talent.secondments.subtitle')}
        extra={
          <Space>
            <Button href={apiUrl('/secondments/export', { status, kind })} data-testid="secondments-export">{t('talent.export')}</Button>
            {canCreate && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="secondment-create-button">{t('talent.secondments.create')}</Button>}
          </Space>
        }
      />
      <SecondmentFigures showRegions={user.role === 'gov' || user.role === 'platform_admin'} />
      <Card className="table-card">
        <Space style={{ marginBottom: 12 }} wrap>
          <Select<SecondmentStatus> allowClear placeholder={t('talent.filter.status')} style={{ width: 160 }} value={status} onChange={setStatus} options={SECONDMENT_STATUSES.map((s) => ({ value: s, label: t(`talent.secondments.status.${s}`) }))} />
          <Select<SecondmentKind> allowClear placeholder={t('talent.secondments.kindLabel')} style={{ width: 160 }} value={kind} onChange={setKind} options={SECONDMENT_KINDS.map((k) => ({ value: k, label: t(`talent.secondments.kind.${k}`) }))} />
        </Space>
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<SecondmentView>
          data-testid="secondment-table"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: t('talent.secondments.empty') }}
          onRow={(s) => ({ onClick: () => navigate(`/secondments/${s.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('talent.secondments.engineer'), key: 'engineer', width: 150, render: (_: unknown, s) => <Link to={`/secondments/${s.id}`} data-testid="secondment-link">{s.engineerName}{s.engineerTitle ? <span className="muted"> · {s.engineerTitle}</span> : null}</Link> },
            { title: t('talent.secondments.kindLabel'), dataIndex: 'kind', width: 110, render: (k: SecondmentKind) => <KindTag kind={k} /> },
            { title: t('talent.secondments.sender'), dataIndex: 'senderName', width: 200 },
            { title: t('talent.secondments.host'), dataIndex: 'hostName', width: 200 },
            { title: t('talent.secondments.dates'), key: 'dates', width: 200, render: (_: unknown, s) => <span style={{ whiteSpace: 'nowrap' }}>{s.startsOn} ~ {s.endsOn}</span> },
            { title: t('talent.secondments.confirmed'), key: 'time', width: 140, render: (_: unknown, s) => t('talent.secondments.daysHours', { days: s.confirmedDays, hours: s.confirmedHours }) },
            { title: t('talent.field.status'), dataIndex: 'status', width: 120, render: (v: SecondmentStatus) => <SecondmentStatusTag status={v} /> },
            { title: t('talent.field.rating'), dataIndex: 'rating', width: 150, render: (r: number | null) => (r === null ? '—' : <Rate disabled value={r} style={{ fontSize: 14 }} />) },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
      {isCreating && <SecondmentCreateModal onClose={() => setCreating(false)} onCreated={(id) => navigate(`/secondments/${id}`)} />}
    </div>
  );
}

function SecondmentFigures({ showRegions }: { showRegions: boolean }) {
  const t = useT();
  const figures = useSecondmentStatistics();
  const f = figures.data;
  if (!f) return null;
  return (
    <Card style={{ marginBottom: 16 }} data-testid="secondment-figures">
      <Row gutter={16}>
        <Col xs={12} md={5}><Statistic title={t('talent.secondments.figures.total')} value={f.total} /></Col>
        <Col xs={12} md={5}><Statistic title={t('talent.secondments.figures.active')} value={f.byStatus.active ?? 0} /></Col>
        <Col xs={12} md={5}><Statistic title={t('talent.secondments.figures.days')} value={f.confirmedDays} /></Col>
        <Col xs={12} md={5}><Statistic title={t('talent.secondments.figures.hours')} value={f.confirmedHours} /></Col>
        <Col xs={12} md={4}><Statistic title={t('talent.secondments.figures.rating')} value={f.meanRating ?? '—'} /></Col>
      </Row>
      {showRegions && f.byRegion.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('talent.secondments.byRegion')}</Typography.Title>
          <Table
            size="small"
            rowKey="regionCode"
            data-testid="secondment-regions"
            pagination={false}
            dataSource={f.byRegion}
            columns={[
              { title: t('talent.secondments.region'), dataIndex: 'regionName' },
              { title: t('talent.secondments.count'), dataIndex: 'count', width: 90 },
              { title: t('talent.secondments.figures.active'), dataIndex: 'active', width: 90 },
              { title: t('talent.secondments.completed'), dataIndex: 'completed', width: 90 },
              { title: t('talent.secondments.figures.days'), dataIndex: 'confirmedDays', width: 130 },
              { title: t('talent.secondments.figures.hours'), dataIndex: 'confirmedHours', width: 130 },
              { title: t('talent.secondments.figures.rating'), dataIndex: 'meanRating', width: 100, render: (r: number | null) => r ?? '—' },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** A period's planned days or hours; none planned (0) shows as a dash, not as a plan of zero. */
const plannedOrDash = (n: number) => (n > 0 ? n : '—');

type PeriodForm = { dates: [Dayjs, Dayjs]; plannedDays?: number; plannedHours?: number };
type SecondmentForm = Omit<CreateSecondmentBody, 'goals' | 'periods'> & { goalsText: string; periods: PeriodForm[] };

function SecondmentCreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const t = useT();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const create = useCreateSecondment();
  const experts = useExperts(true);
  const [form] = Form.useForm<SecondmentForm>();
  const isMember = user.role === 'member';
  return (
    <Modal
      open
      width={720}
      title={t('talent.secondments.create')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="secondment-submit">{t('common.save')}</Button>,
      ]}
    >
      {create.error ? <ProblemAlert error={create.error} /> : null}
      <Form<SecondmentForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'part_time_guidance', periods: [{}] }}
        onFinish={async ({ goalsText, periods, ...values }) => {
          try {
            const created = await create.mutateAsync({
              ...values,
              goals: goalsText.split('\n').map((g) => g.trim()).filter(Boolean),
              periods: periods.map((p) => ({ startsOn: p.dates[0].format('YYYY-MM-DD'), endsOn: p.dates[1].format('YYYY-MM-DD'), plannedDays: p.plannedDays, plannedHours: p.plannedHours })),
            });
            message.success(t('common.saved'));
            onCreated(created.id);
          } catch (err) {
            applyProblemToForm(form, err, { controls: ['kind', 'senderUscc', 'hostUscc', 'expertId', 'engineerName', 'engineerTitle', 'field', 'goals'], lists: ['periods'] });
          }
        }}
      >
        <Space wrap>
          <Form.Item name="kind" label={t('talent.secondments.kindLabel')} rules={[{ required: true }]}>
            <Select data-testid="secondment-kind" style={{ width: 160 }} options={SECONDMENT_KINDS.map((k) => ({ value: k, label: t(`talent.secondments.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="field" label={t('talent.field.field')}><Input style={{ width: 200 }} maxLength={40} /></Form.Item>
        </Space>
        {!isMember && <Form.Item name="senderUscc" label={t('talent.secondments.senderUscc')} rules={[{ required: true }]}><Input maxLength={18} /></Form.Item>}
        <Form.Item name="hostUscc" label={t('talent.secondments.hostUscc')} rules={[{ required: true }]}><Input data-testid="secondment-host" maxLength={18} /></Form.Item>
        <Space wrap>
          <Form.Item name="expertId" label={t('talent.secondments.expert')}>
            <Select
              allowClear showSearch optionFilterProp="label" style={{ width: 260 }} data-testid="secondment-expert" loading={experts.isFetching}
              options={(experts.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name}${x.affiliation ? ` · ${x.affiliation}` : ''}` }))}
            />
          </Form.Item>
          <Form.Item name="engineerName" label={t('talent.secondments.engineer')}><Input data-testid="secondment-engineer" style={{ width: 160 }} maxLength={40} /></Form.Item>
          <Form.Item name="engineerTitle" label={t('talent.secondments.engineerTitle')}><Input style={{ width: 160 }} maxLength={60} /></Form.Item>
        </Space>
        <Form.Item name="goalsText" label={t('talent.secondments.goals')} extra={t('talent.secondments.goalsHelp')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} data-testid="secondment-goals" />
        </Form.Item>
        <Typography.Text strong>{t('talent.secondments.periods')}</Typography.Text>
        <Form.List name="periods">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Space key={field.key} align="baseline" wrap style={{ display: 'flex', marginTop: 8 }}>
                  <span className="muted">{t('talent.secondments.period', { n: index + 1 })}</span>
                  <Form.Item name={[field.name, 'dates']} rules={[{ required: true }]} style={{ marginBottom: 0 }}><DatePicker.RangePicker data-testid={`secondment-period-${index}`} /></Form.Item>
                  <Form.Item name={[field.name, 'plannedDays']} style={{ marginBottom: 0 }}><InputNumber min={0} max={366} placeholder={t('talent.secondments.plannedDays')} style={{ width: 110 }} /></Form.Item>
                  <Form.Item name={[field.name, 'plannedHours']} style={{ marginBottom: 0 }}><InputNumber min={0} max={5000} placeholder={t('talent.secondments.plannedHours')} style={{ width: 110 }} /></Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />} style={{ marginTop: 8 }}>{t('talent.secondments.addPeriod')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** One secondment: plan, periods, reports and the actions of the caller's role. */
export function SecondmentDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { message } = AntApp.useApp();
  const query = useSecondment(id);
  const action = useSecondmentAction(id);
  const decide = useDecideSecondmentReport();
  const [isReporting, setReporting] = useState(false);
  const [isRating, setRating] = useState(false);
  const [returning, setReturning] = useState<SecondmentReportView | null>(null);
  const s = query.data;
  if (query.error) return <ProblemAlert error={query.error} />;
  if (!s) return <Card loading />;
  const run = async (verb: 'confirm' | 'cancel', done: string) => {
    await action.mutateAsync({ verb });
    message.success(done);
  };
  return (
    <div data-testid="secondment-detail-page">
      <TalentNav />
      <PageHeader
        title={<Space>{s.engineerName}<KindTag kind={s.kind} /><SecondmentStatusTag status={s.status} /></Space>}
        subTitle={<Link to="/secondments">{t('talent.secondments.back')}</Link>}
        extra={
          <Space>
            {s.canConfirm && <Button type="primary" loading={action.isPending} onClick={() => run('confirm', t('talent.secondments.planConfirmed'))} data-testid="secondment-confirm">{t('talent.secondments.confirmPlan')}</Button>}
            {s.canReport && <Button type="primary" onClick={() => setReporting(true)} data-testid="secondment-report-button">{t('talent.secondments.addReport')}</Button>}
            {s.canRate && <Button type="primary" onClick={() => setRating(true)} data-testid="secondment-rate-button">{t('talent.secondments.rate')}</Button>}
            {s.canCancel && (
              <Popconfirm title={t('talent.secondments.cancelConfirm')} onConfirm={() => run('cancel', t('talent.secondments.cancelled'))}>
                <Button danger data-testid="secondment-cancel">{t('talent.secondments.cancel')}</Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      {action.error ? <ProblemAlert error={action.error} /> : null}
      {decide.error ? <ProblemAlert error={decide.error} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('talent.secondments.sender')}>{s.senderName}</Descriptions.Item>
          <Descriptions.Item label={t('talent.secondments.host')}>{s.hostName}</Descriptions.Item>
          <Descriptions.Item label={t('talent.secondments.engineer')}>{[s.engineerName, s.engineerTitle].filter(Boolean).join(' · ')}</Descriptions.Item>
          <Descriptions.Item label={t('talent.field.field')}>{s.field || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('talent.secondments.dates')}>{s.startsOn} ~ {s.endsOn}</Descriptions.Item>
          <Descriptions.Item label={t('talent.secondments.confirmed')}><span data-testid="secondment-confirmed-time">{t('talent.secondments.daysHours', { days: s.confirmedDays, hours: s.confirmedHours })}</span></Descriptions.Item>
          {s.rating !== null && <Descriptions.Item label={t('talent.field.rating')}><Space><Rate disabled value={s.rating} />{s.ratingComment}</Space></Descriptions.Item>}
        </Descriptions>
        {s.status === 'active' && !s.canRate && s.canDecideReports && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('talent.secondments.ratingWaits', { date: s.endsOn })}</Typography.Paragraph>}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card title={t('talent.secondments.goals')} style={{ marginBottom: 16 }}>
            <ol style={{ margin: 0, paddingLeft: 20 }}>{s.goals.map((g) => <li key={g}>{g}</li>)}</ol>
          </Card>
          <Card title={t('talent.secondments.periods')} style={{ marginBottom: 16 }}>
            <Table
              size="small" rowKey="id" pagination={false} dataSource={s.periods}
              columns={[
                { title: '#', dataIndex: 'seq', width: 40 },
                { title: t('talent.secondments.dates'), key: 'dates', render: (_: unknown, p) => <span style={{ whiteSpace: 'nowrap' }}>{p.startsOn} ~ {p.endsOn}</span> },
                { title: t('talent.secondments.plannedDays'), dataIndex: 'plannedDays', width: 80, render: plannedOrDash },
                { title: t('talent.secondments.plannedHours'), dataIndex: 'plannedHours', width: 80, render: plannedOrDash },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('talent.secondments.reports')}>
            <Table<SecondmentReportView>
              data-testid="secondment-reports"
              size="small" rowKey="id" pagination={false} dataSource={s.reports} locale={{ emptyText: t('talent.secondments.noReports') }}
              columns={[
                { title: '#', dataIndex: 'periodSeq', width: 40 },
                { title: t('talent.secondments.summary'), dataIndex: 'summary', render: (text: string, r) => <Space direction="vertical" size={0}><span>{text}</span>{r.hostComment ? <span className="muted">{t('talent.secondments.hostComment')}：{r.hostComment}</span> : null}</Space> },
                { title: t('talent.secondments.days'), dataIndex: 'days', width: 60 },
                { title: t('talent.secondments.hours'), dataIndex: 'hours', width: 60 },
                { title: t('talent.field.status'), dataIndex: 'status', width: 100, render: (v: SecondmentReportStatus) => <Tag color={REPORT_COLORS[v]} data-testid="report-status">{t(`talent.secondments.report.${v}`)}</Tag> },
                {
                  title: '', key: 'actions', width: 140,
                  render: (_: unknown, r) => s.canDecideReports && r.status === 'submitted' ? (
                    <Space>
                      <Button size="small" type="primary" data-testid="report-confirm" onClick={async () => { await decide.mutateAsync({ reportId: r.id, decision: 'confirm' }); message.success(t('common.saved')); }}>{t('talent.secondments.confirmReport')}</Button>
                      <Button size="small" onClick={() => setReturning(r)}>{t('talent.secondments.returnReport')}</Button>
                    </Space>
                  ) : null,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {isReporting && <ReportModal secondment={s} onClose={() => setReporting(false)} />}
      {isRating && <RateModal secondment={s} onClose={() => setRating(false)} />}
      {returning && <ReturnModal report={returning} onClose={() => setReturning(null)} />}
    </div>
  );
}

function ReportModal({ secondment, onClose }: { secondment: SecondmentView; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const report = useSecondmentReport(secondment.id);
  const [form] = Form.useForm<{ periodId: string; days?: number; hours?: number; summary: string }>();
  return (
    <Modal
      open title={t('talent.secondments.addReport')} onCancel={onClose}
      footer={[<Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>, <Button key="ok" type="primary" loading={report.isPending} onClick={() => form.submit()} data-testid="report-submit">{t('common.save')}</Button>]}
    >
      {report.error ? <ProblemAlert error={report.error} /> : null}
      <Form
        form={form} layout="vertical" initialValues={{ periodId: secondment.periods[secondment.periods.length - 1]?.id }}
        onFinish={async (values) => {
          try {
            await report.mutateAsync({ ...values, days: values.days ?? 0, hours: values.hours ?? 0 });
            message.success(t('talent.secondments.reported'));
            onClose();
          } catch (err) {
            applyProblemToForm(form, err, { controls: ['periodId', 'days', 'hours', 'summary'] });
          }
        }}
      >
        <Form.Item name="periodId" label={t('talent.secondments.periods')} rules={[{ required: true }]}>
          <Select options={secondment.periods.map((p) => ({ value: p.id, label: `${t('talent.secondments.period', { n: p.seq })} · ${p.startsOn} ~ ${p.endsOn}` }))} />
        </Form.Item>
        <Space>
          <Form.Item name="days" label={t('talent.secondments.days')}><InputNumber min={0} max={366} data-testid="report-days" /></Form.Item>
          <Form.Item name="hours" label={t('talent.secondments.hours')}><InputNumber min={0} max={5000} data-testid="report-hours" /></Form.Item>
        </Space>
        <Form.Item name="summary" label={t('talent.secondments.summary')} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={4} data-testid="report-summary" /></Form.Item>
      </Form>
    </Modal>
  );
}

function RateModal({ secondment, onClose }: { secondment: SecondmentView; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const action = useSecondmentAction(secondment.id);
  const [form] = Form.useForm<{ rating: number; comment?: string }>();
  return (
    <Modal
      open title={t('talent.secondments.rate')} onCancel={onClose}
      footer={[<Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>, <Button key="ok" type="primary" loading={action.isPending} onClick={() => form.submit()} data-testid="rate-submit">{t('common.save')}</Button>]}
    >
      {action.error ? <ProblemAlert error={action.error} /> : null}
      <Form form={form} layout="vertical" initialValues={{ rating: 5 }} onFinish={async (values) => { await action.mutateAsync({ verb: 'rate', ...values }); message.success(t('talent.secondments.rated')); onClose(); }}>
        <Form.Item name="rating" label={t('talent.field.rating')} rules={[{ required: true }]}><Rate /></Form.Item>
        <Form.Item name="comment" label={t('talent.secondments.hostComment')}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
      </Form>
    </Modal>
  );
}

function ReturnModal({ report, onClose }: { report: SecondmentReportView; onClose: () => void }) {
  const t = useT();
  const decide = useDecideSecondmentReport();
  const [form] = Form.useForm<{ comment: string }>();
  return (
    <Modal
      open title={t('talent.secondments.returnReport')} onCancel={onClose}
      footer={[<Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>, <Button key="ok" type="primary" loading={decide.isPending} onClick={() => form.submit()}>{t('common.save')}</Button>]}
    >
      {decide.error ? <ProblemAlert error={decide.error} /> : null}
      <Form form={form} layout="vertical" onFinish={async ({ comment }) => { await decide.mutateAsync({ reportId: report.id, decision: 'return', comment }); onClose(); }}>
        <Form.Item name="comment" label={t('talent.secondments.returnComment')} rules={[{ required: true }]}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
      </Form>
    </Modal>
  );
}
