import { DownloadOutlined, PlayCircleOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Descriptions, Form, InputNumber, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { FairView, GridView, MeetingView, ScheduleView } from '../../contracts/fairs';
import { useLang, useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { errorMessage } from '../lib/problem';
import { gridExportUrl, useGrid, useRunSchedule } from '../queries/fairs';
import { slotText } from './FairTimetable';
import { ProblemAlert } from './ProblemAlert';

/** The quality figures of a schedule run: objective against the LP bound, the gap, fairness. */
function ScheduleFigures({ schedule }: { schedule: ScheduleView }) {
  const t = useT();
  const lang = useLang();
  return (
    <div data-testid="schedule-result">
      <Space size="large" wrap style={{ marginBottom: 12 }}>
        <Statistic title={t('fairs.schedule.meetings')} value={schedule.meetings} />
        <Statistic title={t('fairs.schedule.objective')} value={schedule.objective} />
        <Statistic title={t('fairs.schedule.bound')} value={schedule.bound} precision={1} />
        <Statistic title={t('fairs.schedule.gap')} value={schedule.gap * 100} precision={2} suffix="%" valueStyle={{ color: schedule.gap > 0.05 ? '#d46b08' : '#389e0d' }} />
        <Statistic title={t('fairs.schedule.mutualMet')} value={`${schedule.mutualMet} / ${schedule.mutualPairs}`} />
        <Statistic title={t('fairs.schedule.minSme')} value={schedule.minSmeMeetings} />
      </Space>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
        <Descriptions.Item label={t('fairs.schedule.wishes')}>{schedule.wishes}</Descriptions.Item>
        <Descriptions.Item label={t('fairs.schedule.pairs')}>{schedule.candidatePairs}</Descriptions.Item>
        <Descriptions.Item label={t('fairs.schedule.unplaced')}>{schedule.unplacedPairs}</Descriptions.Item>
        <Descriptions.Item label={t('fairs.schedule.shortfall')}>{t('fairs.schedule.shortfallText', { n: schedule.fairShareShortfall, smes: schedule.smesWithWishes, share: schedule.options.minMeetingsPerSme })}</Descriptions.Item>
        <Descriptions.Item label={t('fairs.schedule.weights')}>{t('fairs.schedule.weightsText', { mutual: schedule.options.mutualWeight, one: schedule.options.oneSidedWeight, fair: schedule.options.fairShareWeight })}</Descriptions.Item>
        <Descriptions.Item label={t('fairs.schedule.solver')}>
          {schedule.method} · {schedule.solverStatus} · {schedule.seconds.toFixed(2)} s · {formatDateTime(lang, schedule.computedAt)}
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}

/** The grid: one row per slot, one column per table, "大企业 × 中小企业" in each cell. */
function GridTable({ grid }: { grid: GridView }) {
  const t = useT();
  const maxTables = Math.max(0, ...grid.slots.map((s) => s.tables));
  const cells = useMemo(() => new Map<string, MeetingView>(grid.meetings.map((m) => [`${m.sessionId}/${m.slotIndex}/${m.table}`, m])), [grid.meetings]);
  const rows = grid.slots.map((s) => ({ key: `${s.sessionId}/${s.slotIndex}`, ...s }));
  return (
    <Table
      data-testid="fair-grid"
      className="fair-grid"
      size="small"
      bordered
      pagination={false}
      dataSource={rows}
      scroll={{ x: 160 + maxTables * 190 }}
      columns={[
        { title: t('fairs.timetable.time'), key: 'time', width: 150, fixed: 'left', render: (_, s) => slotText(s.startsAt, s.endsAt) },
        ...Array.from({ length: maxTables }, (_, i) => ({
          title: t('fairs.timetable.tableNo', { n: i + 1 }),
          key: `t${i + 1}`,
          width: 190,
          render: (_: unknown, s: (typeof rows)[number]) => {
            const m = cells.get(`${s.sessionId}/${s.slotIndex}/${i + 1}`);
            return m ? (
              <div className="fair-grid-cell">
                <div>{m.large.name}</div>
                <div className="muted">× {m.sme.name}</div>
                {m.isMutual && <Tag color="green">{t('fairs.wish.mutual')}</Tag>}
              </div>
            ) : null;
          },
        })),
      ]}
    />
  );
}

/** Organisers: run the scheduler (weights configurable), see its figures and the whole grid; print or export it. */
export function FairSchedulePanel({ fair }: { fair: FairView }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const grid = useGrid(fair.id, true);
  const run = useRunSchedule();
  const [form] = Form.useForm<{ mutualWeight: number; oneSidedWeight: number; minMeetingsPerSme: number }>();
  const schedule = grid.data?.schedule ?? null;
  return (
    <div data-testid="fair-schedule-panel">
      <Card size="small" className="no-print" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('fairs.schedule.hint')}</Typography.Paragraph>
        <Form
          form={form}
          layout="inline"
          initialValues={schedule?.options ?? { mutualWeight: 3, oneSidedWeight: 1, minMeetingsPerSme: 2 }}
          onFinish={(values) =>
            run.mutate({ id: fair.id, body: values }, { onSuccess: (s) => message.success(t('fairs.schedule.done', { n: s.meetings })), onError: (err) => message.error(errorMessage(err, t)) })
          }
        >
          <Form.Item name="mutualWeight" label={t('fairs.schedule.mutualWeight')}>
            <InputNumber min={1} max={100} style={{ width: 80 }} />
          </Form.Item>
          <Form.Item name="oneSidedWeight" label={t('fairs.schedule.oneSidedWeight')}>
            <InputNumber min={0} max={100} style={{ width: 80 }} />
          </Form.Item>
          <Form.Item name="minMeetingsPerSme" label={t('fairs.schedule.minMeetings')}>
            <InputNumber min={0} max={48} style={{ width: 80 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlayCircleOutlined />} loading={run.isPending} disabled={fair.status === 'draft'} data-testid="schedule-run">
              {schedule ? t('fairs.schedule.rerun') : t('fairs.schedule.run')}
            </Button>
          </Form.Item>
        </Form>
        {schedule && <Alert style={{ marginTop: 12 }} type="info" showIcon message={t('fairs.schedule.replaceWarning')} />}
      </Card>
      {grid.error ? <ProblemAlert error={grid.error} /> : null}
      {schedule ? (
        <>
          <Card size="small" title={t('fairs.schedule.result')} style={{ marginBottom: 16 }}>
            <ScheduleFigures schedule={schedule} />
          </Card>
          <Card
            size="small"
            title={t('fairs.schedule.grid')}
            extra={
              <Space className="no-print">
                <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
                  {t('fairs.print')}
                </Button>
                <Button icon={<DownloadOutlined />} href={gridExportUrl(fair.id)} data-testid="grid-export">
                  {t('fairs.exportExcel')}
                </Button>
              </Space>
            }
          >
            {grid.data && <GridTable grid={grid.data} />}
          </Card>
        </>
      ) : (
        !grid.isLoading && <Alert type="warning" showIcon message={t('fairs.schedule.none')} />
      )}
    </div>
  );
}
