/** Tables of the government workbench: tasks down the hierarchy, dashboards, key lists, projects (migrations/20261129000009_create_workbench.sql). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WorkbenchTables {}
