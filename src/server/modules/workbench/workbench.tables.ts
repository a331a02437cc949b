import type { ColumnType, Generated } from 'kysely';
import type { NotificationsTables } from './notifications.tables.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateColumn = ColumnType<string, string, string>;

/** Tables of the government workbench: tasks down the hierarchy, their reports and reminders; key-enterprise lists (migrations/20261129000009_create_workbench.sql). */
export interface WorkbenchTables extends NotificationsTables {
  tasks: {
    id: Generated<string>;
    root_id: string;
    parent_id: string | null;
    depth: number;
    region_code: string;
    title: string;
    description: Generated<string>;
    metric: string | null;
    target: number;
    starts_on: DateColumn;
    due_on: DateColumn;
    status: string;
    reported_progress: number | null;
    reported_done: number | null;
    reported_at: NullableTimestamp;
    created_by: string | null;
    accepted_by: string | null;
    accepted_at: NullableTimestamp;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  task_reports: {
    id: Generated<string>;
    task_id: string;
    region_code: string;
    progress: number;
    done: number | null;
    is_done_counted: Generated<boolean>;
    note: Generated<string>;
    attachments: ColumnType<unknown[], string | undefined, string>;
    reported_by: string | null;
    reported_at: Timestamp;
  };
  task_reminders: {
    id: Generated<string>;
    task_id: string;
    region_code: string;
    message: string;
    sent_by: string | null;
    sent_by_label: string;
    created_at: Timestamp;
  };
  key_lists: {
    id: Generated<string>;
    region_code: string;
    name: string;
    kind: string;
    description: Generated<string>;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  key_list_members: {
    list_id: string;
    enterprise_id: string;
    source: string;
    added_by: string | null;
    added_at: Timestamp;
  };
  /** Project database (补链固链强链项目库), migrations/20261130000050_create_chain_projects.sql. */
  chain_projects: {
    id: Generated<string>;
    region_code: string;
    chain_id: string;
    segment_key: string;
    weak_link_kind: string | null;
    name: string;
    type: string;
    investment_fen: ColumnType<string, string | number | bigint, string | number | bigint>;
    status: Generated<string>;
    progress_pct: Generated<number>;
    starts_on: ColumnType<string | null, string | null | undefined, string | null>;
    ends_on: ColumnType<string | null, string | null | undefined, string | null>;
    description: Generated<string>;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  chain_project_enterprises: {
    project_id: string;
    enterprise_id: string;
    role: string;
  };
  chain_project_milestones: {
    id: Generated<string>;
    project_id: string;
    position: number;
    title: string;
    due_on: DateColumn;
    done_on: ColumnType<string | null, string | null | undefined, string | null>;
  };
}
