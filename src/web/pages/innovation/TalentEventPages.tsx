import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Modal, Segmented, Select, Space, Statistic, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { TALENT_EVENT_KINDS, type CreateTalentEventBody, type RegistrationStatus, type RegistrationView, type TalentEventKind, type TalentEventView } from '../../../contracts/talent';
import { apiUrl } from '../../api';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n';
import { todayInShanghai } from '../../lib/format';
import { applyProblemToForm } from '../../lib/problem';
import { useCursorPages } from '../../lib/useCursorPages';
import { useCurrentUser } from '../../queries/auth';
import { useCreateTalentEvent, useEventRegistrations, useRegisterForEvent, useRegistrationAction, useTalentEventList } from '../../queries/talent';
import { TalentNav } from './ConsultationPages';

const PAGE_SIZE = 20;
const KIND_COLORS: Record<TalentEventKind, string> = { programme: 'gold', exchange_meeting: 'blue', site_visit: 'green' };
const REGISTRATION_COLORS: Record<RegistrationStatus, string> = { registered: 'blue', attended: 'green', absent: 'red', cancelled: 'default' };

/** 人才计划与交流活动: programmes and events with registration, a manager's registrants and attendance. */
export function TalentEventListPage() {
  const t = useT();
  const user = useCurrentUser();
  const [kind, setKind] = useState<TalentEventKind | 'all'>('all');
  const [mine, setMine] = useState(false);
  const pages = useCursorPages(`${kind}:${mine}`);
  const list = useTalentEventList({ kind: kind === 'all' ? undefined : kind, mine: mine ? 'true' : undefined }, { cursor: pages.cursor, limit: PAGE_SIZE });
  const [isCreating, setCreating] = useState(false);
  const [registering, setRegistering] = useState<TalentEventView | null>(null);
  const [roster, setRoster] = useState<TalentEventView | null>(null);
  const canCreate = user.role !== 'expert';
  return (
    <div data-testid="talent-event-list-page">
      <TalentNav />
      <PageHeader
        title={t('talent.events.title')}
        subTitle={t('talent.events.subtitle')}
        extra={
          <Space>
            <Button href={apiUrl('/talent-events/export', { kind: kind === 'all' ? undefined : kind, mine: mine ? 'true' : undefined })} data-testid="events-export">{t('talent.export')}</Button>
            {canCreate && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="event-create-button">{t('talent.events.create')}</Button>}
          </Space>
        }
      />
      <Card className="table-card">
        <Space style={{ marginBottom: 12 }} wrap>
          <Segmented value={kind} onChange={(v) => setKind(v as TalentEventKind | 'all')} options={[{ value: 'all', label: t('talent.events.all') }, ...TALENT_EVENT_KINDS.map((k) => ({ value: k, label: t(`talent.events.kind.${k}`) }))]} />
          {canCreate && <Segmented value={mine ? 'mine' : 'all'} onChange={(v) => setMine(v === 'mine')} options={[{ value: 'all', label: t('talent.events.catalogue') }, { value: 'mine', label: t('talent.events.managed') }]} />}
        </Space>
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<TalentEventView>
          data-testid="event-table"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: t('talent.events.empty') }}
          columns={[
            { title: t('talent.events.name'), dataIndex: 'title', render: (title: string, e) => <Space direction="vertical" size={0}><Space><Tag color={KIND_COLORS[e.kind]}>{t(`talent.events.kind.${e.kind}`)}</Tag><strong>{title}</strong></Space><span className="muted">{[e.field, e.location].filter(Boolean).join(' · ')}</span></Space> },
            { title: t('talent.events.organiser'), dataIndex: 'organiserName', width: 200 },
            { title: t('talent.events.dates'), key: 'dates', width: 190, render: (_: unknown, e) => <span style={{ whiteSpace: 'nowrap' }}>{e.startsOn === e.endsOn ? e.startsOn : `${e.startsOn} ~ ${e.endsOn}`}</span> },
            { title: t('talent.courses.seats'), key: 'seats', width: 100, render: (_: unknown, e) => <span data-testid="event-seats">{e.registeredCount} / {e.capacity}</span> },
            { title: t('talent.events.attendance'), key: 'attendance', width: 110, render: (_: unknown, e) => <span data-testid="event-attendance-cell">{e.attendanceRate === null ? '—' : `${e.attendedCount} · ${Math.round(e.attendanceRate * 100)}%`}</span> },
            {
              title: '', key: 'actions', width: 200,
              render: (_: unknown, e) => (
                <Space>
                  {!e.canManage && user.role !== 'gov' && user.role !== 'platform_admin' && <Button size="small" type="primary" disabled={!e.isOpen} onClick={() => setRegistering(e)} data-testid="event-register">{e.seatsLeft === 0 ? t('talent.courses.full') : t('talent.events.register')}</Button>}
                  {(e.canManage || e.myRegistrations > 0) && <Button size="small" onClick={() => setRoster(e)} data-testid="event-roster">{t('talent.courses.roster')}</Button>}
                </Space>
              ),
            },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
      {isCreating && <EventCreateModal onClose={() => setCreating(false)} />}
      {registering && <RegisterModal event={registering} onClose={() => setRegistering(null)} />}
      {roster && <RegistrantsDrawer event={list.data?.items.find((e) => e.id === roster.id) ?? roster} onClose={() => setRoster(null)} />}
    </div>
  );
}

function RegisterModal({ event, onClose }: { event: TalentEventView; onClose: () => void }) {
  const t = useT();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const register = useRegisterForEvent();
  const [form] = Form.useForm<{ personName?: string; personTitle?: string }>();
  const isExpert = user.role === 'expert';
  return (
    <Modal
      open title={`${t('talent.events.register')} · ${event.title}`} onCancel={onClose}
      footer={[<Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>, <Button key="ok" type="primary" loading={register.isPending} onClick={() => form.submit()} data-testid="register-submit">{t('talent.courses.enrolSubmit')}</Button>]}
    >
      {register.error ? <ProblemAlert error={register.error} /> : null}
      <p className="muted">{t('talent.courses.seatsLeft', { n: event.seatsLeft })}{isExpert ? ` · ${t('talent.events.expertSelf')}` : ''}</p>
      <Form
        form={form} layout="vertical"
        onFinish={async (values) => {
          try {
            await register.mutateAsync({ ...values, eventId: event.id });
            message.success(t('talent.courses.enrolled'));
            onClose();
          } catch (err) {
            applyProblemToForm(form, err, { controls: ['personName', 'personTitle'] });
          }
        }}
      >
        {!isExpert && <Form.Item name="personName" label={t('talent.events.person')} rules={[{ required: true, min: 2 }]}><Input data-testid="register-person" maxLength={40} /></Form.Item>}
        <Form.Item name="personTitle" label={t('talent.events.personTitle')}><Input maxLength={60} /></Form.Item>
      </Form>
    </Modal>
  );
}

function RegistrantsDrawer({ event, onClose }: { event: TalentEventView; onClose: () => void }) {
  const t = useT();
  const roster = useEventRegistrations(event.id);
  const action = useRegistrationAction();
  const hasStarted = event.startsOn <= todayInShanghai();
  return (
    <Drawer
      open width={900} title={`${t('talent.courses.roster')} · ${event.title}`} onClose={onClose}
      extra={<Space>{event.canManage && <Button href={apiUrl(`/talent-events/${event.id}/registrations/export`)} data-testid="event-export">{t('talent.export')}</Button>}<Button onClick={onClose} data-testid="event-roster-close">{t('talent.courses.close')}</Button></Space>}
    >
      {roster.error ? <ProblemAlert error={roster.error} /> : null}
      {action.error ? <ProblemAlert error={action.error} /> : null}
      {hasStarted && <AttendanceFigures event={event} />}
      <Table<RegistrationView>
        data-testid="registration-table" rowKey="id" loading={roster.isFetching} dataSource={roster.data?.items ?? []} pagination={false} locale={{ emptyText: t('talent.courses.noEnrolments') }}
        columns={[
          { title: t('talent.events.person'), dataIndex: 'personName', width: 120 },
          { title: t('talent.events.personTitle'), dataIndex: 'personTitle', width: 120 },
          { title: t('talent.courses.employer'), dataIndex: 'enterpriseName', render: (v: string | null) => v ?? t('talent.events.expert') },
          { title: t('talent.field.status'), dataIndex: 'status', width: 90, render: (s: RegistrationStatus) => <Tag color={REGISTRATION_COLORS[s]} data-testid="registration-status">{t(`talent.events.status.${s}`)}</Tag> },
          {
            title: '', key: 'actions', width: 200,
            render: (_: unknown, r) => (
              <Space>
                {event.canManage && hasStarted && r.status !== 'cancelled' && (
                  <>
                    <Button size="small" type={r.status === 'attended' ? 'primary' : 'default'} onClick={() => action.mutate({ id: r.id, verb: 'attendance', attended: true })} data-testid="registration-attended">{t('talent.events.attended')}</Button>
                    <Button size="small" type={r.status === 'absent' ? 'primary' : 'default'} onClick={() => action.mutate({ id: r.id, verb: 'attendance', attended: false })} data-testid="registration-absent">{t('talent.events.absent')}</Button>
                  </>
                )}
                {!hasStarted && r.status === 'registered' && <Button size="small" onClick={() => action.mutate({ id: r.id, verb: 'cancel' })} data-testid="registration-cancel">{t('talent.courses.cancel')}</Button>}
              </Space>
            ),
          },
        ]}
      />
    </Drawer>
  );
}

/** An event's attendance as the organiser recorded it: attended, absent, not yet recorded, rate. */
function AttendanceFigures({ event }: { event: TalentEventView }) {
  const t = useT();
  const unrecorded = Math.max(0, event.registeredCount - event.attendedCount - event.absentCount);
  return (
    <Space size="large" style={{ marginBottom: 12 }} data-testid="event-attendance">
      <Statistic title={t('talent.events.registeredCount')} value={event.registeredCount} />
      <Statistic title={t('talent.events.attended')} value={event.attendedCount} valueStyle={{ color: '#389e0d' }} />
      <Statistic title={t('talent.events.absent')} value={event.absentCount} valueStyle={{ color: '#cf1322' }} />
      <Statistic title={t('talent.events.unrecorded')} value={unrecorded} />
      <Statistic title={t('talent.events.attendanceRate')} value={event.attendanceRate === null ? '—' : `${Math.round(event.attendanceRate * 100)}%`} />
    </Space>
  );
}

type EventForm = Omit<CreateTalentEventBody, 'startsOn' | 'endsOn'> & { dates: [Dayjs, Dayjs] };

function EventCreateModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const create = useCreateTalentEvent();
  const [form] = Form.useForm<EventForm>();
  return (
    <Modal
      open width={640} title={t('talent.events.create')} onCancel={onClose}
      footer={[<Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>, <Button key="ok" type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="event-submit">{t('common.save')}</Button>]}
    >
      {create.error ? <ProblemAlert error={create.error} /> : null}
      <Form<EventForm>
        form={form} layout="vertical" initialValues={{ kind: 'exchange_meeting', capacity: 50 }}
        onFinish={async ({ dates, ...values }) => {
          try {
            await create.mutateAsync({ ...values, startsOn: dates[0].format('YYYY-MM-DD'), endsOn: dates[1].format('YYYY-MM-DD') });
            message.success(t('common.saved'));
            onClose();
          } catch (err) {
            applyProblemToForm(form, err, { controls: ['kind', 'title', 'field', 'location', 'capacity', 'organiserUscc', 'organiserName', 'description'] });
          }
        }}
      >
        <Form.Item name="kind" label={t('talent.events.kindLabel')}><Select data-testid="event-kind" style={{ width: 200 }} options={TALENT_EVENT_KINDS.map((k) => ({ value: k, label: t(`talent.events.kind.${k}`) }))} /></Form.Item>
        <Form.Item name="title" label={t('talent.events.name')} rules={[{ required: true, min: 2 }]}><Input data-testid="event-title" maxLength={120} /></Form.Item>
        {user.role !== 'member' && <Form.Item name="organiserName" label={t('talent.events.organiser')}><Input maxLength={80} placeholder={user.displayName ?? undefined} /></Form.Item>}
        <Space wrap>
          <Form.Item name="field" label={t('talent.field.field')}><Input style={{ width: 180 }} maxLength={40} /></Form.Item>
          <Form.Item name="location" label={t('talent.courses.location')}><Input style={{ width: 300 }} maxLength={200} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="dates" label={t('talent.events.dates')} rules={[{ required: true }]}><DatePicker.RangePicker /></Form.Item>
          <Form.Item name="capacity" label={t('talent.courses.capacity')} rules={[{ required: true }]}><InputNumber min={1} max={10000} data-testid="event-capacity" /></Form.Item>
        </Space>
        <Form.Item name="description" label={t('talent.committees.description')}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
      </Form>
    </Modal>
  );
}
