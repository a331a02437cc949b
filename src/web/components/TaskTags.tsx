import { Progress, Space, Tag } from 'antd';
import type { TaskStatus } from '../../contracts/workbench';
import { useT, type MessageKey } from '../i18n';

const STATUS_COLOR: Record<TaskStatus, string> = { dispatched: 'gold', accepted: 'blue', completed: 'green' };

/** Message key of a task status. */
export const taskStatusKey = (status: TaskStatus): MessageKey => `workbench.status.${status}`;

/** Status of a task, with a red 逾期 tag when overdue. */
export function TaskStatusTag({ status, isOverdue }: { status: TaskStatus; isOverdue?: boolean }) {
  const t = useT();
  return (
    <Space size={4}>
      <Tag color={STATUS_COLOR[status]} data-testid={`task-status-${status}`}>
        {t(taskStatusKey(status))}
      </Tag>
      {isOverdue ? (
        <Tag color="red" data-testid="task-overdue">
          {t('workbench.overdue')}
        </Tag>
      ) : null}
    </Space>
  );
}

/** Progress 0–1 as a bar; a dash when unknown. */
export function TaskProgress({ value, isOverdue }: { value: number | null; isOverdue?: boolean }) {
  if (value === null) return <span className="muted">—</span>;
  return <Progress percent={Math.round(value * 1000) / 10} size="small" status={value >= 1 ? 'success' : isOverdue ? 'exception' : 'active'} style={{ minWidth: 120, marginBottom: 0 }} />;
}
