import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { CreateTaskBody, DispatchBody, RollupView, TaskView } from '../../contracts/workbench';
import { TASK_NOTE_MAX, TASK_TITLE_MAX } from '../../contracts/workbench';
import { useLang, useT } from '../i18n';
import { regionScope } from '../lib/access';
import { addDays, todayInShanghai } from '../lib/format';
import { applyProblemToForm } from '../lib/problem';
import { useCurrentUser } from '../queries/auth';
import { useRegionTree, type TreeOption } from '../queries/reference';
import { useCreateTask, useDispatchTask, useReportTask, useTaskMetrics } from '../queries/workbench';
import { ProblemAlert } from './ProblemAlert';
import { RegionCascader } from './RegionCascader';

const ROOT = '000000';

/** Direct children of a region in the tree (provinces for the whole country). */
function childRegions(tree: readonly TreeOption[], code: string): TreeOption[] {
  if (code === ROOT) return [...tree];
  const stack = [...tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.value === code) return node.children ?? [];
    if (node.children) stack.push(...node.children);
  }
  return [];
}

interface CreateForm {
  title: string;
  regionCode: string;
  dueOn: string;
  target?: number;
  metric?: string;
  description?: string;
}

/** 新建任务: for the user's own region (accepted at once) or one below; opens the task after. */
export function TaskCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateForm>();
  const create = useCreateTask();
  const metrics = useTaskMetrics();
  const submit = (values: CreateForm) => {
    const body: CreateTaskBody = { ...values, description: values.description?.trim() || undefined, metric: values.metric || undefined };
    create.mutate(body, {
      onSuccess: ({ id }) => {
        onClose();
        form.resetFields();
        void navigate(`/dispatch/tasks/${id}`);
      },
      onError: (error) => applyProblemToForm(form, error, { controls: ['title', 'regionCode', 'dueOn', 'target', 'metric', 'description'] }),
    });
  };
  return (
    <Modal
      title={t('workbench.tasks.create')}
      open={open}
      onCancel={onClose}
      width={620}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'task-create-submit' }}
      destroyOnHidden
    >
      <Form<CreateForm> form={form} layout="vertical" onFinish={submit} initialValues={{ regionCode: user.regionCode ?? undefined, dueOn: addDays(todayInShanghai(), 90), target: 0 }}>
        <Form.Item name="title" label={t('workbench.field.title')} rules={[{ required: true, min: 2, max: TASK_TITLE_MAX, message: t('common.required', { field: t('workbench.field.title') }) }]}>
          <Input data-testid="task-title-input" maxLength={TASK_TITLE_MAX} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="regionCode" label={t('workbench.field.region')} rules={[{ required: true }]}>
            <RegionCascader scope={regionScope(user)} style={{ width: 260 }} data-testid="task-region-input" />
          </Form.Item>
          <Form.Item name="dueOn" label={t('workbench.field.dueOn')} rules={[{ required: true }]}>
            <Input type="date" data-testid="task-due-input" min={todayInShanghai()} />
          </Form.Item>
          <Form.Item name="target" label={t('workbench.field.target')}>
            <InputNumber min={0} data-testid="task-target-input" style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name="metric" label={t('workbench.field.metric')} extra={t('workbench.field.metricHint')}>
          <Select
            allowClear
            data-testid="task-metric-input"
            placeholder={t('workbench.field.metricNone')}
            options={(metrics.data?.items ?? []).map((m) => ({ value: m.key, label: `${lang === 'zh' ? m.labelZh : m.labelEn}（${lang === 'zh' ? m.unitZh : m.unitEn}）` }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t('workbench.field.description')}>
          <Input.TextArea rows={3} maxLength={TASK_NOTE_MAX} />
        </Form.Item>
        <ProblemAlert error={create.error} fieldErrors={[]} />
      </Form>
    </Modal>
  );
}

interface DispatchForm {
  children: { regionCode?: string; target?: number; dueOn?: string }[];
}

/** 分解下发: one row per region below the task's region, with target and due date. */
export function TaskDispatchModal({ task, open, onClose }: { task: TaskView; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<DispatchForm>();
  const dispatch = useDispatchTask(task.id);
  const tree = useRegionTree();
  const options = useMemo(() => childRegions(tree.data ?? [], task.regionCode).map((r) => ({ value: r.value, label: r.label })), [tree.data, task.regionCode]);
  const rows = Form.useWatch('children', form) ?? [];
  const targetSum = rows.reduce((sum, row) => sum + (row?.target ?? 0), 0);

  const addAll = () => {
    const each = options.length > 0 ? Math.round((task.target / options.length) * 100) / 100 : 0;
    form.setFieldsValue({ children: options.map((o) => ({ regionCode: o.value, target: each, dueOn: task.dueOn })) });
  };
  const submit = (values: DispatchForm) => {
    const body: DispatchBody = { children: values.children.map((c) => ({ regionCode: c.regionCode ?? '', target: c.target ?? 0, dueOn: c.dueOn ?? task.dueOn })) };
    dispatch.mutate(body, {
      onSuccess: () => {
        onClose();
        form.resetFields();
      },
      onError: (error) => applyProblemToForm(form, error, { controls: [], lists: ['children'] }),
    });
  };
  return (
    <Modal
      title={t('workbench.dispatch.title', { title: task.title })}
      open={open}
      onCancel={onClose}
      width={760}
      okText={t('workbench.dispatch.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={dispatch.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'dispatch-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('workbench.dispatch.hint', { dueOn: task.dueOn })}</Typography.Paragraph>
      <Form<DispatchForm> form={form} onFinish={submit} initialValues={{ children: [{ dueOn: task.dueOn }] }} data-testid="dispatch-form">
        <Form.List name="children">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="baseline" wrap data-testid={`dispatch-row-${i}`}>
                  <Form.Item name={[field.name, 'regionCode']} rules={[{ required: true, message: t('common.required', { field: t('workbench.field.region') }) }]}>
                    <Select showSearch optionFilterProp="label" options={options} placeholder={t('workbench.field.region')} style={{ width: 220 }} data-testid={`dispatch-region-${i}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'target']} rules={[{ required: true, message: t('common.required', { field: t('workbench.field.target') }) }]}>
                    <InputNumber min={0} placeholder={t('workbench.field.target')} style={{ width: 120 }} data-testid={`dispatch-target-${i}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'dueOn']} rules={[{ required: true }]}>
                    <Input type="date" max={task.dueOn} style={{ width: 170 }} data-testid={`dispatch-due-${i}`} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} aria-label="remove" />
                </Space>
              ))}
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => add({ dueOn: task.dueOn })} data-testid="dispatch-add-row">
                  {t('workbench.dispatch.addRow')}
                </Button>
                <Button onClick={addAll} disabled={options.length === 0} data-testid="dispatch-add-all">
                  {t('workbench.dispatch.addAll')}
                </Button>
                <Typography.Text type={task.target > 0 && targetSum < task.target ? 'warning' : 'secondary'}>
                  {t('workbench.dispatch.targetSum', { sum: targetSum, target: task.target })}
                </Typography.Text>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
      <ProblemAlert error={dispatch.error} />
    </Modal>
  );
}

interface ReportForm {
  percent: number;
  done?: number;
  note?: string;
}

/** 报送进度: progress in %, the figure where it is typed (not for metric or decomposed tasks), a note. */
export function TaskReportModal({ task, rollup, open, onClose }: { task: TaskView; rollup?: RollupView; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<ReportForm>();
  const report = useReportTask(task.id);
  const isTyped = !task.metric && task.childCount === 0;
  const submit = (values: ReportForm) => {
    report.mutate(
      { progress: values.percent / 100, done: isTyped ? values.done : undefined, note: values.note?.trim() || undefined },
      {
        onSuccess: () => {
          onClose();
          form.resetFields();
        },
        onError: (error) => applyProblemToForm(form, error, { controls: ['done', 'note'] }),
      },
    );
  };
  const current = rollup?.done ?? 0;
  return (
    <Modal
      title={t('workbench.report.title', { title: task.title })}
      open={open}
      onCancel={onClose}
      width={560}
      okText={t('workbench.report.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={report.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'report-submit' }}
      destroyOnHidden
    >
      <Form<ReportForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ percent: Math.round((rollup?.progress ?? task.reportedProgress ?? 0) * 100), done: task.reportedDone ?? undefined }}
      >
        <Form.Item name="percent" label={t('workbench.field.progress')} extra={t('workbench.report.completeHint')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100} addonAfter="%" data-testid="report-progress" style={{ width: 160 }} />
        </Form.Item>
        {isTyped ? (
          <Form.Item name="done" label={`${t('workbench.field.done')}${task.target > 0 ? ` / ${task.target}` : ''}`}>
            <InputNumber min={0} data-testid="report-done" style={{ width: 160 }} />
          </Form.Item>
        ) : (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="report-counted-hint"
            message={task.childCount > 0 ? t('workbench.report.rolledHint', { done: current }) : t('workbench.report.countedHint', { done: current })}
          />
        )}
        <Form.Item name="note" label={t('workbench.field.note')}>
          <Input.TextArea rows={3} maxLength={TASK_NOTE_MAX} data-testid="report-note" />
        </Form.Item>
      </Form>
      <ProblemAlert error={report.error} fieldErrors={[]} />
    </Modal>
  );
}
