import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { COURSE_MODES, type CourseView, type CreateCourseBody, type EnrolmentStatus, type EnrolmentView } from '../../../contracts/talent';
import { apiUrl } from '../../api';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n';
import { applyProblemToForm } from '../../lib/problem';
import { useCursorPages } from '../../lib/useCursorPages';
import { useCurrentUser } from '../../queries/auth';
import { useCourseEnrolments, useCourseList, useCreateCourse, useEnrol, useEnrolmentAction, useMyEnrolments } from '../../queries/talent';
import { TalentNav } from './ConsultationPages';

const PAGE_SIZE = 20;
const ENROLMENT_COLORS: Record<EnrolmentStatus, string> = { enrolled: 'blue', completed: 'green', cancelled: 'default' };

function EnrolmentStatusTag({ status }: { status: EnrolmentStatus }) {
  const t = useT();
  return <Tag color={ENROLMENT_COLORS[status]} data-testid="enrolment-status">{t(`talent.enrolment.status.${status}`)}</Tag>;
}

/** 人才培训: the course catalogue, the enterprise's enrolments, a provider's rosters. */
export function CourseListPage() {
  const t = useT();
  const user = useCurrentUser();
  const isMember = user.role === 'member' && Boolean(user.org?.uscc);
  const [isCreating, setCreating] = useState(false);
  return (
    <div data-testid="course-list-page">
      <TalentNav />
      <PageHeader
        title={t('talent.courses.title')}
        subTitle={t('talent.courses.subtitle')}
        extra={isMember || user.role === 'gov' ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="course-create-button">{t('talent.courses.create')}</Button> : null}
      />
      <Card>
        <Tabs
          items={[
            { key: 'catalogue', label: t('talent.courses.catalogue'), children: <Catalogue mine={false} /> },
            ...(isMember
              ? [
                  { key: 'mine', label: <span data-testid="tab-my-enrolments">{t('talent.courses.myEnrolments')}</span>, children: <MyEnrolments /> },
                  { key: 'provided', label: <span data-testid="tab-provided">{t('talent.courses.provided')}</span>, children: <Catalogue mine /> },
                ]
              : []),
          ]}
        />
      </Card>
      {isCreating && <CourseCreateModal onClose={() => setCreating(false)} />}
    </div>
  );
}

function Catalogue({ mine }: { mine: boolean }) {
  const t = useT();
  const user = useCurrentUser();
  const [q, setQ] = useState('');
  const pages = useCursorPages(q);
  const list = useCourseList({ q: q || undefined, mine: mine ? 'true' : undefined }, { cursor: pages.cursor, limit: PAGE_SIZE });
  const [enrolling, setEnrolling] = useState<CourseView | null>(null);
  const [roster, setRoster] = useState<CourseView | null>(null);
  const canEnrol = user.role === 'member' && Boolean(user.org?.uscc);
  return (
    <>
      <Input.Search allowClear placeholder={t('talent.courses.search')} style={{ width: 280, marginBottom: 12 }} onSearch={setQ} />
      {list.error ? <ProblemAlert error={list.error} /> : null}
      <Table<CourseView>
        data-testid={mine ? 'provided-course-table' : 'course-table'}
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1300 }}
        locale={{ emptyText: t('talent.courses.empty') }}
        columns={[
          { title: t('talent.courses.name'), dataIndex: 'title', render: (title: string, c) => <Space direction="vertical" size={0}><strong>{title}</strong><span className="muted">{[c.field, c.chainName ? t('talent.courses.chainOnly', { chain: c.chainName }) : ''].filter(Boolean).join(' · ')}</span></Space> },
          { title: t('talent.courses.provider'), dataIndex: 'providerName', width: 190 },
          { title: t('talent.courses.base'), key: 'base', width: 200, render: (_: unknown, c) => [c.baseName, c.location].filter(Boolean).join(' · ') || t(`talent.courses.mode.${c.mode}`) },
          { title: t('talent.courses.dates'), key: 'dates', width: 190, render: (_: unknown, c) => <span style={{ whiteSpace: 'nowrap' }}>{c.startsOn === c.endsOn ? c.startsOn : `${c.startsOn} ~ ${c.endsOn.slice(5)}`}</span> },
          { title: t('talent.courses.fee'), dataIndex: 'feeFen', width: 90, render: (fen: number) => (fen === 0 ? t('talent.courses.free') : `¥${(fen / 100).toLocaleString()}`) },
          { title: t('talent.courses.seats'), key: 'seats', width: 110, render: (_: unknown, c) => <span data-testid="course-seats" style={{ whiteSpace: 'nowrap' }}>{c.enrolledCount} / {c.capacity}</span> },
          {
            title: '', key: 'actions', width: 210,
            render: (_: unknown, c) => (
              <Space>
                {canEnrol && !c.canManage && (
                  <Button size="small" type="primary" disabled={!c.isOpen} onClick={() => setEnrolling(c)} data-testid="course-enrol">{c.seatsLeft === 0 ? t('talent.courses.full') : t('talent.courses.enrol')}</Button>
                )}
                {(c.canManage || c.myEnrolments > 0) && <Button size="small" onClick={() => setRoster(c)} data-testid="course-roster">{t('talent.courses.roster')}</Button>}
              </Space>
            ),
          },
        ]}
      />
      <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      {enrolling && <EnrolModal course={enrolling} onClose={() => setEnrolling(null)} />}
      {roster && <RosterDrawer course={roster} onClose={() => setRoster(null)} />}
    </>
  );
}

function EnrolModal({ course, onClose }: { course: CourseView; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const enrol = useEnrol();
  const [form] = Form.useForm<{ traineeName: string }>();
  return (
    <Modal
      open
      title={`${t('talent.courses.enrol')} · ${course.title}`}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" loading={enrol.isPending} onClick={() => form.submit()} data-testid="enrol-submit">{t('talent.courses.enrolSubmit')}</Button>,
      ]}
    >
      {enrol.error ? <ProblemAlert error={enrol.error} /> : null}
      <p className="muted">{t('talent.courses.seatsLeft', { n: course.seatsLeft })}</p>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (values) => {
          try {
            await enrol.mutateAsync({ ...values, courseId: course.id });
            message.success(t('talent.courses.enrolled'));
            onClose();
          } catch (err) {
            applyProblemToForm(form, err, { controls: ['traineeName'] });
          }
        }}
      >
        <Form.Item name="traineeName" label={t('talent.courses.trainee')} rules={[{ required: true, min: 2 }]}><Input data-testid="enrol-trainee" maxLength={40} /></Form.Item>
      </Form>
    </Modal>
  );
}

function EnrolmentTable({ items, loading, isManager, testId, showCourse }: { items: EnrolmentView[]; loading: boolean; isManager: boolean; testId: string; showCourse: boolean }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const action = useEnrolmentAction();
  return (
    <>
      {action.error ? <ProblemAlert error={action.error} /> : null}
      <Table<EnrolmentView>
        data-testid={testId}
        rowKey="id"
        loading={loading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('talent.courses.noEnrolments') }}
        columns={[
          ...(showCourse ? [{ title: t('talent.courses.name'), dataIndex: 'courseTitle' }] : []),
          { title: t('talent.courses.trainee'), dataIndex: 'traineeName', width: 110 },
          ...(isManager ? [{ title: t('talent.courses.employer'), dataIndex: 'enterpriseName' }] : []),
          { title: t('talent.courses.dates'), dataIndex: 'startsOn', width: 110 },
          { title: t('talent.field.status'), dataIndex: 'status', width: 90, render: (s: EnrolmentStatus) => <EnrolmentStatusTag status={s} /> },
          { title: t('talent.courses.certificate'), dataIndex: 'certificateNo', width: 130 },
          {
            title: '', key: 'actions', width: 160,
            render: (_: unknown, e) => e.status === 'enrolled' ? (
              <Space>
                {isManager && <Button size="small" type="primary" data-testid="enrolment-complete" onClick={async () => { await action.mutateAsync({ id: e.id, verb: 'complete' }); message.success(t('talent.courses.completedDone')); }}>{t('talent.courses.complete')}</Button>}
                <Button size="small" data-testid="enrolment-cancel" onClick={async () => { await action.mutateAsync({ id: e.id, verb: 'cancel' }); message.success(t('talent.courses.cancelled')); }}>{t('talent.courses.cancel')}</Button>
              </Space>
            ) : null,
          },
        ]}
      />
    </>
  );
}

function MyEnrolments() {
  const mine = useMyEnrolments(true);
  return <EnrolmentTable items={mine.data?.items ?? []} loading={mine.isFetching} isManager={false} testId="my-enrolment-table" showCourse />;
}

function RosterDrawer({ course, onClose }: { course: CourseView; onClose: () => void }) {
  const t = useT();
  const roster = useCourseEnrolments(course.id);
  return (
    <Drawer
      open
      width={900}
      title={`${t('talent.courses.roster')} · ${course.title}`}
      onClose={onClose}
      extra={<Space>{course.canManage && <Button href={apiUrl(`/courses/${course.id}/enrolments/export`)}>{t('talent.export')}</Button>}<Button onClick={onClose} data-testid="roster-close">{t('talent.courses.close')}</Button></Space>}
    >
      {roster.error ? <ProblemAlert error={roster.error} /> : null}
      <EnrolmentTable items={roster.data?.items ?? []} loading={roster.isFetching} isManager={course.canManage} testId="roster-table" showCourse={false} />
    </Drawer>
  );
}

type CourseForm = Omit<CreateCourseBody, 'startsOn' | 'endsOn'> & { dates: [Dayjs, Dayjs] };

function CourseCreateModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const create = useCreateCourse();
  const [form] = Form.useForm<CourseForm>();
  return (
    <Modal
      open
      width={640}
      title={t('talent.courses.create')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="course-submit">{t('common.save')}</Button>,
      ]}
    >
      {create.error ? <ProblemAlert error={create.error} /> : null}
      <Form<CourseForm>
        form={form}
        layout="vertical"
        initialValues={{ mode: 'onsite', capacity: 30, feeYuan: 0 }}
        onFinish={async ({ dates, ...values }) => {
          try {
            await create.mutateAsync({ ...values, startsOn: dates[0].format('YYYY-MM-DD'), endsOn: dates[1].format('YYYY-MM-DD') });
            message.success(t('common.saved'));
            onClose();
          } catch (err) {
            applyProblemToForm(form, err, { controls: ['title', 'field', 'baseName', 'location', 'mode', 'capacity', 'hours', 'feeYuan', 'providerUscc', 'chainId'] });
          }
        }}
      >
        <Form.Item name="title" label={t('talent.courses.name')} rules={[{ required: true, min: 2 }]}><Input data-testid="course-title" /></Form.Item>
        <Space wrap>
          <Form.Item name="field" label={t('talent.field.field')}><Input style={{ width: 180 }} /></Form.Item>
          <Form.Item name="mode" label={t('talent.courses.modeLabel')}><Select style={{ width: 140 }} options={COURSE_MODES.map((m) => ({ value: m, label: t(`talent.courses.mode.${m}`) }))} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="baseName" label={t('talent.courses.base')}><Input style={{ width: 240 }} /></Form.Item>
          <Form.Item name="location" label={t('talent.courses.location')}><Input style={{ width: 300 }} /></Form.Item>
        </Space>
        <Form.Item name="dates" label={t('talent.courses.dates')} rules={[{ required: true }]}><DatePicker.RangePicker /></Form.Item>
        <Space wrap>
          <Form.Item name="capacity" label={t('talent.courses.capacity')} rules={[{ required: true }]}><InputNumber min={1} max={10000} /></Form.Item>
          <Form.Item name="hours" label={t('talent.courses.hours')}><InputNumber min={0} max={2000} /></Form.Item>
          <Form.Item name="feeYuan" label={t('talent.courses.feeYuan')}><InputNumber min={0} /></Form.Item>
        </Space>
        <Form.Item name="description" label={t('talent.committees.description')}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}
