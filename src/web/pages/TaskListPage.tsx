import { DashboardOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Input, Radio, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { TaskStatus, TaskView } from '../../contracts/workbench';
import { CursorPager } from '../components/CursorPager';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { TaskCreateModal } from '../components/TaskModals';
import { TaskProgress, TaskStatusTag } from '../components/TaskTags';
import { useT } from '../i18n';
import { useCursorPages } from '../lib/useCursorPages';
import { useUrlParams } from '../lib/useUrlParams';
import { tasksExportUrl, useTaskList, type TaskFilters } from '../queries/workbench';

const PAGE_SIZE = 20;
type View = 'all' | 'mine' | 'overdue';

function readFilters(params: URLSearchParams): TaskFilters & { view: View } {
  const view = (['mine', 'overdue'].includes(params.get('view') ?? '') ? params.get('view') : 'all') as View;
  return { view, mine: view === 'mine' ? 'true' : undefined, overdue: view === 'overdue' ? 'true' : undefined, q: params.get('q') || undefined };
}

/** 任务调度: the tasks of the user's region and below, by view (all, own level, overdue). */
export function TaskListPage() {
  const t = useT();
  const { params, setParam } = useUrlParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useTaskList(filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  const [isCreating, setCreating] = useState(false);

  return (
    <div data-testid="task-list-page">
      <PageHeader
        title={t('workbench.tasks.title')}
        subTitle={t('workbench.tasks.subtitle')}
        extra={
          <Space wrap>
            <Link to="/dashboard">
              <Button icon={<DashboardOutlined />}>{t('workbench.tasks.dashboard')}</Button>
            </Link>
            <Button icon={<DownloadOutlined />} href={tasksExportUrl(filters)} data-testid="tasks-export-button">
              {t('workbench.tasks.export')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-create-button">
              {t('workbench.tasks.create')}
            </Button>
          </Space>
        }
      />
      <Card className="filter-card" size="small">
        <div className="filter-bar">
          <Radio.Group
            optionType="button"
            value={filters.view}
            onChange={(e) => setParam('view', e.target.value === 'all' ? undefined : e.target.value)}
            data-testid="task-view"
            options={[
              { value: 'all', label: t('workbench.tasks.view.all') },
              { value: 'mine', label: t('workbench.tasks.view.mine') },
              { value: 'overdue', label: t('workbench.tasks.view.overdue') },
            ]}
          />
          <Input.Search allowClear defaultValue={filters.q} placeholder={t('workbench.tasks.search')} onSearch={(value) => setParam('q', value || undefined)} style={{ width: 260 }} />
        </div>
      </Card>
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<TaskView>
          data-testid="task-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('workbench.tasks.empty') }}
          scroll={{ x: 1000 }}
          columns={[
            {
              title: t('workbench.col.title'),
              dataIndex: 'title',
              render: (title: string, row) => (
                <Space orientation="vertical" size={0}>
                  <Link to={`/dispatch/tasks/${row.id}`} data-testid={`task-link-${row.id}`}>
                    {title}
                  </Link>
                  {row.parentTitle && row.parentTitle !== title ? <span className="muted">↑ {row.parentTitle}</span> : null}
                </Space>
              ),
            },
            { title: t('workbench.col.region'), dataIndex: 'regionName', width: 130 },
            { title: t('workbench.col.target'), dataIndex: 'target', width: 90, align: 'right' },
            { title: t('workbench.col.dueOn'), dataIndex: 'dueOn', width: 120 },
            { title: t('workbench.col.status'), dataIndex: 'status', width: 160, render: (status: TaskStatus, row) => <TaskStatusTag status={status} isOverdue={row.isOverdue} /> },
            { title: t('workbench.col.progress'), dataIndex: 'reportedProgress', width: 180, render: (value: number | null, row) => <TaskProgress value={row.status === 'completed' ? 1 : value} isOverdue={row.isOverdue} /> },
            { title: t('workbench.col.children'), dataIndex: 'childCount', width: 90, align: 'right' },
            { title: t('workbench.col.reminders'), dataIndex: 'reminderCount', width: 80, render: (n: number) => (n > 0 ? <Badge count={n} /> : null) },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} total={list.data?.total} isFetching={list.isFetching} />
      </Card>
      <TaskCreateModal open={isCreating} onClose={() => setCreating(false)} />
    </div>
  );
}
