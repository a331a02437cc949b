import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { RESOURCE_KINDS, type BookingView, type CreateResourceBody, type ResourceKind, type ResourceView } from '../../../contracts/innovation';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLang, useT } from '../../i18n';
import { addDays, formatDateTime, todayInShanghai } from '../../lib/format';
import { errorMessage } from '../../lib/problem';
import { useCursorPages } from '../../lib/useCursorPages';
import { useCurrentUser } from '../../queries/auth';
import { useCreateBooking, useCreateResource, useOwnBookings, useResource, useResourceAction, useResourceCalendar, useResourceList, useSharingStatistics, type SharingFiguresView } from '../../queries/innovation';
import { BookingStatusTag } from './InnovationTags';

const PAGE_SIZE = 20;
const HOURS = Array.from({ length: 13 }, (_, i) => 8 + i); // 08:00–20:00 Beijing time

function yuan(fen: number | null): string {
  return fen === null ? '—' : `¥${(fen / 100).toLocaleString()}`;
}

/** An instant of a Beijing date and hour. */
function beijing(date: string, hour: number): Date {
  return new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
}

/** 共享资源: the catalogue, the user's bookings, the owner's queue and the sharing figures. */
export function ResourceListPage() {
  const t = useT();
  const user = useCurrentUser();
  const canList = user.role !== 'expert' && (user.role !== 'member' || Boolean(user.org?.uscc));
  const [isCreating, setCreating] = useState(false);
  return (
    <div data-testid="resource-list-page">
      <PageHeader
        title={t('innovation.resources.title')}
        subTitle={t('innovation.resources.subtitle')}
        extra={canList ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="resource-create-button">{t('innovation.resources.create')}</Button> : null}
      />
      <Card>
        <Tabs
          items={[
            { key: 'catalogue', label: t('innovation.resources.catalogue'), children: <Catalogue /> },
            ...(user.role === 'member'
              ? [
                  { key: 'mine', label: <span data-testid="tab-my-bookings">{t('innovation.resources.myBookings')}</span>, children: <BookingTable side="mine" /> },
                  { key: 'incoming', label: <span data-testid="tab-incoming">{t('innovation.resources.incoming')}</span>, children: <BookingTable side="incoming" /> },
                ]
              : []),
            ...(user.role !== 'expert' ? [{ key: 'statistics', label: <span data-testid="tab-sharing">{t('innovation.resources.statistics')}</span>, children: <Sharing /> }] : []),
          ]}
        />
      </Card>
      {isCreating && <ResourceCreateModal onClose={() => setCreating(false)} />}
    </div>
  );
}

function Catalogue() {
  const t = useT();
  // `?kind=capacity` arrives from the capacity monitoring's idle SMEs.
  const [kind, setKind] = useState<ResourceKind | undefined>(() => RESOURCE_KINDS.find((k) => k === new URLSearchParams(window.location.search).get('kind')));
  const [q, setQ] = useState<string>();
  const filters = useMemo(() => ({ kind, q }), [kind, q]);
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useResourceList(filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  return (
    <>
      <div className="filter-bar" style={{ marginBottom: 12 }}>
        <Select<ResourceKind> allowClear value={kind} onChange={setKind} placeholder={t('innovation.resource.kind')} options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`innovation.kind.${k}`) }))} style={{ width: 160 }} />
        <Input.Search allowClear onSearch={(v) => setQ(v.trim() || undefined)} enterButton style={{ width: 260 }} />
      </div>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      <Table<ResourceView>
        data-testid="resource-table"
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('innovation.resources.empty') }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('innovation.field.title'), dataIndex: 'title', render: (title: string, r) => <Link to={`/resources/${r.id}`} data-testid="resource-link">{title}</Link> },
          { title: t('innovation.resource.kind'), dataIndex: 'kind', width: 120, render: (k: ResourceKind) => t(`innovation.kind.${k}`) },
          { title: t('innovation.resource.owner'), dataIndex: 'ownerName', width: 220 },
          { title: t('innovation.resource.location'), dataIndex: 'location', width: 160 },
          { title: t('innovation.resource.priceExternal'), dataIndex: 'priceExternalFen', width: 150, render: yuan },
        ]}
      />
      <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
    </>
  );
}

function ResourceCreateModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const user = useCurrentUser();
  const [form] = Form.useForm<CreateResourceBody>();
  const create = useCreateResource();
  return (
    <Modal
      open
      width={640}
      title={t('innovation.resources.create')}
      onCancel={onClose}
      okButtonProps={{ loading: create.isPending, ...({ 'data-testid': 'resource-create-ok' } as object) }}
      onOk={async () => {
        const values = await form.validateFields();
        await create.mutateAsync({ ...values, ownerUscc: values.ownerUscc || user.org?.uscc || '' }).then(onClose, () => undefined);
      }}
    >
      {create.error ? <ProblemAlert error={create.error} /> : null}
      <Form form={form} layout="vertical" initialValues={{ kind: 'equipment', openHoursPerWeek: 40 }}>
        {user.role !== 'member' && <Form.Item name="ownerUscc" label={t('innovation.resource.owner')} extra="USCC" rules={[{ required: true }]}><Input /></Form.Item>}
        <Form.Item name="title" label={t('innovation.field.title')} rules={[{ required: true, min: 2 }]}><Input data-testid="resource-title" /></Form.Item>
        <Form.Item name="kind" label={t('innovation.resource.kind')}><Select options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`innovation.kind.${k}`) }))} /></Form.Item>
        <Form.Item name="specs" label={t('innovation.resource.specs')}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="location" label={t('innovation.resource.location')}><Input /></Form.Item>
        <Space>
          <Form.Item name="priceExternalYuan" label={t('innovation.resource.priceExternal')}><InputNumber min={0} /></Form.Item>
          <Form.Item name="priceInternalYuan" label={t('innovation.resource.priceInternal')}><InputNumber min={0} /></Form.Item>
          <Form.Item name="openHoursPerWeek" label={t('innovation.resource.openHours')}><InputNumber min={0} max={168} /></Form.Item>
        </Space>
        <Form.Item name="rules" label={t('innovation.resource.rules')}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** Booking rows with the actions the user may take (approve/reject/cancel/record usage). */
function BookingRows({ items, loading, showResource }: { items: BookingView[]; loading: boolean; showResource: boolean }) {
  const t = useT();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const act = useResourceAction<{ id: string; verb: 'approve' | 'reject' | 'cancel' | 'usage'; usedMinutes?: number }>((b) => `/bookings/${b.id}/${b.verb}`, (b) => (b.verb === 'usage' ? { usedMinutes: b.usedMinutes } : {}));
  const run = (body: { id: string; verb: 'approve' | 'reject' | 'cancel' | 'usage'; usedMinutes?: number }) => act.mutateAsync(body).catch((err) => message.error(errorMessage(err, t)));
  return (
    <Table<BookingView>
      data-testid="booking-table"
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: t('innovation.booking.empty') }}
      columns={[
        ...(showResource ? [{ title: t('innovation.sharing.resource'), dataIndex: 'resourceTitle', render: (title: string, b: BookingView) => <Link to={`/resources/${b.resourceId}`}>{title}</Link> }] : []),
        { title: t('innovation.booking.window'), key: 'window', render: (_: unknown, b: BookingView) => `${formatDateTime(lang, b.start)} – ${formatDateTime(lang, b.end).slice(-5)}` },
        { title: t('innovation.booking.booker'), dataIndex: 'bookerName', render: (name: string | null) => name ?? t('innovation.booking.occupied') },
        { title: t('innovation.booking.purpose'), dataIndex: 'purpose', render: (p: string | null) => p ?? '' },
        { title: t('innovation.field.status'), dataIndex: 'status', width: 100, render: (s: BookingView['status'], b: BookingView) => <Space size={4}><BookingStatusTag status={s} />{b.usedMinutes !== null && t('innovation.booking.used', { h: Math.round((b.usedMinutes / 60) * 10) / 10 })}</Space> },
        {
          title: '', key: 'actions', width: 260,
          render: (_: unknown, b: BookingView) => (
            <Space size={4}>
              {b.canDecide && <Button size="small" type="primary" onClick={() => run({ id: b.id, verb: 'approve' })} data-testid="booking-approve">{t('innovation.booking.approve')}</Button>}
              {b.canDecide && <Button size="small" danger onClick={() => run({ id: b.id, verb: 'reject' })}>{t('innovation.booking.reject')}</Button>}
              {b.canCancel && <Button size="small" onClick={() => run({ id: b.id, verb: 'cancel' })} data-testid="booking-cancel">{t('innovation.booking.cancel')}</Button>}
              {b.status === 'approved' && b.bookerName !== null && new Date(b.start) < new Date() && (
                <InputNumber size="small" placeholder={t('innovation.booking.usedMinutes')} min={0} onPressEnter={(e) => run({ id: b.id, verb: 'usage', usedMinutes: Number((e.target as HTMLInputElement).value) })} style={{ width: 120 }} />
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

function BookingTable({ side }: { side: 'mine' | 'incoming' }) {
  const bookings = useOwnBookings(side);
  return (
    <>
      {bookings.error ? <ProblemAlert error={bookings.error} /> : null}
      <BookingRows items={bookings.data?.items ?? []} loading={bookings.isFetching} showResource />
    </>
  );
}

function Sharing() {
  const t = useT();
  const stats = useSharingStatistics(true);
  const columns = (isOwner: boolean) => [
    ...(isOwner ? [] : [{ title: t('innovation.sharing.resource'), dataIndex: 'title' }]),
    { title: t('innovation.sharing.owner'), dataIndex: 'ownerName' },
    { title: t('innovation.sharing.booked'), dataIndex: 'bookedHours', width: 110 },
    { title: t('innovation.sharing.used'), dataIndex: 'usedHours', width: 110 },
    { title: t('innovation.sharing.outside'), dataIndex: 'outsideHours', width: 130 },
    { title: t('innovation.sharing.rate'), dataIndex: 'sharingRatePct', width: 100, render: (pct: number) => `${pct}%` },
  ];
  return (
    <div data-testid="sharing-figures">
      <Typography.Paragraph type="secondary">{t('innovation.sharing.note')}</Typography.Paragraph>
      {stats.error ? <ProblemAlert error={stats.error} /> : null}
      <Table<SharingFiguresView> size="small" rowKey={(r) => r.resourceId ?? r.ownerUscc} pagination={false} loading={stats.isFetching} dataSource={stats.data?.byResource ?? []} columns={columns(false)} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('innovation.sharing.byOwner')}</Typography.Title>
      <Table<SharingFiguresView> size="small" rowKey="ownerUscc" pagination={false} dataSource={stats.data?.byOwner ?? []} columns={columns(true)} />
    </div>
  );
}

/** 资源详情: specifications, the week calendar (Beijing hours) and the booking form. */
export function ResourceDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const resource = useResource(id);
  const [weekStart, setWeekStart] = useState(todayInShanghai());
  const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const from = beijing(days[0], 0).toISOString();
  const to = beijing(addDays(days[6], 1), 0).toISOString();
  const calendar = useResourceCalendar(id, from, to);
  const book = useCreateBooking(id);
  const [form] = Form.useForm<{ date: string; fromHour: number; toHour: number; purpose?: string }>();
  const canBook = user.role === 'member' && Boolean(user.org?.uscc);
  if (resource.error) return <ProblemAlert error={resource.error} />;
  if (!resource.data) return <Card loading />;
  const r = resource.data;
  const active = (calendar.data?.items ?? []).filter((b) => b.status === 'pending' || b.status === 'approved');
  const cellBooking = (date: string, hour: number) => {
    const start = beijing(date, hour).getTime();
    const end = start + 3600_000;
    return active.find((b) => new Date(b.start).getTime() < end && new Date(b.end).getTime() > start);
  };
  return (
    <div data-testid="resource-detail-page">
      <PageHeader title={r.title} subTitle={`${t(`innovation.kind.${r.kind}`)} · ${r.ownerName}`} />
      <Card>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('innovation.resource.location')}>{r.location || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('innovation.resource.priceExternal')}>{yuan(r.priceExternalFen)}</Descriptions.Item>
          <Descriptions.Item label={t('innovation.resource.priceInternal')}>{yuan(r.priceInternalFen)}</Descriptions.Item>
          <Descriptions.Item label={t('innovation.resource.specs')} span={3}>{r.specs || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('innovation.resource.rules')} span={3}>{r.rules || '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        style={{ marginTop: 16 }}
        title={t('innovation.booking.calendar')}
        extra={
          <Space>
            <Button onClick={() => setWeekStart(addDays(weekStart, -7))}>{t('innovation.booking.prevWeek')}</Button>
            <Button onClick={() => setWeekStart(addDays(weekStart, 7))} data-testid="calendar-next-week">{t('innovation.booking.nextWeek')}</Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('innovation.booking.hint')}</Typography.Paragraph>
        <div className="booking-calendar" data-testid="booking-calendar" style={{ display: 'grid', gridTemplateColumns: `60px repeat(7, 1fr)`, gap: 2, fontSize: 12 }}>
          <div />
          {days.map((d) => <div key={d} style={{ textAlign: 'center', fontWeight: 600 }}>{d.slice(5)}</div>)}
          {HOURS.map((hour) => (
            <div key={hour} style={{ display: 'contents' }}>
              <div style={{ textAlign: 'right', paddingRight: 6 }}>{`${hour}:00`}</div>
              {days.map((d) => {
                const b = cellBooking(d, hour);
                const isPast = beijing(d, hour).getTime() < Date.now();
                return (
                  <div
                    key={`${d}-${hour}`}
                    data-testid={b ? 'calendar-taken' : 'calendar-free'}
                    title={b ? `${t(`innovation.booking.status.${b.status}`)}${b.bookerName ? ` · ${b.bookerName}` : ''}` : ''}
                    onClick={() => !b && !isPast && canBook && form.setFieldsValue({ date: d, fromHour: hour, toHour: hour + 1 })}
                    style={{
                      height: 22, borderRadius: 3, cursor: !b && !isPast && canBook ? 'pointer' : 'default',
                      background: b ? (b.status === 'approved' ? '#95de64' : '#ffd591') : isPast ? '#f0f0f0' : '#e6f4ff',
                      paddingLeft: 4, overflow: 'hidden', whiteSpace: 'nowrap',
                    }}
                  >
                    {b ? (b.bookerName ?? t('innovation.booking.occupied')) : ''}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </Card>
      {canBook && (
        <Card style={{ marginTop: 16 }} title={t('innovation.booking.new')}>
          {book.error ? <ProblemAlert error={book.error} /> : null}
          {book.isSuccess && <Alert type="success" showIcon message={t('innovation.booking.done')} style={{ marginBottom: 12 }} data-testid="booking-done" />}
          <Form
            form={form}
            layout="inline"
            initialValues={{ date: addDays(todayInShanghai(), 1), fromHour: 9, toHour: 11 }}
            onFinish={async (v) => {
              try {
                await book.mutateAsync({ uscc: user.org!.uscc!, start: beijing(v.date, v.fromHour).toISOString(), end: beijing(v.date, v.toHour).toISOString(), purpose: v.purpose || undefined });
              } catch (err) {
                message.error(errorMessage(err, t));
              }
            }}
          >
            <Form.Item name="date" label={t('innovation.booking.date')}><Input type="date" data-testid="booking-date" /></Form.Item>
            <Form.Item name="fromHour" label={t('innovation.booking.from')}><Select style={{ width: 90 }} options={Array.from({ length: 24 }, (_, h) => ({ value: h, label: `${h}:00` }))} /></Form.Item>
            <Form.Item name="toHour" label={t('innovation.booking.to')}><Select style={{ width: 90 }} options={Array.from({ length: 24 }, (_, h) => ({ value: h + 1, label: `${h + 1}:00` }))} /></Form.Item>
            <Form.Item name="purpose" label={t('innovation.booking.purpose')}><Input style={{ width: 200 }} /></Form.Item>
            <Button type="primary" htmlType="submit" loading={book.isPending} data-testid="booking-submit">{t('innovation.booking.submit')}</Button>
          </Form>
        </Card>
      )}
      {r.canManage && (
        <Card style={{ marginTop: 16 }} title={t('innovation.resources.incoming')}>
          <BookingRows items={calendar.data?.items ?? []} loading={calendar.isFetching} showResource={false} />
        </Card>
      )}
    </div>
  );
}
