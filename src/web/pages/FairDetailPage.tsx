import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Descriptions, Popconfirm, Space, Table, Tabs, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import type { FairView, RegistrationView } from '../../contracts/fairs';
import { FairSchedulePanel } from '../components/FairSchedulePanel';
import { FairStatusTag, KindTag, RegistrationTag } from '../components/FairTags';
import { FairTimetable } from '../components/FairTimetable';
import { FairWishPanel } from '../components/FairWishPanel';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { useLang, useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { errorMessage } from '../lib/problem';
import { useCurrentUser } from '../queries/auth';
import { timetableExportUrl, useCancelRegistration, useFair, useFairTransition, useParticipants, useRegister, useTimetable } from '../queries/fairs';

/** Register / cancel (members), open / close registration (organisers). */
function FairActions({ fair }: { fair: FairView }) {
  const t = useT();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const register = useRegister();
  const cancel = useCancelRegistration();
  const transition = useFairTransition();
  const done = { onSuccess: () => message.success(t('fairs.action.done')), onError: (err: unknown) => message.error(errorMessage(err, t)) };
  const mine = fair.myRegistration;
  return (
    <Space>
      {mine && <RegistrationTag status={mine.status} position={mine.waitlistPosition} />}
      {user.role === 'member' && user.org?.uscc && !mine && fair.status === 'open' && (
        <Button type="primary" loading={register.isPending} onClick={() => register.mutate({ id: fair.id }, done)} data-testid="fair-register">
          {t('fairs.action.register')}
        </Button>
      )}
      {mine && (
        <Popconfirm title={t('fairs.action.cancelConfirm')} onConfirm={() => cancel.mutate({ id: fair.id, registrationId: mine.id }, done)}>
          <Button danger loading={cancel.isPending} data-testid="fair-cancel">
            {t('fairs.action.cancel')}
          </Button>
        </Popconfirm>
      )}
      {fair.isOrganiser && fair.status !== 'open' && (
        <Button type="primary" loading={transition.isPending} onClick={() => transition.mutate({ id: fair.id, verb: 'open' }, done)} data-testid="fair-open">
          {t('fairs.action.open')}
        </Button>
      )}
      {fair.isOrganiser && fair.status === 'open' && (
        <Popconfirm title={t('fairs.action.closeConfirm')} onConfirm={() => transition.mutate({ id: fair.id, verb: 'close' }, done)}>
          <Button loading={transition.isPending} data-testid="fair-close">
            {t('fairs.action.close')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

/** Organisers: every registration with the waitlist; cancel on a firm's behalf. */
function ParticipantsTable({ fair }: { fair: FairView }) {
  const t = useT();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const participants = useParticipants(fair.id, true);
  const cancel = useCancelRegistration();
  return (
    <>
      {participants.error ? <ProblemAlert error={participants.error} /> : null}
      <Table<RegistrationView>
        data-testid="participants-table"
        rowKey="id"
        size="middle"
        loading={participants.isLoading}
        dataSource={participants.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('fairs.participant.name'), dataIndex: 'name', render: (name: string, r) => <Link to={`/fairs/${fair.id}/timetable?uscc=${r.uscc}`}>{name}</Link> },
          { title: t('fairs.participant.kind'), dataIndex: 'kind', width: 100, render: (k: RegistrationView['kind']) => <KindTag kind={k} /> },
          { title: t('fairs.participant.uscc'), dataIndex: 'uscc', width: 200 },
          { title: t('fairs.participant.status'), dataIndex: 'status', width: 120, render: (s: RegistrationView['status'], r) => <RegistrationTag status={s} position={r.waitlistPosition} /> },
          { title: t('fairs.participant.at'), dataIndex: 'createdAt', width: 160, render: (at: string) => formatDateTime(lang, at) },
          {
            title: '',
            key: 'actions',
            width: 90,
            render: (_, r) => (
              <Popconfirm title={t('fairs.action.cancelConfirm')} onConfirm={() => cancel.mutate({ id: fair.id, registrationId: r.id }, { onError: (err) => message.error(errorMessage(err, t)) })}>
                <Button size="small" danger>
                  {t('fairs.action.cancel')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </>
  );
}

/** A member's own timetable with print and Excel. */
function MyTimetable({ fair }: { fair: FairView }) {
  const t = useT();
  const timetable = useTimetable(fair.id, undefined, fair.hasSchedule);
  if (!fair.hasSchedule) return <Alert type="info" showIcon message={t('fairs.timetable.notYet')} />;
  if (timetable.error) return <ProblemAlert error={timetable.error} />;
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Link to={`/fairs/${fair.id}/timetable`}>
          <Button icon={<PrinterOutlined />} data-testid="timetable-print">
            {t('fairs.timetable.printable')}
          </Button>
        </Link>
        <Button icon={<DownloadOutlined />} href={timetableExportUrl(fair.id)}>
          {t('fairs.exportExcel')}
        </Button>
      </Space>
      <FairTimetable fairId={fair.id} registrationId={fair.myRegistration!.id} meetings={timetable.data?.meetings ?? []} canRecord />
    </>
  );
}

/** A fair: its facts, registration, and by role the wish list, own timetable, participants and the scheduler with the grid. */
export function FairDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const fair = useFair(id);
  if (fair.error) return <ProblemAlert error={fair.error} />;
  if (!fair.data) return <Card loading />;
  const f = fair.data;
  const isRegistered = f.myRegistration?.status === 'registered';
  const tabs = [
    ...(isRegistered ? [{ key: 'wishes', label: t('fairs.tab.wishes'), children: <FairWishPanel fair={f} /> }] : []),
    ...(f.myRegistration ? [{ key: 'timetable', label: t('fairs.tab.timetable'), children: <MyTimetable fair={f} /> }] : []),
    ...(f.isOrganiser
      ? [
          { key: 'schedule', label: t('fairs.tab.schedule'), children: <FairSchedulePanel fair={f} /> },
          { key: 'participants', label: t('fairs.tab.participants'), children: <ParticipantsTable fair={f} /> },
        ]
      : []),
  ];
  return (
    <div data-testid="fair-detail-page">
      <PageHeader
        title={
          <Space>
            <Link to="/fairs" aria-label={t('fairs.back')}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="fair-title">{f.title}</span>
            <FairStatusTag status={f.status} />
          </Space>
        }
        subTitle={[f.regionName, f.chainName, f.venue].filter(Boolean).join(' · ')}
        extra={<FairActions fair={f} />}
      />
      <Card size="small" style={{ marginBottom: 16 }} className="no-print">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('fairs.field.sessions')}>
            <Space direction="vertical" size={0}>
              {f.sessions.map((s) => (
                <span key={s.id}>{t('fairs.session.summary', { date: s.date, start: s.startTime, slots: s.slotCount, minutes: s.slotMinutes, tables: s.tables })}</span>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('fairs.field.registrations')}>
            {t('fairs.registrations.summary', { large: f.largeRegistered, largeCap: f.largeCapacity, sme: f.smeRegistered, smeCap: f.smeCapacity, wait: f.waitlisted })}
          </Descriptions.Item>
          <Descriptions.Item label={t('fairs.field.visibility')}>{t(`fairs.visibility.${f.visibility}`)}</Descriptions.Item>
          {f.description && (
            <Descriptions.Item label={t('fairs.field.description')} span={3}>
              <Typography.Text>{f.description}</Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {tabs.length > 0 ? (
        <Card>
          <Tabs items={tabs} destroyOnHidden data-testid="fair-tabs" />
        </Card>
      ) : (
        f.status === 'open' && <Alert type="info" showIcon message={t('fairs.registerHint')} />
      )}
    </div>
  );
}
