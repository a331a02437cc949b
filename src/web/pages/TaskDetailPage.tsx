import { ArrowLeftOutlined, BellOutlined, CheckOutlined, DownloadOutlined, ForkOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import './workbench-print.css';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Empty, List, Popconfirm, Progress, Row, Space, Statistic, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { RollupChild, TaskStatus } from '../../contracts/workbench';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { TaskDispatchModal, TaskReportModal } from '../components/TaskModals';
import { TaskProgress, TaskStatusTag } from '../components/TaskTags';
import { useLang, useT } from '../i18n';
import { formatDateTime, formatNumber } from '../lib/format';
import { apiUrl } from '../api';
import { errorMessage } from '../lib/problem';
import { FileLinks, FileUploadButton } from '../components/Attachments';
import { rollupExportUrl, useAcceptTask, useRemindTask, useTask, useTaskRollup } from '../queries/workbench';

/** One task: its facts, the actions of its own level, the roll-up over its sub-tasks, reports and reminders. */
export function TaskDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const task = useTask(id);
  const rollup = useTaskRollup(id);
  const accept = useAcceptTask(id);
  const remind = useRemindTask();
  const [modal, setModal] = useState<'dispatch' | 'report' | null>(null);

  if (task.error) return <ProblemAlert error={task.error} />;
  if (!task.data) return <Card loading />;
  const k = task.data;
  const r = rollup.data;
  const canRemind = !k.isOwn && k.status !== 'completed';
  const sendReminder = (taskId: string) =>
    remind.mutate({ id: taskId, message: t('workbench.remind.defaultMessage') }, { onSuccess: () => void message.success(t('workbench.action.reminded')), onError: (e) => void message.error(errorMessage(e, t)) });

  return (
    <div data-testid="task-detail-page" className="printable">
      <PageHeader
        title={
          <Space>
            <Link to="/dispatch" aria-label={t('workbench.detail.back')} className="no-print">
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="task-title">{k.title}</span>
            <TaskStatusTag status={k.status} isOverdue={k.isOverdue} />
          </Space>
        }
        subTitle={`${k.regionName} · ${t('workbench.field.dueOn')} ${k.dueOn}`}
        extra={
          <Space wrap className="no-print">
            {k.isOwn && k.status === 'dispatched' && (
              <Popconfirm title={t('workbench.action.acceptConfirm')} onConfirm={() => accept.mutate(undefined, { onSuccess: () => void message.success(t('workbench.action.accepted')) })}>
                <Button type="primary" icon={<CheckOutlined />} loading={accept.isPending} data-testid="task-accept">
                  {t('workbench.action.accept')}
                </Button>
              </Popconfirm>
            )}
            {k.isOwn && k.status === 'accepted' && (
              <>
                <Button icon={<ForkOutlined />} onClick={() => setModal('dispatch')} data-testid="task-dispatch">
                  {t('workbench.action.dispatch')}
                </Button>
                <Button type="primary" icon={<SendOutlined />} onClick={() => setModal('report')} data-testid="task-report">
                  {t('workbench.action.report')}
                </Button>
              </>
            )}
            {canRemind && (
              <Button icon={<BellOutlined />} onClick={() => sendReminder(k.id)} loading={remind.isPending} data-testid="task-remind">
                {t('workbench.action.remind')}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} href={rollupExportUrl(k.id)} data-testid="rollup-export">
              {t('workbench.detail.exportRollup')}
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('workbench.detail.print')}
            </Button>
          </Space>
        }
      />
      {accept.error ? <ProblemAlert error={accept.error} /> : null}
      {k.isOwn && k.reminderCount > 0 && k.status !== 'completed' && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('workbench.detail.remindedBanner', { n: k.reminderCount })} description={k.reminders[0]?.message} data-testid="task-reminded" />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={9}>
          <Card title={t('workbench.detail.info')} style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small" labelStyle={{ width: 110 }}>
              <Descriptions.Item label={t('workbench.field.region')}>{k.regionName}</Descriptions.Item>
              <Descriptions.Item label={t('workbench.field.parent')}>{k.parentId ? <Link to={`/dispatch/tasks/${k.parentId}`}>{k.parentTitle}</Link> : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('workbench.field.target')}>{formatNumber(lang, k.target)}</Descriptions.Item>
              <Descriptions.Item label={t('workbench.field.metric')}>{k.metricLabel ?? t('workbench.field.metricNone')}</Descriptions.Item>
              <Descriptions.Item label={t('workbench.field.period')}>
                {k.startsOn} — {k.dueOn}
              </Descriptions.Item>
              <Descriptions.Item label={t('workbench.field.lastReport')}>{k.reportedAt ? formatDateTime(lang, k.reportedAt) : t('workbench.detail.noReports')}</Descriptions.Item>
              {k.description ? (
                <Descriptions.Item label={t('workbench.field.description')}>
                  <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{k.description}</Typography.Paragraph>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          <Card title={t('workbench.detail.reports')} size="small" style={{ marginBottom: 16 }}>
            {k.reports.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.detail.noReports')} />
            ) : (
              <Timeline
                data-testid="task-reports"
                items={k.reports.map((rep) => ({
                  children: (
                    <div>
                      <div>
                        {formatDateTime(lang, rep.reportedAt)} · {rep.reportedBy ?? '—'} · {Math.round(rep.progress * 100)}%
                        {rep.done !== null ? ` · ${t('workbench.field.done')} ${formatNumber(lang, rep.done)}` : ''}
                      </div>
                      {rep.note ? <div className="muted">{rep.note}</div> : null}
                      {rep.files.length > 0 && <FileLinks files={rep.files} hrefOf={(f) => `/tasks/${k.id}/reports/${rep.id}/files/${f.id}`} />}
                      {k.isOwn && k.status !== 'completed' && (
                        <FileUploadButton path={`/tasks/${k.id}/reports/${rep.id}/files`} testId={`report-upload-${rep.id}`} label={t('workbench.detail.attach')} onUploaded={() => void task.refetch()} />
                      )}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
          {k.reminders.length > 0 && (
            <Card title={t('workbench.detail.reminders')} size="small">
              <List size="small" dataSource={k.reminders} renderItem={(rem) => <List.Item>{`${formatDateTime(lang, rem.createdAt)} · ${rem.sentBy}：${rem.message}`}</List.Item>} />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={15}>
          <Card title={t('workbench.detail.rollup')} extra={<span className="muted">{t('workbench.detail.rollupHint')}</span>} style={{ marginBottom: 16 }} data-testid="task-rollup">
            {rollup.error ? <ProblemAlert error={rollup.error} /> : null}
            {r ? (
              <>
                <Row gutter={16} align="middle" style={{ marginBottom: 16 }}>
                  <Col span={6}>
                    <Progress type="circle" percent={Math.round(r.progress * 1000) / 10} size={96} status={r.progress >= 1 ? 'success' : k.isOverdue ? 'exception' : 'normal'} />
                  </Col>
                  <Col span={6}>
                    <Statistic title={t('workbench.col.target')} value={r.target} />
                  </Col>
                  <Col span={6}>
                    <div data-testid="rollup-done">
                      <Statistic title={t('workbench.col.done')} value={r.done} valueStyle={{ color: '#1677ff' }} />
                    </div>
                    {r.isDoneCounted ? <span className="muted">{t('workbench.detail.countedHint')}</span> : null}
                  </Col>
                  <Col span={6}>
                    <Statistic title={t('workbench.col.overdueBelow')} value={r.overdue.length} valueStyle={{ color: r.overdue.length > 0 ? '#cf1322' : undefined }} />
                  </Col>
                </Row>
                <Typography.Title level={5}>{t('workbench.detail.children')}</Typography.Title>
                <Table<RollupChild>
                  data-testid="rollup-children"
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={r.children}
                  locale={{ emptyText: t('workbench.detail.noChildren') }}
                  columns={[
                    { title: t('workbench.col.region'), dataIndex: 'regionName', width: 120, render: (name: string, row) => <Link to={`/dispatch/tasks/${row.id}`}>{name}</Link> },
                    { title: t('workbench.col.target'), dataIndex: 'target', align: 'right', width: 80 },
                    { title: t('workbench.col.done'), dataIndex: 'done', align: 'right', width: 80 },
                    { title: t('workbench.col.progress'), dataIndex: 'progress', width: 180, render: (value: number, row) => <TaskProgress value={value} isOverdue={row.isOverdue} /> },
                    { title: t('workbench.col.status'), dataIndex: 'status', width: 150, render: (status: TaskStatus, row) => <TaskStatusTag status={status} isOverdue={row.isOverdue} /> },
                    { title: t('workbench.col.dueOn'), dataIndex: 'dueOn', width: 110 },
                    {
                      key: 'files',
                      title: t('workbench.col.files'),
                      width: 180,
                      // Compact: one link per file, its name cut short (the full name on hover); sizes are in the task's own page.
                      render: (_: unknown, row) => (
                        <Space direction="vertical" size={0}>
                          {row.files.map((f) => (
                            <a key={f.id} href={apiUrl(`/tasks/${row.id}/reports/${f.reportId}/files/${f.id}`)} download={f.name} title={f.name} style={{ display: 'inline-block', maxWidth: 164, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', verticalAlign: 'bottom' }}>
                              {f.name}
                            </a>
                          ))}
                        </Space>
                      ),
                    },
                    {
                      key: 'remind',
                      width: 90,
                      className: 'no-print',
                      render: (_: unknown, row) =>
                        row.status !== 'completed' ? (
                          <Button size="small" icon={<BellOutlined />} onClick={() => sendReminder(row.id)} data-testid={`remind-${row.regionCode}`}>
                            {t('workbench.action.remind')}
                          </Button>
                        ) : null,
                    },
                  ]}
                />
                {r.overdue.length > 0 && (
                  <>
                    <Typography.Title level={5} style={{ marginTop: 16 }}>
                      {t('workbench.detail.overdueList')}
                    </Typography.Title>
                    <List
                      size="small"
                      dataSource={r.overdue}
                      renderItem={(o) => (
                        <List.Item>
                          <Link to={`/dispatch/tasks/${o.id}`}>{o.title}</Link> · {o.regionName} · {t('workbench.field.dueOn')} {o.dueOn}
                        </List.Item>
                      )}
                    />
                  </>
                )}
              </>
            ) : (
              <Card loading bordered={false} />
            )}
          </Card>
        </Col>
      </Row>
      {modal === 'dispatch' && <TaskDispatchModal task={k} open onClose={() => setModal(null)} />}
      {modal === 'report' && <TaskReportModal task={k} rollup={r} open onClose={() => setModal(null)} />}
    </div>
  );
}
